#pragma once

#include "factdesk/v1/export.grpc.pb.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

class ExportService final : public v1::ExportService::CallbackService {
 public:
  explicit ExportService(Runtime& rt);
  ~ExportService() override;

  grpc::ServerWriteReactor<v1::ExportChunk>* Export(grpc::CallbackServerContext* ctx,
                                                    const v1::ExportRequest* req) override;

 private:
  Runtime& rt_;
};

}  // namespace factdesk::rpc
