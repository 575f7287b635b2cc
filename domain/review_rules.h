#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "domain/rating_scale.h"
#include "domain/workflow.h"

// How a claim's reviews settle its state (DESIGN 5): independent reviews must agree, and
// a workspace chooses how disagreements end.
namespace factdesk::domain {

enum class DisputeRule {
  kEditorDecides,  // an editor decides every dispute
  kMajority,       // a panel of three or more decides by strict majority; ties go to an editor
};

// "EDITOR_DECIDES", "MAJORITY".
std::string_view DisputeRuleName(DisputeRule rule);
// The rule a name denotes, ignoring ASCII case; nullopt otherwise.
std::optional<DisputeRule> ParseDisputeRule(std::string_view name);

// A workspace's review settings.
struct Policy {
  int required_reviews = 2;    // agreeing reviews that resolve a claim
  bool require_source = true;  // a verdict needs at least one active source
  DisputeRule dispute_rule = DisputeRule::kEditorDecides;

  friend bool operator==(const Policy&, const Policy&) = default;
};

// OK, or INVALID_ARGUMENT "policy.required_reviews: must be between 1 and 10 (got 0)" /
// "policy.dispute_rule: is not a known rule".
Status ValidatePolicy(const Policy& policy);

// Under kMajority, how many reviews make a panel: at least three, and never fewer than
// the reviews an agreement needs (else 2-1 would settle what 3-0 could not).
int MajorityPanelSize(const Policy& policy);

// One reviewer's latest submitted verdict.
struct Vote {
  std::int64_t reviewer_id = 0;
  std::string verdict;
};

// How a claim reached RESOLVED.
enum class Resolution { kNone, kAgreement, kMajority, kEditorDecision };
// "NONE", "AGREEMENT", "MAJORITY", "EDITOR_DECISION".
std::string_view ResolutionName(Resolution resolution);

struct Outcome {
  ClaimState state = ClaimState::kInReview;
  std::optional<std::string> final_verdict;  // set when RESOLVED
  Resolution resolution = Resolution::kNone;
  bool dispute_open = false;  // verdicts differ and nothing has settled them yet
  // What the claim waits for, for people: "1 more independent review",
  // "an editor's decision (tie 2–2)"; empty when RESOLVED.
  std::string waiting_for;
};

// The state the reviews put a claim in. `votes` holds each reviewer's latest verdict (if a
// reviewer appears twice, the later entry counts). Callers keep OPEN for a claim nobody
// has reviewed or been assigned, and do not re-evaluate RESOLVED, PUBLISHED or DISMISSED
// claims (reviews are refused there).
//   - No votes: IN_REVIEW, waiting for the required reviews.
//   - All agree: RESOLVED (kAgreement) once there are required_reviews of them and one
//     reviewer is not `marked_by`: the checker who marked a claim may review it but not be
//     its only reviewer. Otherwise IN_REVIEW.
//   - They differ: DISPUTED with dispute_open. Under kMajority, a full panel
//     (MajorityPanelSize) with a strict majority resolves it (kMajority); a full panel
//     without one waits for an editor (tie); a smaller one waits for more reviews.
Outcome EvaluateReviews(const Policy& policy, std::int64_t marked_by,
                        const std::vector<Vote>& votes);

// The outcome of an editor deciding a dispute with `verdict`.
Outcome DecidedByEditor(std::string verdict);

// Whether an editor may decide the dispute now. Under kEditorDecides always OK (the
// DISPUTED state is checked by CheckState). Under kMajority only a full panel without a
// strict majority: FAILED_PRECONDITION "dispute rule MAJORITY: an editor decides only a
// tie; the panel has 2 of 3 reviews" (or "...; the majority chose 'False' (2–1)").
Status CheckCanDecide(const Policy& policy, const std::vector<Vote>& votes);

// FAILED_PRECONDITION "claim has no source: this workspace requires at least one source
// before a verdict" when the policy requires a source and there is none.
Status CheckSourceRule(const Policy& policy, int active_source_count);

// OK when `verdict` is exactly one of the scale's labels, or INVALID_ARGUMENT
// "verdict: 'Probably' is not on this workspace's rating scale (True, Mostly true, …)",
// with "; did you mean 'True'?" when only the case differs.
Status CheckVerdict(const RatingScale& scale, std::string_view verdict);

}  // namespace factdesk::domain
