#pragma once

#include <optional>
#include <string_view>

// A member's role in one workspace. Roles are ordered: each may do everything the ones
// below it may (DESIGN 5).
namespace factdesk::domain {

enum class Role { kViewer, kChecker, kEditor, kAdmin };

// "viewer", "checker", "editor", "admin".
std::string_view RoleName(Role role);

// The role a name denotes, ignoring ASCII case ("Editor" is kEditor); nullopt otherwise.
std::optional<Role> ParseRole(std::string_view name);

// True when `held` ranks at least as high as `needed`.
inline bool HasAtLeast(Role held, Role needed) {
  return held >= needed;
}

}  // namespace factdesk::domain
