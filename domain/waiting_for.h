#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/review_rules.h"
#include "domain/workflow.h"

// What a claim waits for, said the same way by the CLI and the desktop: after a review a
// person should read "waiting for 1 more independent review", not guess.
namespace factdesk::domain {

// What a client knows about a claim's progress. Everything is on the claim record and its
// reviews as any member sees them (verdicts may be hidden: only who reviewed counts).
struct ClaimProgress {
  ClaimState state = ClaimState::kOpen;
  Policy policy;
  // The member who marked the claim: their own review never resolves it alone.
  std::int64_t marked_by = 0;
  // Members with a submitted review, one entry each.
  std::vector<std::int64_t> reviewers;
  // Sources not removed (the policy may require one before a verdict).
  int active_sources = 0;
  // DISPUTED: the open dispute's own `waiting_for` (the server's words; a checker may not
  // see the verdicts that decide it). Empty when unknown.
  std::string dispute_waiting_for;
};

// A phrase for people, empty when nothing is left to do (PUBLISHED, DISMISSED):
//   OPEN, IN_REVIEW: "waiting for 2 independent reviews", "waiting for 1 more independent
//     review", "waiting for a review by someone other than the checker who marked the
//     claim", with "a source and " first when the policy requires one and there is none;
//   DISPUTED: "waiting for an editor's decision (split 1–1)" (the dispute's words), or
//     "waiting for the dispute to be settled" when they are unknown;
//   RESOLVED: "an editor must publish it".
std::string WaitingFor(const ClaimProgress& claim);

}  // namespace factdesk::domain
