#pragma once

#include "factdesk/v1/source.grpc.pb.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

class SourceService final : public v1::SourceService::CallbackService {
 public:
  explicit SourceService(Runtime& rt);
  ~SourceService() override;

  grpc::ServerUnaryReactor* AddSource(grpc::CallbackServerContext* ctx,
                                      const v1::AddSourceRequest* req, v1::Source* resp) override;
  grpc::ServerUnaryReactor* ListSources(grpc::CallbackServerContext* ctx,
                                        const v1::ListSourcesRequest* req,
                                        v1::ListSourcesResponse* resp) override;
  grpc::ServerUnaryReactor* RemoveSource(grpc::CallbackServerContext* ctx,
                                         const v1::RemoveSourceRequest* req,
                                         v1::Source* resp) override;

 private:
  Runtime& rt_;
};

}  // namespace factdesk::rpc
