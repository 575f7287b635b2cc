#pragma once

#include "factdesk/v1/live.grpc.pb.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

// Subscribe is a raw method: its responses are SubscribeResponse bytes framed around
// events serialized once for every stream (server/live/response_frame.h); the wire
// format, and so every client, is unchanged.
class LiveService final
    : public v1::LiveService::WithRawCallbackMethod_Subscribe<
          v1::LiveService::WithCallbackMethod_UpdatePresence<v1::LiveService::Service>> {
 public:
  explicit LiveService(Runtime& rt);
  ~LiveService() override;

  grpc::ServerWriteReactor<grpc::ByteBuffer>* Subscribe(grpc::CallbackServerContext* ctx,
                                                        const grpc::ByteBuffer* req) override;
  grpc::ServerUnaryReactor* UpdatePresence(grpc::CallbackServerContext* ctx,
                                           const v1::UpdatePresenceRequest* req,
                                           v1::UpdatePresenceResponse* resp) override;

 private:
  Runtime& rt_;
};

}  // namespace factdesk::rpc
