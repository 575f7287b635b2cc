#include "domain/roles.h"

#include <array>
#include <string>

#include "domain/unicode.h"

namespace factdesk::domain {
namespace {

constexpr std::array kRoles = {Role::kViewer, Role::kChecker, Role::kEditor, Role::kAdmin};

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kViewer:
      return "viewer";
    case Role::kChecker:
      return "checker";
    case Role::kEditor:
      return "editor";
    case Role::kAdmin:
      return "admin";
  }
  return "unknown role";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (const Role role : kRoles) {
    if (unicode::EqualsIgnoringAsciiCase(name, RoleName(role))) return role;
  }
  return std::nullopt;
}

Status NotAMember(std::int64_t workspace_id) {
  return Status::PermissionDenied("you are not a member of workspace " +
                                  std::to_string(workspace_id));
}

}  // namespace factdesk::domain
