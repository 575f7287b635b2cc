#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <google/protobuf/message.h>
#include <grpcpp/grpcpp.h>

#include "common/status.h"
#include "factdesk/v1/common.pb.h"
#include "proto/factdesk/v1/metadata.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

// One authenticated request, as a handler sees it.
class Call {
 public:
  Call(v1::User user, std::string request_id)
      : user_(std::move(user)), request_id_(std::move(request_id)) {}

  const v1::User& user() const { return user_; }
  std::int64_t user_id() const { return user_.id(); }
  const std::string& request_id() const { return request_id_; }

  // The record as it now stands, sent with an ABORTED status (v1::kCurrentRecordKey) so
  // the client can show what changed and let its user redo the edit.
  void AttachCurrent(const google::protobuf::Message& record) {
    current_ = record.SerializeAsString();
  }
  const std::string& current() const { return current_; }

 private:
  v1::User user_;
  std::string request_id_;
  std::string current_;
};

grpc::Status ToGrpc(const Status& status);

// Runs `handler` for a unary RPC on the worker pool: authenticates, runs it, logs one
// line, records metrics and finishes the reactor.
void RunUnary(Runtime& rt, grpc::CallbackServerContext* ctx, grpc::ServerUnaryReactor* reactor,
              std::string_view method, std::function<Status(Call&)> handler);

template <typename Handler>
grpc::ServerUnaryReactor* Unary(Runtime& rt, grpc::CallbackServerContext* ctx,
                                std::string_view method, Handler&& handler) {
  grpc::ServerUnaryReactor* reactor = ctx->DefaultReactor();
  RunUnary(rt, ctx, reactor, method, std::function<Status(Call&)>(std::forward<Handler>(handler)));
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
