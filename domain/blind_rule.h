#pragma once

#include "domain/roles.h"
#include "domain/workflow.h"

namespace factdesk::domain {

// Once a claim is RESOLVED, PUBLISHED or DISMISSED there is nothing left to bias, and the
// outcome is public to the workspace: everyone sees its reviews.
inline bool ReviewsAreOpen(ClaimState state) {
  return state == ClaimState::kResolved || state == ClaimState::kPublished ||
         state == ClaimState::kDismissed;
}

// Reviews are blind (DESIGN 5): a checker sees other reviewers' verdicts and rationales
// only after submitting their own review of the claim, or once the reviews are open.
// Editors and admins see all.
inline bool MaySeeOthersReviews(Role role, ClaimState state, bool reviewed_it) {
  return HasAtLeast(role, Role::kEditor) || reviewed_it || ReviewsAreOpen(state);
}

}  // namespace factdesk::domain
