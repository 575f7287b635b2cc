#include "server/rpc/call.h"

#include <chrono>

#include "server/logging/request_log.h"
#include "server/rpc/metrics.h"

namespace factdesk::rpc {
namespace {

using logging::LogRequest;
using logging::NewRequestId;

constexpr std::size_t kMaxRequestIdBytes = 64;

std::string_view Metadata(const grpc::CallbackServerContext* ctx, std::string_view key,
                          bool* present) {
  const auto& md = ctx->client_metadata();
  const auto it = md.find(grpc::string_ref(key.data(), key.size()));
  *present = it != md.end();
  if (!*present) return {};
  return {it->second.data(), it->second.size()};
}

}  // namespace

std::string TakeRequestId(grpc::CallbackServerContext* ctx) {
  std::string id = NewRequestId();
  bool present = false;
  const std::string_view given = Metadata(ctx, v1::kRequestIdKey, &present);
  if (present && !given.empty() && given.size() <= kMaxRequestIdBytes) {
    bool printable = true;
    for (const char c : given) printable = printable && c > ' ' && c < 127 && c != '"';
    if (printable) id = given;
  }
  ctx->AddInitialMetadata(v1::kRequestIdKey, id);
  return id;
}

grpc::Status ToGrpc(const Status& status) {
  if (status.ok()) return grpc::Status::OK;
  return {static_cast<grpc::StatusCode>(status.code()), status.message()};
}

Credentials ReadCredentials(const grpc::CallbackServerContext* ctx) {
  Credentials c;
  c.authorization = std::string(Metadata(ctx, v1::kAuthorizationKey, &c.present));
  return c;
}

Result<Call> AuthenticateCall(Runtime& rt, const Credentials& credentials, std::string request_id) {
  FD_ASSIGN_OR_RETURN(v1::User user,
                      rt.auth.Authenticate(credentials.authorization, credentials.present));
  return Call(std::move(user), std::move(request_id));
}

void RunUnary(Runtime& rt, grpc::CallbackServerContext* ctx, grpc::ServerUnaryReactor* reactor,
              std::string_view method, std::function<Status(Call&)> handler) {
  const auto start = std::chrono::steady_clock::now();
  auto task = [&rt, ctx, reactor, method, start, handler = std::move(handler)]() {
    Status status;
    std::string user = "-";
    const std::string request_id = TakeRequestId(ctx);
    if (ctx->IsCancelled()) {
      status = Status(Code::kCancelled, "the client cancelled the request");
    } else if (auto call = AuthenticateCall(rt, ReadCredentials(ctx), request_id); !call.ok()) {
      status = call.status();
    } else {
      user = call->user().handle();
      status = handler(*call);
      if (status.code() == Code::kAborted && !call->current().empty()) {
        ctx->AddTrailingMetadata(v1::kCurrentRecordKey, call->current());
      }
    }
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    LogRequest(method, user, status, ms, request_id);
    if (rt.metrics != nullptr) rt.metrics->ObserveRequest(method, status.code(), ms / 1000.0);
    reactor->Finish(ToGrpc(status));
  };
  if (!rt.workers.Submit(std::move(task))) {
    const Status busy = Status::ResourceExhausted("the server is busy; try again shortly");
    LogRequest(method, "-", busy, 0, "-");
    if (rt.metrics != nullptr) rt.metrics->ObserveRequest(method, busy.code(), 0);
    reactor->Finish(ToGrpc(busy));
  }
}

}  // namespace factdesk::rpc
