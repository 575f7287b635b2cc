#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "client/net/backoff.h"
#include "client/net/connection.h"
#include "client/net/mutations.h"
#include "common/result.h"
#include "factdesk/v1/archive.grpc.pb.h"
#include "factdesk/v1/claim.grpc.pb.h"
#include "factdesk/v1/dashboard.grpc.pb.h"
#include "factdesk/v1/export.grpc.pb.h"
#include "factdesk/v1/live.grpc.pb.h"
#include "factdesk/v1/note.grpc.pb.h"
#include "factdesk/v1/review.grpc.pb.h"
#include "factdesk/v1/source.grpc.pb.h"
#include "factdesk/v1/suggestion.grpc.pb.h"
#include "factdesk/v1/token.grpc.pb.h"
#include "factdesk/v1/transcript.grpc.pb.h"
#include "factdesk/v1/workspace.grpc.pb.h"

namespace factdesk::client {

// How a unary call is retried: three tries, the waits between them drawn from
// [0, 250 ms] and [0, 500 ms] (backoff.h), so a failover of a few seconds is ridden
// through by the caller's own retry and a dead server is reported within a second.
inline constexpr int kCallAttempts = 3;
inline constexpr BackoffParams kCallRetryBackoff{std::chrono::milliseconds(250),
                                                 std::chrono::milliseconds(2000)};

// A new idempotency key: 32 random hex digits.
std::string NewIdempotencyKey();
// UNAVAILABLE or DEADLINE_EXCEEDED: worth the same request again.
bool IsRetryable(const grpc::Status& status);

// What one unary call may change from the defaults.
struct CallOptions {
  std::chrono::milliseconds timeout = kDefaultCallTimeout;
  // When set and the call fails ABORTED: the serialized record as it now stands, from
  // the v1::kCurrentRecordKey trailer ("" when the server sent none).
  std::string* current_bin = nullptr;
  // Tries in all while the call fails UNAVAILABLE (no server, a failover) or
  // DEADLINE_EXCEEDED; a mutation's retries carry its first try's idempotency key.
  int attempts = kCallAttempts;
  // The mutation's idempotency key; empty: a new one for this call.
  std::string idempotency_key{};
};

// The value of a trailer of a finished call ("" when absent).
std::string TrailerOf(const grpc::ClientContext& ctx, const char* key);

// The one client of the factdesk.v1 API, for the desktop and the command line: a
// channel, the token, a stub per service. Unary calls carry the token and a deadline;
// listings page; a failure comes back as a Status worded by call_errors.h (the server's
// own message when the server sent the status). Calls are blocking and thread-safe.
class ApiClient {
 public:
  // Opens a channel for `options` (INVALID_ARGUMENT names a bad address or TLS file).
  static Result<std::unique_ptr<ApiClient>> Open(const ConnectionOptions& options);
  // Over a channel opened already: after TLS discovery, or a test's channel.
  ApiClient(std::shared_ptr<grpc::Channel> channel, ConnectionOptions options);

  template <typename Stub, typename Req, typename Resp>
  using Method = grpc::Status (Stub::*)(grpc::ClientContext*, const Req&, Resp*);

  // Runs a unary RPC, retrying it (options.attempts) while the server is unreachable or
  // late; a mutation sends one idempotency key with every try.
  template <typename Stub, typename Req, typename Resp>
  Result<Resp> Call(Method<Stub, Req, Resp> method, const Req& request,
                    const CallOptions& options = {}) {
    std::string key;
    if constexpr (kIsMutation<Req>) {
      key = options.idempotency_key.empty() ? NewIdempotencyKey() : options.idempotency_key;
    }
    Backoff backoff(kCallRetryBackoff);
    for (int attempt = 1;; ++attempt) {
      grpc::ClientContext ctx;
      PrepareContext(ctx, options_.token, options.timeout);
      if (!key.empty()) ctx.AddMetadata(v1::kIdempotencyKey, key);
      Resp response;
      const grpc::Status status = (StubOf<Stub>().*method)(&ctx, request, &response);
      if (status.ok()) return response;
      if (attempt < options.attempts && IsRetryable(status)) {
        std::this_thread::sleep_for(backoff.Next());
        continue;
      }
      if (options.current_bin != nullptr) {
        *options.current_bin = TrailerOf(ctx, v1::kCurrentRecordKey);
      }
      return Error(status, &ctx);
    }
  }

  // Runs a listing RPC page by page from request's page (its page_token, usually none);
  // `on_page(response)` returns false to stop early.
  template <typename Stub, typename Req, typename Resp, typename OnPage>
  Status Pages(Method<Stub, Req, Resp> method, Req request, OnPage on_page) {
    for (;;) {
      FD_ASSIGN_OR_RETURN(const Resp response, Call(method, request));
      if (!on_page(response) || response.next_page_token().empty()) return Status::Ok();
      // A token that does not move would loop for ever.
      if (response.next_page_token() == request.page_token()) {
        return Status::Internal("the server repeated a page token; the listing stops here");
      }
      request.set_page_token(response.next_page_token());
    }
  }

  // Every item of a listing, all pages: All(&Stub::ListClaims, req, &Resp::claims).
  template <typename Stub, typename Req, typename Resp, typename Item>
  Result<std::vector<Item>> All(Method<Stub, Req, Resp> method, Req request,
                                const google::protobuf::RepeatedPtrField<Item>& (Resp::*items)()
                                    const) {
    std::vector<Item> out;
    FD_RETURN_IF_ERROR(Pages(method, std::move(request), [&](const Resp& page) {
      out.insert(out.end(), (page.*items)().begin(), (page.*items)().end());
      return true;
    }));
    return out;
  }

  // A context for a streaming call: the token and a deadline `timeout` away.
  std::unique_ptr<grpc::ClientContext> StreamContext(std::chrono::milliseconds timeout) const;
  // A failed call in words (call_errors.h). With the call's context, a status the server
  // sent is told apart by its metadata as well as by gRPC's wording.
  Status Error(const grpc::Status& status, const grpc::ClientContext* ctx = nullptr) const;

  v1::ExportService::Stub& exports() { return StubOf<v1::ExportService::Stub>(); }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  const ConnectionOptions& options() const { return options_; }
  // host:port, as messages name the server.
  std::string address() const { return TargetOf(options_.address); }

 private:
  template <typename Stub>
  Stub& StubOf() {
    return *std::get<std::unique_ptr<Stub>>(stubs_);
  }

  std::shared_ptr<grpc::Channel> channel_;
  ConnectionOptions options_;
  std::tuple<std::unique_ptr<v1::WorkspaceService::Stub>,
             std::unique_ptr<v1::TranscriptService::Stub>, std::unique_ptr<v1::ClaimService::Stub>,
             std::unique_ptr<v1::SourceService::Stub>, std::unique_ptr<v1::NoteService::Stub>,
             std::unique_ptr<v1::ReviewService::Stub>, std::unique_ptr<v1::DashboardService::Stub>,
             std::unique_ptr<v1::LiveService::Stub>, std::unique_ptr<v1::ExportService::Stub>,
             std::unique_ptr<v1::TokenService::Stub>, std::unique_ptr<v1::ArchiveService::Stub>,
             std::unique_ptr<v1::SuggestionService::Stub>>
      stubs_;
};

}  // namespace factdesk::client
