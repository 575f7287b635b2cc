#pragma once

#include "common/result.h"
#include "factdesk/v1/claim.pb.h"
#include "server/rpc/call.h"
#include "server/rpc/runtime.h"
#include "server/store/claim_search_store.h"

// ClaimService.SearchClaims: the request's checks (no SQL), then one read transaction.
namespace factdesk::rpc {

// The search a request asks for, or INVALID_ARGUMENT naming the field: query (required,
// one line, at most 500 characters), statuses, verdict and speaker (one line), tag (the
// tag rule), transcript_id, since/until (valid times, until after since).
Result<store::ClaimSearch> CheckedSearch(const v1::SearchClaimsRequest& req);

// Runs the search for the caller (any member; editors and admins search every rationale,
// others those the blind rule lets them see).
Status RunClaimSearch(Runtime& rt, Call& call, const v1::SearchClaimsRequest& req,
                      v1::SearchClaimsResponse* resp);

}  // namespace factdesk::rpc
