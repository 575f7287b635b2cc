#include "server/rpc/workspace_service.h"

#include <fmt/format.h>

#include "domain/review_rules.h"
#include "domain/role_change.h"
#include "domain/text_validation.h"
#include "domain/url.h"
#include "events/event_kind.h"
#include "proto/domain_enums.h"
#include "proto/enum_text.h"
#include "server/rpc/authorize.h"
#include "server/rpc/call.h"
#include "server/rpc/request_checks.h"
#include "server/store/account_store.h"
#include "server/store/scale_store.h"

namespace factdesk::rpc {
namespace {

using store::Tx;

// Runs a change to workspace settings as one sequenced mutation whose event carries
// the workspace as it now stands.
Status ChangeWorkspace(Runtime& rt, Call& call, std::int64_t workspace_id, v1::EventKind kind,
                       domain::Action action, const std::function<Status(Tx&)>& change,
                       v1::Workspace* out) {
  return rt.db.Write(events::KindName(kind), call.writer(), [&](Tx& tx) -> Status {
    FD_RETURN_IF_ERROR(Authorize(tx, workspace_id, call, action).status());
    FD_RETURN_IF_ERROR(tx.TakeSeq(workspace_id).status());
    FD_RETURN_IF_ERROR(change(tx));
    FD_ASSIGN_OR_RETURN(*out, store::GetWorkspace(tx, workspace_id, call.user_id()));
    v1::Event event = NewEvent(kind);
    *event.mutable_workspace() = *out;
    event.mutable_workspace()->clear_my_role();
    tx.Append(event);
    return Status::Ok();
  });
}

// Someone who still holds claims under review cannot leave the checkers: their claims
// would show an assignee nobody can reach. The editor reassigns them first.
Status RequireNoOpenAssignments(Tx& tx, std::int64_t workspace_id, const v1::User& user,
                                std::string_view outcome) {
  const auto claims = store::OpenAssignments(tx, workspace_id, user.id(),
                                             static_cast<int>(domain::kShownAssignments) + 1);
  return domain::RequireNoOpenAssignments(user.handle(), claims, std::string(outcome));
}

}  // namespace

WorkspaceService::WorkspaceService(Runtime& rt) : rt_(rt) {}
WorkspaceService::~WorkspaceService() = default;

grpc::ServerUnaryReactor* WorkspaceService::WhoAmI(grpc::CallbackServerContext* ctx,
                                                   const v1::WhoAmIRequest* /*req*/,
                                                   v1::WhoAmIResponse* resp) {
  return Unary(rt_, ctx, "WhoAmI", [resp](Call& call) {
    *resp->mutable_user() = call.user();
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* WorkspaceService::ListWorkspaces(grpc::CallbackServerContext* ctx,
                                                           const v1::ListWorkspacesRequest* /*req*/,
                                                           v1::ListWorkspacesResponse* resp) {
  return Unary(rt_, ctx, "ListWorkspaces", [this, resp](Call& call) {
    return rt_.db.Read("ListWorkspaces", [&](Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(auto list, store::ListWorkspacesOf(tx, call.user_id()));
      for (auto& w : list) *resp->add_workspaces() = std::move(w);
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* WorkspaceService::GetWorkspace(grpc::CallbackServerContext* ctx,
                                                         const v1::GetWorkspaceRequest* req,
                                                         v1::Workspace* resp) {
  return Unary(rt_, ctx, "GetWorkspace", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return rt_.db.Read("GetWorkspace", [&](Tx& tx) -> Status {
      auto found = req->workspace_id() != 0
                       ? store::GetWorkspace(tx, req->workspace_id(), call.user_id())
                       : store::GetWorkspaceBySlug(tx, req->slug(), call.user_id());
      // Missing and not yours answer alike, so a non-member learns no slug or id exists.
      if (!found.ok() && found.status().code() != Code::kNotFound) return found.status();
      if (!found.ok() || found->my_role() == v1::ROLE_UNSPECIFIED) {
        return Status::PermissionDenied(
            req->workspace_id() != 0
                ? "you are not a member of workspace " + std::to_string(req->workspace_id())
                : "you are not a member of workspace '" + req->slug() + "'");
      }
      *resp = std::move(*found);
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* WorkspaceService::ListMembers(grpc::CallbackServerContext* ctx,
                                                        const v1::ListMembersRequest* req,
                                                        v1::ListMembersResponse* resp) {
  return Unary(rt_, ctx, "ListMembers", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return rt_.db.Read("ListMembers", [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(Authorize(tx, req->workspace_id(), call, domain::Action::kRead).status());
      FD_ASSIGN_OR_RETURN(auto members, store::ListMembers(tx, req->workspace_id()));
      for (auto& m : members) *resp->add_members() = std::move(m);
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* WorkspaceService::SetMember(grpc::CallbackServerContext* ctx,
                                                      const v1::SetMemberRequest* req,
                                                      v1::Member* resp) {
  return Mutation(rt_, ctx, "SetMember", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    const auto role = v1::ToDomain(req->role());
    return rt_.db.Write("SetMember", call.writer(), [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(
          Authorize(tx, req->workspace_id(), call, domain::Action::kManageMembers).status());
      FD_ASSIGN_OR_RETURN(const v1::User user, store::FindUser(tx, req->handle()));
      FD_RETURN_IF_ERROR(
          domain::CheckRoleChange(store::ReadRoleChange(tx, req->workspace_id(), user, *role)));
      FD_RETURN_IF_ERROR(tx.TakeSeq(req->workspace_id()).status());
      FD_ASSIGN_OR_RETURN(*resp, store::SetMember(tx, req->workspace_id(), user.id(), *role));
      *resp->mutable_user() = user;
      v1::Event event = NewEvent(v1::EVENT_KIND_MEMBER_SET);
      *event.mutable_member() = *resp;
      tx.Append(event);
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* WorkspaceService::RemoveMember(grpc::CallbackServerContext* ctx,
                                                         const v1::RemoveMemberRequest* req,
                                                         v1::RemoveMemberResponse* resp) {
  return Mutation(rt_, ctx, "RemoveMember", req, resp, [this, req](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return rt_.db.Write("RemoveMember", call.writer(), [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(
          Authorize(tx, req->workspace_id(), call, domain::Action::kManageMembers).status());
      // A handle nobody has answers as one who is not a member: removing someone is no
      // way to learn which handles exist (17.10).
      const Result<v1::User> found = store::FindUser(tx, req->handle());
      if (!found.ok() && found.status().code() != Code::kNotFound) return found.status();
      const auto role =
          found.ok() ? store::RoleOf(tx, req->workspace_id(), found->id()) : std::nullopt;
      if (!role) {
        return Status::NotFound(fmt::format("{} is not a member of this workspace", req->handle()));
      }
      const v1::User& user = *found;
      if (*role == domain::Role::kAdmin && store::CountAdmins(tx, req->workspace_id()) == 1) {
        return Status::FailedPrecondition(
            fmt::format("{} is the workspace's last admin and cannot be removed", user.handle()));
      }
      FD_RETURN_IF_ERROR(RequireNoOpenAssignments(tx, req->workspace_id(), user, "can be removed"));
      FD_RETURN_IF_ERROR(tx.TakeSeq(req->workspace_id()).status());
      FD_RETURN_IF_ERROR(store::RemoveMember(tx, req->workspace_id(), user.id()));
      v1::Event event = NewEvent(v1::EVENT_KIND_MEMBER_REMOVED);
      *event.mutable_member()->mutable_user() = user;
      tx.Append(event);
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* WorkspaceService::UpdatePolicy(grpc::CallbackServerContext* ctx,
                                                         const v1::UpdatePolicyRequest* req,
                                                         v1::Workspace* resp) {
  return Mutation(rt_, ctx, "UpdatePolicy", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    const auto& p = req->policy();
    return ChangeWorkspace(
        rt_, call, req->workspace_id(), v1::EVENT_KIND_WORKSPACE_POLICY_UPDATED,
        domain::Action::kManagePolicy,
        [&](Tx& tx) { return store::UpdatePolicy(tx, req->workspace_id(), p); }, resp);
  });
}

grpc::ServerUnaryReactor* WorkspaceService::SetRatingScale(grpc::CallbackServerContext* ctx,
                                                           const v1::SetRatingScaleRequest* req,
                                                           v1::Workspace* resp) {
  return Mutation(rt_, ctx, "SetRatingScale", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    v1::RatingScale given;
    *given.mutable_labels() = req->labels();
    const domain::RatingScale scale = store::ToDomainScale(given);
    return ChangeWorkspace(
        rt_, call, req->workspace_id(), v1::EVENT_KIND_WORKSPACE_SCALE_UPDATED,
        domain::Action::kManageScale,
        [&](Tx& tx) {
          return store::ReplaceScale(tx, req->workspace_id(), scale, call.user_id()).status();
        },
        resp);
  });
}

grpc::ServerUnaryReactor* WorkspaceService::UpdatePublisher(grpc::CallbackServerContext* ctx,
                                                            const v1::UpdatePublisherRequest* req,
                                                            v1::Workspace* resp) {
  return Mutation(rt_, ctx, "UpdatePublisher", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    v1::Publisher publisher;
    publisher.set_name(domain::Trim(req->publisher().name()));
    // Given URLs are stored normalised.
    auto url = [](const char* field, const std::string& value) -> Result<std::string> {
      if (value.empty()) return std::string();
      return domain::NormalizeUrl(field, value);
    };
    FD_ASSIGN_OR_RETURN(*publisher.mutable_url(), url("publisher.url", req->publisher().url()));
    FD_ASSIGN_OR_RETURN(*publisher.mutable_claim_url_prefix(),
                        url("publisher.claim_url_prefix", req->publisher().claim_url_prefix()));
    return ChangeWorkspace(
        rt_, call, req->workspace_id(), v1::EVENT_KIND_WORKSPACE_PUBLISHER_UPDATED,
        domain::Action::kManagePolicy,
        [&](Tx& tx) { return store::UpdatePublisher(tx, req->workspace_id(), publisher); }, resp);
  });
}

}  // namespace factdesk::rpc
