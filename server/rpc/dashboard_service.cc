#include "server/rpc/dashboard_service.h"

#include "server/rpc/authorize.h"
#include "server/rpc/call.h"
#include "server/rpc/record_access.h"
#include "server/rpc/request_checks.h"
#include "server/store/dashboard_store.h"
#include "server/store/transcript_store.h"

namespace factdesk::rpc {

DashboardService::DashboardService(Runtime& rt) : rt_(rt) {}
DashboardService::~DashboardService() = default;

grpc::ServerUnaryReactor* DashboardService::GetDashboard(grpc::CallbackServerContext* ctx,
                                                         const v1::GetDashboardRequest* req,
                                                         v1::Dashboard* resp) {
  return Unary(rt_, ctx, "GetDashboard", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return rt_.db.Read("GetDashboard", [&](store::Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(const domain::Role role,
                          Authorize(tx, req->workspace_id(), call, domain::Action::kRead));
      if (req->transcript_id() != 0) {
        FD_RETURN_IF_ERROR(RequireTranscriptIn(tx, req->transcript_id(), req->workspace_id()));
      }
      FD_ASSIGN_OR_RETURN(*resp,
                          store::ComputeDashboard(tx, req->workspace_id(), req->transcript_id()));
      // The verdicts of an open dispute are its reviews' verdicts: blind for checkers.
      if (!domain::HasAtLeast(role, domain::Role::kEditor)) {
        for (auto& d : *resp->mutable_open_disputes()) d.clear_verdicts();
      }
      return Status::Ok();
    });
  });
}

}  // namespace factdesk::rpc
