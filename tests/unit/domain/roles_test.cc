#include "domain/roles.h"

#include <gtest/gtest.h>

namespace factdesk::domain {
namespace {

TEST(Role, NamesAreLowercaseWords) {
  EXPECT_EQ(RoleName(Role::kViewer), "viewer");
  EXPECT_EQ(RoleName(Role::kChecker), "checker");
  EXPECT_EQ(RoleName(Role::kEditor), "editor");
  EXPECT_EQ(RoleName(Role::kAdmin), "admin");
}

TEST(Role, ParsesItsNamesIgnoringCase) {
  for (const Role role : {Role::kViewer, Role::kChecker, Role::kEditor, Role::kAdmin}) {
    EXPECT_EQ(ParseRole(RoleName(role)), role);
  }
  EXPECT_EQ(ParseRole("Editor"), Role::kEditor);
  EXPECT_EQ(ParseRole("ADMIN"), Role::kAdmin);
}

TEST(Role, RefusesOtherNames) {
  for (const std::string_view name : {"", "owner", " viewer", "viewer ", "edit", "admins"}) {
    EXPECT_FALSE(ParseRole(name).has_value()) << name;
  }
}

TEST(Role, IsOrderedFromViewerToAdmin) {
  EXPECT_LT(Role::kViewer, Role::kChecker);
  EXPECT_LT(Role::kChecker, Role::kEditor);
  EXPECT_LT(Role::kEditor, Role::kAdmin);
  EXPECT_TRUE(HasAtLeast(Role::kAdmin, Role::kViewer));
  EXPECT_TRUE(HasAtLeast(Role::kEditor, Role::kEditor));
  EXPECT_FALSE(HasAtLeast(Role::kChecker, Role::kEditor));
}

}  // namespace
}  // namespace factdesk::domain
