#pragma once

#include "factdesk/v1/token.grpc.pb.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

// The caller's own API tokens: list them, revoke one (logging out revokes the one in use).
class TokenService final : public v1::TokenService::CallbackService {
 public:
  explicit TokenService(Runtime& rt);
  ~TokenService() override;

  grpc::ServerUnaryReactor* ListTokens(grpc::CallbackServerContext* ctx,
                                       const v1::ListTokensRequest* req,
                                       v1::ListTokensResponse* resp) override;
  grpc::ServerUnaryReactor* RevokeToken(grpc::CallbackServerContext* ctx,
                                        const v1::RevokeTokenRequest* req,
                                        v1::RevokeTokenResponse* resp) override;

 private:
  Runtime& rt_;
};

}  // namespace factdesk::rpc
