// ClaimService: "same claim as ..." links (the rest of the service is in claim_service.cc).
#include <fmt/format.h>

#include "factdesk/v1/live.pb.h"
#include "proto/workflow_requests.h"
#include "server/rpc/authorize.h"
#include "server/rpc/call.h"
#include "server/rpc/claim_mutation.h"
#include "server/rpc/claim_service.h"
#include "server/store/claim_link_store.h"

namespace factdesk::rpc {

grpc::ServerUnaryReactor* ClaimService::LinkClaim(grpc::CallbackServerContext* ctx,
                                                  const v1::LinkClaimRequest* req,
                                                  v1::Claim* resp) {
  return Mutation(rt_, ctx, "LinkClaim", req, resp, [this, req, resp](Call& call) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::LinkClaimRequest r, v1::CheckedRequest(*req));
    return MutateClaim(
        rt_, call, r.claim_id(), r.expected_version(), domain::Action::kEditClaim,
        [&](ClaimContext& c) -> Result<v1::Event> {
          const store::LinkTarget target{r.check_id(), r.same_as_claim_id()};
          FD_RETURN_IF_ERROR(
              store::CheckLinkTarget(c.tx, c.claim.workspace_id(), c.claim.id(), target));
          store::SetClaimLink(c.tx, c.claim.id(), target, call.user_id());
          return NewEvent(v1::EVENT_KIND_CLAIM_LINKED);
        },
        resp);
  });
}

grpc::ServerUnaryReactor* ClaimService::UnlinkClaim(grpc::CallbackServerContext* ctx,
                                                    const v1::UnlinkClaimRequest* req,
                                                    v1::Claim* resp) {
  return Mutation(rt_, ctx, "UnlinkClaim", req, resp, [this, req, resp](Call& call) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::UnlinkClaimRequest r, v1::CheckedRequest(*req));
    return MutateClaim(
        rt_, call, r.claim_id(), r.expected_version(), domain::Action::kEditClaim,
        [&](ClaimContext& c) -> Result<v1::Event> {
          if (!c.claim.has_link()) {
            return Status::FailedPrecondition(
                fmt::format("claim {} is not linked to an earlier check", c.claim.id()));
          }
          store::SetClaimLink(c.tx, c.claim.id(), {}, call.user_id());
          return NewEvent(v1::EVENT_KIND_CLAIM_LINKED);
        },
        resp);
  });
}

}  // namespace factdesk::rpc
