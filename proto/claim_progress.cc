#include "proto/claim_progress.h"

#include <algorithm>

#include "proto/claim_checks.h"
#include "proto/domain_enums.h"

namespace factdesk::v1 {

domain::ClaimProgress ProgressOf(const Claim& claim, const ReviewPolicy& policy,
                                 const google::protobuf::RepeatedPtrField<Review>& reviews,
                                 const Dispute* open_dispute) {
  domain::ClaimProgress progress;
  progress.state = StateOf(claim);
  progress.policy = ToDomain(policy);
  progress.marked_by = claim.created_by().id();
  for (const Review& r : reviews) {
    const std::int64_t id = r.reviewer().id();
    if (std::find(progress.reviewers.begin(), progress.reviewers.end(), id) ==
        progress.reviewers.end()) {
      progress.reviewers.push_back(id);
    }
  }
  progress.active_sources = claim.source_count();
  if (open_dispute != nullptr && open_dispute->status() == DISPUTE_STATUS_OPEN) {
    progress.dispute_waiting_for = open_dispute->waiting_for();
  }
  return progress;
}

std::string WaitingFor(const Claim& claim, const ReviewPolicy& policy,
                       const google::protobuf::RepeatedPtrField<Review>& reviews,
                       const Dispute* open_dispute) {
  return domain::WaitingFor(ProgressOf(claim, policy, reviews, open_dispute));
}

}  // namespace factdesk::v1
