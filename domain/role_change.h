#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/roles.h"

// Whether a member's role may change: one rule for the SetMember RPC and for
// `factdesk-server admin add-member`.
namespace factdesk::domain {

// At most this many of a member's open assignments are named in a refusal.
inline constexpr std::size_t kShownAssignments = 10;

struct RoleChange {
  std::string handle;
  std::optional<Role> previous;  // nullopt: not a member yet
  Role next = Role::kViewer;
  std::int64_t admin_count = 0;  // the workspace's admins now
  // Claims still under review assigned to them (up to kShownAssignments + 1).
  std::vector<std::int64_t> open_assignments;
};

// OK, or FAILED_PRECONDITION when the change would leave the workspace without an admin,
// or make a checker with open assignments a viewer (their claims would be stranded).
Status CheckRoleChange(const RoleChange& change);

// FAILED_PRECONDITION "dan is assigned to claims still under review (4, 9); reassign them
// before dan <outcome>", or OK when `claims` is empty.
Status RequireNoOpenAssignments(const std::string& handle, const std::vector<std::int64_t>& claims,
                                const std::string& outcome);

}  // namespace factdesk::domain
