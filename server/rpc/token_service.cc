#include "server/rpc/token_service.h"

#include "server/rpc/call.h"
#include "server/rpc/request_checks.h"
#include "server/store/token_store.h"

namespace factdesk::rpc {
namespace {

constexpr int kMaxListed = 100;

}  // namespace

TokenService::TokenService(Runtime& rt) : rt_(rt) {}
TokenService::~TokenService() = default;

grpc::ServerUnaryReactor* TokenService::ListTokens(grpc::CallbackServerContext* ctx,
                                                   const v1::ListTokensRequest* req,
                                                   v1::ListTokensResponse* resp) {
  return Unary(rt_, ctx, "ListTokens", [this, req, resp](Call& call) -> Status {
    return rt_.db.Read("ListTokens", [&](store::Tx& tx) -> Status {
      for (auto& token : store::ListTokens(tx, call.user_id(), req->include_ended(), kMaxListed)) {
        token.set_current(token.id() == call.token().id());
        *resp->add_tokens() = std::move(token);
      }
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* TokenService::RevokeToken(grpc::CallbackServerContext* ctx,
                                                    const v1::RevokeTokenRequest* req,
                                                    v1::RevokeTokenResponse* resp) {
  return Mutation(rt_, ctx, "RevokeToken", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    const std::int64_t id = req->token_id() == 0 ? call.token().id() : req->token_id();
    // No event: a token belongs to a user, not to a workspace's log. Its NOTIFY, at
    // commit, tells every replica.
    return rt_.db.Write("RevokeToken", call.writer(), [&](store::Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(*resp->mutable_token(), store::RevokeToken(tx, id, call.user_id()));
      resp->mutable_token()->set_current(id == call.token().id());
      return Status::Ok();
    });
  });
}

}  // namespace factdesk::rpc
