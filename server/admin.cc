#include "server/admin.h"

#include <fmt/format.h>

#include "domain/limits.h"
#include "domain/role_change.h"
#include "domain/roles.h"
#include "domain/text_validation.h"
#include "domain/token_lifetime.h"
#include "server/admin_tokens.h"
#include "server/store/account_store.h"

namespace factdesk::server {

using store::Tx;

Result<std::string> AdminCreateUser(store::Db& db, const std::string& handle,
                                    const std::string& display_name, bool exist_ok) {
  FD_RETURN_IF_ERROR(domain::ValidateHandle(handle));
  const std::string name = domain::Trim(display_name);
  FD_RETURN_IF_ERROR(domain::ValidateLine("--name", name, domain::kMaxDisplayNameChars, true));
  std::string out;
  FD_RETURN_IF_ERROR(db.Write("admin create-user", 0, [&](Tx& tx) -> Status {
    auto user = store::CreateUser(tx, handle, name);
    if (!user.ok() && exist_ok && user.status().code() == Code::kAlreadyExists) {
      out = fmt::format("user {} already exists", handle);
      return Status::Ok();
    }
    FD_RETURN_IF_ERROR(user.status());
    out = fmt::format("created user {} ({}), id {}", user->handle(), user->display_name(),
                      user->id());
    return Status::Ok();
  }));
  return out;
}

Result<std::string> AdminCreateWorkspace(store::Db& db, const std::string& slug,
                                         const std::string& name, const std::string& owner,
                                         bool exist_ok) {
  FD_RETURN_IF_ERROR(domain::ValidateSlug(slug));
  const std::string trimmed = domain::Trim(name);
  FD_RETURN_IF_ERROR(domain::ValidateLine("--name", trimmed, 200, true));
  FD_RETURN_IF_ERROR(domain::ValidateHandle(owner));
  std::string out;
  FD_RETURN_IF_ERROR(db.Write("admin create-workspace", 0, [&](Tx& tx) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::User user, store::FindUser(tx, owner));
    auto workspace = store::CreateWorkspace(tx, slug, trimmed, user.id());
    if (!workspace.ok() && exist_ok && workspace.status().code() == Code::kAlreadyExists) {
      out = fmt::format("workspace {} already exists", slug);
      return Status::Ok();
    }
    FD_RETURN_IF_ERROR(workspace.status());
    // The workspace's first event: its owner joins as admin.
    FD_RETURN_IF_ERROR(tx.TakeSeq(workspace->id()).status());
    v1::Event event;
    event.set_kind(v1::EVENT_KIND_MEMBER_SET);
    auto* member = event.mutable_member();
    *member->mutable_user() = user;
    member->set_role(v1::ROLE_ADMIN);
    tx.Append(event);
    out = fmt::format("created workspace {} ({}), id {}, owned by {}", workspace->slug(),
                      workspace->name(), workspace->id(), user.handle());
    return Status::Ok();
  }));
  return out;
}

Result<std::string> AdminAddMember(store::Db& db, const std::string& slug,
                                   const std::string& handle, const std::string& role_name) {
  FD_RETURN_IF_ERROR(domain::ValidateSlug(slug));
  FD_RETURN_IF_ERROR(domain::ValidateHandle(handle));
  const auto role = domain::ParseRole(role_name);
  if (!role) return Status::InvalidArgument("--role", "must be viewer, checker, editor or admin");
  std::string out;
  FD_RETURN_IF_ERROR(db.Write("admin add-member", 0, [&](Tx& tx) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::Workspace workspace, store::GetWorkspaceBySlug(tx, slug, 0));
    FD_ASSIGN_OR_RETURN(const v1::User user, store::FindUser(tx, handle));
    // The same rule as the SetMember RPC: no last admin demoted, no claims stranded.
    FD_RETURN_IF_ERROR(
        domain::CheckRoleChange(store::ReadRoleChange(tx, workspace.id(), user, *role)));
    FD_RETURN_IF_ERROR(tx.TakeSeq(workspace.id()).status());
    FD_ASSIGN_OR_RETURN(v1::Member member, store::SetMember(tx, workspace.id(), user.id(), *role));
    *member.mutable_user() = user;
    v1::Event event;
    event.set_kind(v1::EVENT_KIND_MEMBER_SET);
    *event.mutable_member() = member;
    tx.Append(event);
    out = fmt::format("{} is now {} in {}", handle, domain::RoleName(*role), slug);
    return Status::Ok();
  }));
  return out;
}

Result<std::string> AdminIssueToken(store::Db& db, const std::string& handle) {
  FD_ASSIGN_OR_RETURN(store::IssuedToken issued,
                      AdminNewToken(db, handle, domain::kDefaultTokenLifetime));
  return std::move(issued.token);
}

}  // namespace factdesk::server
