#pragma once

#include "domain/roles.h"
#include "domain/workflow.h"

namespace factdesk::domain {

// Reviews are blind (DESIGN 5): a checker sees other reviewers' verdicts and rationales
// only after submitting their own review of the claim. Editors and admins see all.
// Once a claim is RESOLVED, PUBLISHED or DISMISSED there is nothing left to bias, and
// the outcome is public to the workspace, so everyone sees the reviews.
inline bool MaySeeOthersReviews(Role role, ClaimState state, bool reviewed_it) {
  if (HasAtLeast(role, Role::kEditor) || reviewed_it) return true;
  return state == ClaimState::kResolved || state == ClaimState::kPublished ||
         state == ClaimState::kDismissed;
}

}  // namespace factdesk::domain
