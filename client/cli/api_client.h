#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "client/net/connection.h"
#include "common/result.h"
#include "factdesk/v1/claim.grpc.pb.h"
#include "factdesk/v1/dashboard.grpc.pb.h"
#include "factdesk/v1/export.grpc.pb.h"
#include "factdesk/v1/live.grpc.pb.h"
#include "factdesk/v1/note.grpc.pb.h"
#include "factdesk/v1/review.grpc.pb.h"
#include "factdesk/v1/source.grpc.pb.h"
#include "factdesk/v1/token.grpc.pb.h"
#include "factdesk/v1/transcript.grpc.pb.h"
#include "factdesk/v1/workspace.grpc.pb.h"

namespace factdesk::cli {

// The trailing metadata that carries the current record after an ABORTED update.
inline constexpr char kCurrentTrailer[] = "factdesk-current-bin";

// One connection to a server: the channel, the token, a stub per service, and the
// look-ups commands share (workspace by slug, the caller, members by handle), cached
// for the life of the command.
class ApiClient {
 public:
  static Result<std::unique_ptr<ApiClient>> Open(const client::ConnectionOptions& options);

  // Runs a unary RPC with the token and a deadline; maps a failure to a Status whose
  // message a person can act on. With `current_bin`, an ABORTED failure also hands
  // back the serialized current record from the trailing metadata.
  template <typename Stub, typename Req, typename Resp>
  Result<Resp> Call(grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
                    const Req& request, std::string* current_bin = nullptr) {
    grpc::ClientContext ctx;
    client::PrepareContext(ctx, options_.token);
    Resp response;
    const grpc::Status status = (StubOf<Stub>().*method)(&ctx, request, &response);
    if (status.ok()) return response;
    if (current_bin != nullptr) *current_bin = Trailer(ctx, kCurrentTrailer);
    return Error(status);
  }

  // Runs a paged listing RPC page by page; `on_page(response)` returns false to stop.
  template <typename Stub, typename Req, typename Resp, typename OnPage>
  Status Pages(grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*), Req request,
               OnPage on_page) {
    for (;;) {
      FD_ASSIGN_OR_RETURN(const Resp response, Call(method, request));
      if (!on_page(response) || response.next_page_token().empty()) return Status::Ok();
      request.set_page_token(response.next_page_token());
    }
  }

  // A context for a streaming call: the token and a deadline of `timeout`.
  std::unique_ptr<grpc::ClientContext> StreamContext(std::chrono::milliseconds timeout) const;
  // A gRPC failure as the Status commands print; a server that cannot be reached gets
  // "cannot reach the server at ADDR (is it running?)".
  Status Error(const grpc::Status& status) const;

  v1::ExportService::Stub& exports() { return StubOf<v1::ExportService::Stub>(); }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  const client::ConnectionOptions& options() const { return options_; }

  // The workspace with this slug (GetWorkspace), cached.
  Result<v1::Workspace> Workspace(const std::string& slug);
  // The workspace by id, cached.
  Result<v1::Workspace> WorkspaceById(std::int64_t id);
  // The user behind the token.
  Result<v1::User> Me();
  // Members of a workspace, cached.
  Result<std::vector<v1::Member>> Members(std::int64_t workspace_id);
  // The id of the member with this handle; NOT_FOUND names the handle and workspace.
  Result<std::int64_t> MemberId(std::int64_t workspace_id, const std::string& handle);

 private:
  ApiClient() = default;
  template <typename Stub>
  Stub& StubOf() {
    return *std::get<std::unique_ptr<Stub>>(stubs_);
  }
  static std::string Trailer(const grpc::ClientContext& ctx, const std::string& key);

  client::ConnectionOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::tuple<std::unique_ptr<v1::WorkspaceService::Stub>,
             std::unique_ptr<v1::TranscriptService::Stub>, std::unique_ptr<v1::ClaimService::Stub>,
             std::unique_ptr<v1::SourceService::Stub>, std::unique_ptr<v1::NoteService::Stub>,
             std::unique_ptr<v1::ReviewService::Stub>, std::unique_ptr<v1::DashboardService::Stub>,
             std::unique_ptr<v1::LiveService::Stub>, std::unique_ptr<v1::ExportService::Stub>,
             std::unique_ptr<v1::TokenService::Stub>>
      stubs_;
  std::map<std::string, v1::Workspace> workspaces_by_slug_;
  std::optional<v1::User> me_;
  std::map<std::int64_t, std::vector<v1::Member>> members_;
};

}  // namespace factdesk::cli
