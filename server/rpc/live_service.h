#pragma once

#include "factdesk/v1/live.grpc.pb.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

class LiveService final : public v1::LiveService::CallbackService {
 public:
  explicit LiveService(Runtime& rt) : rt_(rt) {}

  grpc::ServerWriteReactor<v1::SubscribeResponse>* Subscribe(
      grpc::CallbackServerContext* ctx, const v1::SubscribeRequest* req) override;
  grpc::ServerUnaryReactor* UpdatePresence(grpc::CallbackServerContext* ctx,
                                           const v1::UpdatePresenceRequest* req,
                                           v1::UpdatePresenceResponse* resp) override;

 private:
  Runtime& rt_;
};

}  // namespace factdesk::rpc
