#include "client/cli/api_client.h"

#include <array>

namespace factdesk::cli {

Result<std::unique_ptr<ApiClient>> ApiClient::Open(const client::ConnectionOptions& options) {
  std::unique_ptr<ApiClient> api(new ApiClient());
  api->options_ = options;
  FD_ASSIGN_OR_RETURN(api->channel_, client::OpenChannel(options));
  const auto& ch = api->channel_;
  api->stubs_ = {v1::WorkspaceService::NewStub(ch), v1::TranscriptService::NewStub(ch),
                 v1::ClaimService::NewStub(ch),     v1::SourceService::NewStub(ch),
                 v1::NoteService::NewStub(ch),      v1::ReviewService::NewStub(ch),
                 v1::DashboardService::NewStub(ch), v1::LiveService::NewStub(ch),
                 v1::ExportService::NewStub(ch),    v1::TokenService::NewStub(ch)};
  return api;
}

std::unique_ptr<grpc::ClientContext> ApiClient::StreamContext(
    std::chrono::milliseconds timeout) const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  client::PrepareContext(*ctx, options_.token, timeout);
  return ctx;
}

Status ApiClient::Error(const grpc::Status& status) const {
  // gRPC's own wording for a server that is down or unreachable (the server itself
  // never answers UNAVAILABLE with these).
  static constexpr std::array kTransportFailures = {
      "failed to connect",     "Connection refused", "connections to all backends failing",
      "DNS resolution failed", "Socket closed",      "Failed to pick subchannel",
      "No route to host",      "Connection reset"};
  // A certificate problem is not a server that is down: say what failed.
  if (client::IsTlsHandshakeFailure(status)) return client::FromGrpc(status);
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    for (const char* text : kTransportFailures) {
      if (status.error_message().find(text) != std::string::npos) {
        return Status::Unavailable(
            "cannot reach the server at " + client::TargetOf(options_.address) +
            (client::WantsTls(options_)
                 ? " (is it running?)"
                 : " (is it running? if it uses TLS, use https:// and --ca)"));
      }
    }
  }
  if (status.error_code() == grpc::StatusCode::UNIMPLEMENTED && status.error_message().empty()) {
    return {Code::kUnimplemented, "the server at " + client::TargetOf(options_.address) +
                                      " does not offer this yet (is it older than this client?)"};
  }
  if (status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED) {
    return {Code::kDeadlineExceeded,
            "the server at " + client::TargetOf(options_.address) + " did not answer in time"};
  }
  return client::FromGrpc(status);
}

std::string ApiClient::Trailer(const grpc::ClientContext& ctx, const std::string& key) {
  const auto& trailers = ctx.GetServerTrailingMetadata();
  const auto it = trailers.find(key);
  if (it == trailers.end()) return "";
  return std::string(it->second.data(), it->second.size());
}

Result<v1::Workspace> ApiClient::Workspace(const std::string& slug) {
  if (const auto it = workspaces_by_slug_.find(slug); it != workspaces_by_slug_.end()) {
    return it->second;
  }
  v1::GetWorkspaceRequest req;
  req.set_slug(slug);
  FD_ASSIGN_OR_RETURN(v1::Workspace ws, Call(&v1::WorkspaceService::Stub::GetWorkspace, req));
  workspaces_by_slug_[slug] = ws;
  return ws;
}

Result<v1::Workspace> ApiClient::WorkspaceById(std::int64_t id) {
  for (const auto& [slug, ws] : workspaces_by_slug_) {
    if (ws.id() == id) return ws;
  }
  v1::GetWorkspaceRequest req;
  req.set_workspace_id(id);
  FD_ASSIGN_OR_RETURN(v1::Workspace ws, Call(&v1::WorkspaceService::Stub::GetWorkspace, req));
  workspaces_by_slug_[ws.slug()] = ws;
  return ws;
}

Result<v1::User> ApiClient::Me() {
  if (!me_) {
    FD_ASSIGN_OR_RETURN(const v1::WhoAmIResponse who,
                        Call(&v1::WorkspaceService::Stub::WhoAmI, v1::WhoAmIRequest()));
    me_ = who.user();
  }
  return *me_;
}

Result<std::vector<v1::Member>> ApiClient::Members(std::int64_t workspace_id) {
  if (const auto it = members_.find(workspace_id); it != members_.end()) return it->second;
  v1::ListMembersRequest req;
  req.set_workspace_id(workspace_id);
  FD_ASSIGN_OR_RETURN(const v1::ListMembersResponse resp,
                      Call(&v1::WorkspaceService::Stub::ListMembers, req));
  std::vector<v1::Member> members(resp.members().begin(), resp.members().end());
  members_[workspace_id] = members;
  return members;
}

Result<std::int64_t> ApiClient::MemberId(std::int64_t workspace_id, const std::string& handle) {
  FD_ASSIGN_OR_RETURN(const auto members, Members(workspace_id));
  for (const auto& m : members) {
    if (m.user().handle() == handle) return m.user().id();
  }
  std::string slug = std::to_string(workspace_id);
  if (auto ws = WorkspaceById(workspace_id); ws.ok()) slug = ws->slug();
  return Status::NotFound(handle + " is not a member of workspace " + slug);
}

}  // namespace factdesk::cli
