#include "server/rpc/call.h"

#include <chrono>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "server/logging/request_log.h"
#include "server/rpc/metrics.h"
#include "server/store/digest.h"

namespace factdesk::rpc {
namespace {

using logging::LogRequest;
using logging::NewRequestId;

constexpr std::size_t kMaxRequestIdBytes = 64;
constexpr std::size_t kMaxIdempotencyKeyBytes = 128;

bool Printable(std::string_view text) {
  for (const char c : text) {
    if (c <= ' ' || c >= 127 || c == '"') return false;
  }
  return true;
}

// The same request always gives the same bytes (map order fixed), hence the same print.
std::string Fingerprint(std::string_view method, const google::protobuf::Message& request) {
  std::string bytes(method);
  bytes.push_back('\0');
  {
    google::protobuf::io::StringOutputStream out(&bytes);
    google::protobuf::io::CodedOutputStream coded(&out);
    coded.SetSerializationDeterministic(true);
    request.SerializeToCodedStream(&coded);
  }
  return store::Sha256(bytes);
}

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
  if (present && !given.empty() && given.size() <= kMaxRequestIdBytes && Printable(given)) {
    id = given;
  }
  ctx->AddInitialMetadata(v1::kRequestIdKey, id);
  return id;
}

store::WriteOptions Call::writer() {
  store::WriteOptions options{.actor_id = user_id(), .deadline = deadline_};
  if (request_ != nullptr) {
    if (idempotency_.fingerprint.empty()) {
      idempotency_.fingerprint = Fingerprint(idempotency_.method, *request_);
    }
    options.idempotency = &idempotency_;
  }
  return options;
}

void Call::set_idempotency(std::string key, std::string_view method,
                           const google::protobuf::Message* request,
                           google::protobuf::Message* response) {
  request_ = request;
  idempotency_ = {std::move(key), std::string(method), "", response};
}

namespace {

// Reads a mutation's idempotency key into `call`: none sent is fine (tools such as
// grpcurl), a malformed one is refused before anything runs.
Status TakeIdempotencyKey(const grpc::CallbackServerContext* ctx, std::string_view method,
                          const google::protobuf::Message* request,
                          google::protobuf::Message* response, Call& call) {
  bool present = false;
  const std::string_view key = Metadata(ctx, v1::kIdempotencyKey, &present);
  if (!present) return Status::Ok();
  if (key.empty() || key.size() > kMaxIdempotencyKeyBytes || !Printable(key)) {
    return Status::InvalidArgument(
        v1::kIdempotencyKey,
        "must be 1 to 128 printable ASCII characters without spaces or quotes (a UUID will do)");
  }
  call.set_idempotency(std::string(key), method, request, response);
  return Status::Ok();
}

}  // namespace

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
  FD_ASSIGN_OR_RETURN(v1::ApiToken token,
                      rt.auth.Authenticate(credentials.authorization, credentials.present));
  return Call(std::move(token), std::move(request_id));
}

void RunUnary(Runtime& rt, grpc::CallbackServerContext* ctx, grpc::ServerUnaryReactor* reactor,
              std::string_view method, std::function<Status(Call&)> handler,
              const google::protobuf::Message* request, google::protobuf::Message* response) {
  const auto start = std::chrono::steady_clock::now();
  auto task = [&rt, ctx, reactor, method, start, request, response,
               handler = std::move(handler)]() {
    Status status;
    std::string user = "-";
    const std::string request_id = TakeRequestId(ctx);
    if (ctx->IsCancelled()) {
      status = Status(Code::kCancelled, "the client cancelled the request");
    } else if (auto call = AuthenticateCall(rt, ReadCredentials(ctx), request_id); !call.ok()) {
      status = call.status();
    } else {
      user = call->user().handle();
      call->set_deadline(ctx->deadline());
      status = request == nullptr ? Status::Ok()
                                  : TakeIdempotencyKey(ctx, method, request, response, *call);
      if (status.ok()) status = handler(*call);
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
