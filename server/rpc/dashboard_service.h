#pragma once

#include "factdesk/v1/dashboard.grpc.pb.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

class DashboardService final : public v1::DashboardService::CallbackService {
 public:
  explicit DashboardService(Runtime& rt);
  ~DashboardService() override;

  grpc::ServerUnaryReactor* GetDashboard(grpc::CallbackServerContext* ctx,
                                         const v1::GetDashboardRequest* req,
                                         v1::Dashboard* resp) override;

 private:
  Runtime& rt_;
};

}  // namespace factdesk::rpc
