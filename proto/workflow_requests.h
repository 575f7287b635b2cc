#pragma once

#include "common/result.h"
#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/review.pb.h"
#include "factdesk/v1/source.pb.h"

// The field checks of the requests that change a claim, run before anything is read or
// written (invariant 5). The server runs them first; the CLI runs them before it asks
// domain::CheckClaimAction, so that it refuses what the server would, in the server's
// order. Each returns the request as the server uses it (text trimmed, URLs normalised,
// assignees unique and sorted), or INVALID_ARGUMENT naming the field.
namespace factdesk::v1 {

Result<CreateClaimRequest> CheckedRequest(const CreateClaimRequest& in);
Result<UpdateClaimRequest> CheckedRequest(const UpdateClaimRequest& in);
Result<AssignClaimRequest> CheckedRequest(const AssignClaimRequest& in);
Result<TakeClaimRequest> CheckedRequest(const TakeClaimRequest& req);
// A DUPLICATE names exactly one claim or archived check it duplicates; other reasons none.
Result<DismissClaimRequest> CheckedRequest(const DismissClaimRequest& in);
// Exactly one target, not the claim itself.
Result<LinkClaimRequest> CheckedRequest(const LinkClaimRequest& req);
Result<UnlinkClaimRequest> CheckedRequest(const UnlinkClaimRequest& req);
Result<ReopenClaimRequest> CheckedRequest(const ReopenClaimRequest& in);
Result<PublishClaimRequest> CheckedRequest(const PublishClaimRequest& req);
Result<CorrectClaimRequest> CheckedRequest(const CorrectClaimRequest& in);
Result<SubmitReviewRequest> CheckedRequest(const SubmitReviewRequest& req);
Result<AddSourceRequest> CheckedRequest(const AddSourceRequest& in);
Result<DecideDisputeRequest> CheckedRequest(const DecideDisputeRequest& in);

}  // namespace factdesk::v1
