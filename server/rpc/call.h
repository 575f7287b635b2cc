#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include "common/status.h"
#include "factdesk/v1/common.pb.h"
#include "factdesk/v1/token.pb.h"
#include "proto/factdesk/v1/metadata.h"
#include "server/rpc/runtime.h"
#include "server/store/db.h"
#include "server/store/idempotency_store.h"

namespace factdesk::rpc {

// One authenticated request, as a handler sees it.
class Call {
 public:
  Call(v1::ApiToken token, std::string request_id)
      : token_(std::move(token)), request_id_(std::move(request_id)) {}

  const v1::User& user() const { return token_.user(); }
  std::int64_t user_id() const { return token_.user().id(); }
  // The token the request was made with (its id and expiry).
  const v1::ApiToken& token() const { return token_; }
  const std::string& request_id() const { return request_id_; }

  // The record as it now stands, sent with an ABORTED status (v1::kCurrentRecordKey) so
  // the client can show what changed and let its user redo the edit.
  void AttachCurrent(const google::protobuf::Message& record) {
    current_ = record.SerializeAsString();
  }
  const std::string& current() const { return current_; }

  // How this call's transactions write: as its user, until its deadline, and for a
  // mutation sent with an idempotency key, under that key (Mutation below).
  store::WriteOptions writer();
  store::Deadline deadline() const { return deadline_; }
  void set_deadline(store::Deadline deadline) { deadline_ = deadline; }
  void set_idempotency(std::string key, std::string_view method,
                       const google::protobuf::Message* request,
                       google::protobuf::Message* response);

 private:
  v1::ApiToken token_;
  std::string request_id_;
  std::string current_;
  store::Deadline deadline_ = store::Deadline::max();
  // The request is fingerprinted when the first write needs it (after authorization).
  const google::protobuf::Message* request_ = nullptr;
  store::Idempotency idempotency_;
};

grpc::Status ToGrpc(const Status& status);

// Runs `handler` for a unary RPC on the worker pool: authenticates, runs it, logs one
// line, records metrics and finishes the reactor.
// `request` and `response` are given for a mutation: its idempotency key (if sent) is
// read and checked before the handler runs.
void RunUnary(Runtime& rt, grpc::CallbackServerContext* ctx, grpc::ServerUnaryReactor* reactor,
              std::string_view method, std::function<Status(Call&)> handler,
              const google::protobuf::Message* request = nullptr,
              google::protobuf::Message* response = nullptr);

template <typename Handler>
grpc::ServerUnaryReactor* Unary(Runtime& rt, grpc::CallbackServerContext* ctx,
                                std::string_view method, Handler&& handler) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  RunUnary(rt, ctx, reactor, method, std::function<Status(Call&)>(std::forward<Handler>(handler)));
  return reactor;
}

// A unary RPC that changes something: as Unary, and its writes (call.writer()) honour
// the idempotency key the client sent (v1::kIdempotencyKey).
template <typename Handler>
grpc::ServerUnaryReactor* Mutation(Runtime& rt, grpc::CallbackServerContext* ctx,
                                   std::string_view method, const google::protobuf::Message* req,
                                   google::protobuf::Message* resp, Handler&& handler) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  RunUnary(rt, ctx, reactor, method, std::function<Status(Call&)>(std::forward<Handler>(handler)),
           req, resp);
  return reactor;
}

// The request's id: the client's x-request-id when usable, else a new one; sent back
// in the initial metadata.
std::string TakeRequestId(grpc::CallbackServerContext* ctx);

// The request's authorization metadata, copied out so it can be checked off the
// gRPC thread (a streaming call's context may be gone by then).
struct Credentials {
  std::string authorization;
  bool present = false;
};
Credentials ReadCredentials(const grpc::CallbackServerContext* ctx);

// The caller behind the request's bearer token.
Result<Call> AuthenticateCall(Runtime& rt, const Credentials& credentials, std::string request_id);

}  // namespace factdesk::rpc
