#include "client/cli/command_client.h"

namespace factdesk::cli {

Result<std::unique_ptr<CommandClient>> CommandClient::Open(
    const client::ConnectionOptions& options) {
  FD_ASSIGN_OR_RETURN(auto channel, client::OpenChannel(options));
  return std::make_unique<CommandClient>(std::move(channel), options);
}

Result<v1::Workspace> CommandClient::Workspace(const std::string& slug) {
  if (const auto it = workspaces_by_slug_.find(slug); it != workspaces_by_slug_.end()) {
    return it->second;
  }
  v1::GetWorkspaceRequest req;
  req.set_slug(slug);
  FD_ASSIGN_OR_RETURN(v1::Workspace ws, Call(&v1::WorkspaceService::Stub::GetWorkspace, req));
  workspaces_by_slug_[slug] = ws;
  return ws;
}

Result<v1::Workspace> CommandClient::WorkspaceById(std::int64_t id) {
  for (const auto& [slug, ws] : workspaces_by_slug_) {
    if (ws.id() == id) return ws;
  }
  v1::GetWorkspaceRequest req;
  req.set_workspace_id(id);
  FD_ASSIGN_OR_RETURN(v1::Workspace ws, Call(&v1::WorkspaceService::Stub::GetWorkspace, req));
  workspaces_by_slug_[ws.slug()] = ws;
  return ws;
}

Result<v1::User> CommandClient::Me() {
  if (!me_) {
    FD_ASSIGN_OR_RETURN(const v1::WhoAmIResponse who,
                        Call(&v1::WorkspaceService::Stub::WhoAmI, v1::WhoAmIRequest()));
    me_ = who.user();
  }
  return *me_;
}

Result<std::vector<v1::Member>> CommandClient::Members(std::int64_t workspace_id) {
  if (const auto it = members_.find(workspace_id); it != members_.end()) return it->second;
  v1::ListMembersRequest req;
  req.set_workspace_id(workspace_id);
  FD_ASSIGN_OR_RETURN(const v1::ListMembersResponse resp,
                      Call(&v1::WorkspaceService::Stub::ListMembers, req));
  std::vector<v1::Member> members(resp.members().begin(), resp.members().end());
  members_[workspace_id] = members;
  return members;
}

Result<std::int64_t> CommandClient::MemberId(std::int64_t workspace_id, const std::string& handle) {
  FD_ASSIGN_OR_RETURN(const auto members, Members(workspace_id));
  for (const auto& m : members) {
    if (m.user().handle() == handle) return m.user().id();
  }
  std::string slug = std::to_string(workspace_id);
  if (auto ws = WorkspaceById(workspace_id); ws.ok()) slug = ws->slug();
  return Status::NotFound(handle + " is not a member of workspace " + slug);
}

}  // namespace factdesk::cli
