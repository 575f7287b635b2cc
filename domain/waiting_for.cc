#include "domain/waiting_for.h"

namespace factdesk::domain {
namespace {

// While a claim is OPEN or IN_REVIEW its verdicts agree (a difference makes it DISPUTED),
// so the reviewers alone say what EvaluateReviews would wait for.
std::string ReviewsStillNeeded(const ClaimProgress& claim) {
  std::vector<Vote> votes;
  votes.reserve(claim.reviewers.size());
  for (const std::int64_t reviewer : claim.reviewers) votes.push_back({reviewer, "agreed"});
  return EvaluateReviews(claim.policy, claim.marked_by, votes).waiting_for;
}

}  // namespace

std::string WaitingFor(const ClaimProgress& claim) {
  switch (claim.state) {
    case ClaimState::kOpen:
    case ClaimState::kInReview: {
      const bool needs_source = !CheckSourceRule(claim.policy, claim.active_sources).ok();
      const std::string reviews = ReviewsStillNeeded(claim);
      if (reviews.empty()) return needs_source ? "waiting for a source" : "";
      return "waiting for " + std::string(needs_source ? "a source and " : "") + reviews;
    }
    case ClaimState::kDisputed:
      return claim.dispute_waiting_for.empty() ? "waiting for the dispute to be settled"
                                               : "waiting for " + claim.dispute_waiting_for;
    case ClaimState::kResolved:
      return "an editor must publish it";
    case ClaimState::kPublished:
    case ClaimState::kDismissed:
      return "";
  }
  return "";
}

}  // namespace factdesk::domain
