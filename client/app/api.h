#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <tuple>

#include <grpcpp/grpcpp.h>

#include "client/net/connection.h"
#include "common/result.h"
#include "factdesk/v1/claim.grpc.pb.h"
#include "factdesk/v1/dashboard.grpc.pb.h"
#include "factdesk/v1/live.grpc.pb.h"
#include "factdesk/v1/note.grpc.pb.h"
#include "factdesk/v1/review.grpc.pb.h"
#include "factdesk/v1/source.grpc.pb.h"
#include "factdesk/v1/transcript.grpc.pb.h"
#include "factdesk/v1/workspace.grpc.pb.h"

namespace factdesk::app {

// The trailing metadata that carries the current record after an ABORTED update.
inline constexpr char kCurrentTrailer[] = "factdesk-current-bin";

// The desktop's connection: one channel, the token, a stub per service. Calls are
// blocking and thread-safe (the controller runs them on its worker threads).
class Api {
 public:
  Api(std::shared_ptr<grpc::Channel> channel, std::string token, std::string address);

  // Runs a unary RPC with the token and a deadline. A failure becomes a Status whose
  // message a person can act on (Error). With `current_bin`, an ABORTED failure also
  // hands back the serialized current record from the trailing metadata.
  template <typename Stub, typename Req, typename Resp>
  Result<Resp> Call(grpc::Status (Stub::*method)(grpc::ClientContext*, const Req&, Resp*),
                    const Req& request, std::string* current_bin = nullptr,
                    std::chrono::milliseconds timeout = std::chrono::seconds(30)) {
    grpc::ClientContext ctx;
    client::PrepareContext(ctx, token_, timeout);
    Resp response;
    const grpc::Status status = (StubOf<Stub>().*method)(&ctx, request, &response);
    if (status.ok()) return response;
    if (current_bin != nullptr) {
      const auto& trailers = ctx.GetServerTrailingMetadata();
      auto it = trailers.find(kCurrentTrailer);
      if (it != trailers.end()) current_bin->assign(it->second.data(), it->second.size());
    }
    return Error(status);
  }

  // A gRPC failure in plain words: "cannot reach the server at X", "the token was
  // refused", ...; the code is kept.
  Status Error(const grpc::Status& status) const;

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  const std::string& token() const { return token_; }
  const std::string& address() const { return address_; }

 private:
  template <typename Stub>
  Stub& StubOf() {
    return *std::get<std::unique_ptr<Stub>>(stubs_);
  }

  std::shared_ptr<grpc::Channel> channel_;
  std::string token_;
  std::string address_;
  std::tuple<std::unique_ptr<v1::WorkspaceService::Stub>,
             std::unique_ptr<v1::TranscriptService::Stub>, std::unique_ptr<v1::ClaimService::Stub>,
             std::unique_ptr<v1::SourceService::Stub>, std::unique_ptr<v1::NoteService::Stub>,
             std::unique_ptr<v1::ReviewService::Stub>, std::unique_ptr<v1::LiveService::Stub>,
             std::unique_ptr<v1::DashboardService::Stub>>
      stubs_;
};

}  // namespace factdesk::app
