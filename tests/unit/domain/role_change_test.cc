#include "domain/role_change.h"

#include <gtest/gtest.h>

namespace factdesk::domain {
namespace {

RoleChange Change(std::optional<Role> previous, Role next) {
  RoleChange change;
  change.handle = "dan";
  change.previous = previous;
  change.next = next;
  change.admin_count = 2;
  return change;
}

TEST(CheckRoleChange, KeepsALastAdmin) {
  RoleChange change = Change(Role::kAdmin, Role::kEditor);
  EXPECT_TRUE(CheckRoleChange(change).ok());
  change.admin_count = 1;
  const Status s = CheckRoleChange(change);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_EQ(s.message(), "dan is the workspace's last admin; make someone else admin first");
  change.next = Role::kAdmin;
  EXPECT_TRUE(CheckRoleChange(change).ok());
}

TEST(CheckRoleChange, KeepsACheckerWithOpenAssignments) {
  RoleChange change = Change(Role::kChecker, Role::kViewer);
  EXPECT_TRUE(CheckRoleChange(change).ok());
  change.open_assignments = {4, 9};
  const Status s = CheckRoleChange(change);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_EQ(s.message(),
            "dan is assigned to claims still under review (4, 9); reassign them before dan can "
            "become a viewer");
  // Promotions and new members are never stranded.
  change.next = Role::kEditor;
  EXPECT_TRUE(CheckRoleChange(change).ok());
  EXPECT_TRUE(CheckRoleChange(Change(std::nullopt, Role::kViewer)).ok());
}

TEST(RequireNoOpenAssignments, NamesAtMostTenClaims) {
  std::vector<std::int64_t> claims;
  for (std::int64_t id = 1; id <= 11; ++id) claims.push_back(id);
  EXPECT_EQ(RequireNoOpenAssignments("dan", claims, "can be removed").message(),
            "dan is assigned to claims still under review (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ...); "
            "reassign them before dan can be removed");
}

}  // namespace
}  // namespace factdesk::domain
