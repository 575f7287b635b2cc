#pragma once

#include "domain/roles.h"
#include "domain/workflow.h"

namespace factdesk::domain {

// Review rounds. A claim's reviews go in rounds: round 1 starts when the claim is marked,
// and every reopening starts the next. A review belongs to the round it was last
// submitted or revised in. Reviews of earlier rounds still count as votes (a reviewer
// revises theirs in the new round), but a reopened claim is undecided again, so what the
// earlier rounds concluded is as blind as what the new one says.

// Once a claim is RESOLVED, PUBLISHED or DISMISSED there is nothing left to bias, and the
// outcome is public to the workspace: everyone sees its reviews.
inline bool ReviewsAreOpen(ClaimState state) {
  return state == ClaimState::kResolved || state == ClaimState::kPublished ||
         state == ClaimState::kDismissed;
}

// Reviews are blind (DESIGN 5): a checker sees other reviewers' verdicts and rationales,
// of this round and of earlier ones, only after submitting (or revising) their own review
// in the claim's current round, or once the reviews are open. Editors and admins see
// all. Judged as the claim stands now, never as it stood when a review was written.
inline bool MaySeeOthersReviews(Role role, ClaimState state, bool reviewed_this_round) {
  return HasAtLeast(role, Role::kEditor) || reviewed_this_round || ReviewsAreOpen(state);
}

}  // namespace factdesk::domain
