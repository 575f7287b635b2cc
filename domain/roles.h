#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "common/status.h"

// A member's role in one workspace. Roles are ordered: each may do everything the ones
// below it may (DESIGN 5).
namespace factdesk::domain {

enum class Role { kViewer, kChecker, kEditor, kAdmin };
// Every role, lowest first: for code and tests that walk them all.
inline constexpr Role kAllRoles[] = {Role::kViewer, Role::kChecker, Role::kEditor, Role::kAdmin};

// "viewer", "checker", "editor", "admin".
std::string_view RoleName(Role role);

// The role a name denotes, ignoring ASCII case ("Editor" is kEditor); nullopt otherwise.
std::optional<Role> ParseRole(std::string_view name);

// True when `held` ranks at least as high as `needed`.
inline bool HasAtLeast(Role held, Role needed) {
  return held >= needed;
}

// PERMISSION_DENIED "you are not a member of workspace 7": what someone outside a
// workspace is told whatever they ask of it.
Status NotAMember(std::int64_t workspace_id);

}  // namespace factdesk::domain
