// ClaimService::ReanchorClaim (issue 13): a checker marks again, in the segment's corrected
// text, the quote of a claim a correction flagged; the flag goes.
#include <fmt/format.h>

#include "domain/anchor.h"
#include "server/rpc/authorize.h"
#include "server/rpc/call.h"
#include "server/rpc/claim_mutation.h"
#include "server/rpc/claim_service.h"
#include "server/rpc/request_checks.h"
#include "server/store/claim_store.h"
#include "server/store/transcript_store.h"

namespace factdesk::rpc {

grpc::ServerUnaryReactor* ClaimService::ReanchorClaim(grpc::CallbackServerContext* ctx,
                                                      const v1::ReanchorClaimRequest* req,
                                                      v1::Claim* resp) {
  return Mutation(rt_, ctx, "ReanchorClaim", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    // Editing a claim's text is the rule: a checker, and not once it is PUBLISHED.
    return MutateClaim(
        rt_, call, req->claim_id(), req->expected_version(), domain::Action::kEditClaim,
        [&](ClaimContext& c) -> Result<v1::Event> {
          if (!c.claim.has_quote_change()) {
            return Status::FailedPrecondition(
                fmt::format("claim {}'s quote is in its segment's text: only a claim whose quote "
                            "a correction changed is marked again",
                            c.claim.id()));
          }
          FD_ASSIGN_OR_RETURN(const store::SegmentInfo seg,
                              store::GetSegment(c.tx, c.claim.segment_id()));
          FD_ASSIGN_OR_RETURN(const domain::Anchor anchor,
                              domain::AnchorRange(seg.text, req->start_byte(), req->end_byte()));
          store::MoveClaimAnchor(c.tx, c.claim.id(), req->start_byte(), req->end_byte(), anchor);
          return NewEvent(v1::EVENT_KIND_CLAIM_REANCHORED);
        },
        resp);
  });
}

}  // namespace factdesk::rpc
