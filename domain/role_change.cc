#include "domain/role_change.h"

namespace factdesk::domain {

Status RequireNoOpenAssignments(const std::string& handle, const std::vector<std::int64_t>& claims,
                                const std::string& outcome) {
  if (claims.empty()) return Status::Ok();
  std::string ids;
  for (std::size_t i = 0; i < claims.size() && i < kShownAssignments; ++i) {
    ids += (i == 0 ? "" : ", ") + std::to_string(claims[i]);
  }
  if (claims.size() > kShownAssignments) ids += ", ...";
  return Status::FailedPrecondition(handle + " is assigned to claims still under review (" + ids +
                                    "); reassign them before " + handle + " " + outcome);
}

Status CheckRoleChange(const RoleChange& change) {
  if (change.previous == Role::kAdmin && change.next != Role::kAdmin && change.admin_count == 1) {
    return Status::FailedPrecondition(change.handle +
                                      " is the workspace's last admin; make someone else admin "
                                      "first");
  }
  if (change.previous && HasAtLeast(*change.previous, Role::kChecker) &&
      !HasAtLeast(change.next, Role::kChecker)) {
    return RequireNoOpenAssignments(change.handle, change.open_assignments, "can become a viewer");
  }
  return Status::Ok();
}

}  // namespace factdesk::domain
