#include "domain/review_rules.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "common/utf8.h"
#include "domain/limits.h"
#include "domain/text_validation.h"
#include "domain/unicode.h"

namespace factdesk::domain {
namespace {

constexpr std::string_view kEnDash = "\u2013";

struct Count {
  std::string verdict;
  int votes = 0;
};

// Each reviewer's last entry, in order of first appearance.
std::vector<Vote> LatestVotes(const std::vector<Vote>& votes) {
  std::vector<Vote> latest;
  for (const Vote& vote : votes) {
    const auto it = std::find_if(latest.begin(), latest.end(),
                                 [&](const Vote& v) { return v.reviewer_id == vote.reviewer_id; });
    if (it == latest.end()) {
      latest.push_back(vote);
    } else {
      it->verdict = vote.verdict;
    }
  }
  return latest;
}

// Votes per verdict, most first; equal counts keep the order verdicts first appeared.
std::vector<Count> Tally(const std::vector<Vote>& votes) {
  std::vector<Count> counts;
  for (const Vote& vote : votes) {
    const auto it = std::find_if(counts.begin(), counts.end(),
                                 [&](const Count& c) { return c.verdict == vote.verdict; });
    if (it == counts.end()) {
      counts.push_back({vote.verdict, 1});
    } else {
      ++it->votes;
    }
  }
  std::stable_sort(counts.begin(), counts.end(),
                   [](const Count& a, const Count& b) { return a.votes > b.votes; });
  return counts;
}

// "2–1", "1–1–1".
std::string Split(const std::vector<Count>& counts) {
  std::string out;
  for (const Count& c : counts) {
    if (!out.empty()) out.append(kEnDash);
    out.append(std::to_string(c.votes));
  }
  return out;
}

bool HasStrictMajority(const std::vector<Count>& counts, std::size_t total) {
  return !counts.empty() && static_cast<std::size_t>(counts.front().votes) * 2 > total;
}

std::string Reviews(int n, std::string_view adjective) {
  std::string out = std::to_string(n);
  if (!adjective.empty()) out.append(" ").append(adjective);
  return out + (n == 1 ? " review" : " reviews");
}

}  // namespace

std::string_view DisputeRuleName(DisputeRule rule) {
  switch (rule) {
    case DisputeRule::kEditorDecides:
      return "EDITOR_DECIDES";
    case DisputeRule::kMajority:
      return "MAJORITY";
  }
  return "UNKNOWN_RULE";
}

std::optional<DisputeRule> ParseDisputeRule(std::string_view name) {
  for (const DisputeRule rule : {DisputeRule::kEditorDecides, DisputeRule::kMajority}) {
    if (unicode::EqualsIgnoringAsciiCase(name, DisputeRuleName(rule))) return rule;
  }
  return std::nullopt;
}

Status ValidatePolicy(const Policy& policy) {
  if (policy.required_reviews < kMinRequiredReviews ||
      policy.required_reviews > kMaxRequiredReviews) {
    return Status::InvalidArgument("policy.required_reviews",
                                   "must be between " + std::to_string(kMinRequiredReviews) +
                                       " and " + std::to_string(kMaxRequiredReviews) + " (got " +
                                       std::to_string(policy.required_reviews) + ")");
  }
  if (policy.dispute_rule != DisputeRule::kEditorDecides &&
      policy.dispute_rule != DisputeRule::kMajority) {
    return Status::InvalidArgument("policy.dispute_rule", "is not a known rule");
  }
  return Status::Ok();
}

int MajorityPanelSize(const Policy& policy) {
  return std::max(kMinMajorityPanel, policy.required_reviews);
}

std::string_view ResolutionName(Resolution resolution) {
  switch (resolution) {
    case Resolution::kNone:
      return "NONE";
    case Resolution::kAgreement:
      return "AGREEMENT";
    case Resolution::kMajority:
      return "MAJORITY";
    case Resolution::kEditorDecision:
      return "EDITOR_DECISION";
  }
  return "UNKNOWN_RESOLUTION";
}

Outcome EvaluateReviews(const Policy& policy, std::int64_t marked_by,
                        const std::vector<Vote>& all_votes) {
  const std::vector<Vote> votes = LatestVotes(all_votes);
  const auto total = static_cast<int>(votes.size());
  if (votes.empty()) {
    return {ClaimState::kInReview, std::nullopt, Resolution::kNone, false,
            Reviews(policy.required_reviews, "independent")};
  }
  const std::vector<Count> counts = Tally(votes);

  if (counts.size() == 1) {
    const bool independent = std::any_of(votes.begin(), votes.end(),
                                         [&](const Vote& v) { return v.reviewer_id != marked_by; });
    if (total >= policy.required_reviews && independent) {
      return {ClaimState::kResolved, counts.front().verdict, Resolution::kAgreement, false, ""};
    }
    if (total < policy.required_reviews) {
      return {ClaimState::kInReview, std::nullopt, Resolution::kNone, false,
              Reviews(policy.required_reviews - total, "more independent")};
    }
    // Enough reviews, but all of them by the person who marked the claim.
    return {ClaimState::kInReview, std::nullopt, Resolution::kNone, false,
            "a review by someone other than the checker who marked the claim"};
  }

  const std::string split = Split(counts);
  if (policy.dispute_rule == DisputeRule::kEditorDecides) {
    return {ClaimState::kDisputed, std::nullopt, Resolution::kNone, true,
            "an editor's decision (split " + split + ")"};
  }
  const int panel = MajorityPanelSize(policy);
  if (total < panel) {
    return {ClaimState::kDisputed, std::nullopt, Resolution::kNone, true,
            Reviews(panel - total, "more") + " to complete a panel of " + std::to_string(panel) +
                " (split " + split + ")"};
  }
  if (HasStrictMajority(counts, votes.size())) {
    return {ClaimState::kResolved, counts.front().verdict, Resolution::kMajority, false, ""};
  }
  const bool tie = counts[0].votes == counts[1].votes;
  return {ClaimState::kDisputed, std::nullopt, Resolution::kNone, true,
          std::string("an editor's decision (") + (tie ? "tie " : "no majority ") + split + ")"};
}

Outcome DecidedByEditor(std::string verdict) {
  return {ClaimState::kResolved, std::move(verdict), Resolution::kEditorDecision, false, ""};
}

Status CheckCanDecide(const Policy& policy, const std::vector<Vote>& all_votes) {
  if (policy.dispute_rule != DisputeRule::kMajority) return Status::Ok();
  const std::vector<Vote> votes = LatestVotes(all_votes);
  const int panel = MajorityPanelSize(policy);
  const std::string rule = "dispute rule MAJORITY: an editor decides only a tie; ";
  if (static_cast<int>(votes.size()) < panel) {
    return Status::FailedPrecondition(rule + "the panel has " + std::to_string(votes.size()) +
                                      " of " + std::to_string(panel) + " reviews");
  }
  const std::vector<Count> counts = Tally(votes);
  if (HasStrictMajority(counts, votes.size())) {
    return Status::FailedPrecondition(rule + "the majority chose '" + counts.front().verdict +
                                      "' (" + Split(counts) + ")");
  }
  return Status::Ok();
}

Status CheckSourceRule(const Policy& policy, int active_source_count) {
  if (!policy.require_source || active_source_count > 0) return Status::Ok();
  return Status::FailedPrecondition(
      "claim has no source: this workspace requires at least one source before a verdict");
}

Status CheckVerdict(const RatingScale& scale, std::string_view verdict) {
  FD_RETURN_IF_ERROR(
      ValidateText("verdict", verdict, std::numeric_limits<std::size_t>::max(), true));
  if (scale.Find(verdict) != nullptr) return Status::Ok();

  // Echo at most a label's worth of what was sent.
  const std::string_view shown = utf8::TruncateBytes(verdict, 4 * kMaxRatingLabelChars);
  std::string reason = "'" + std::string(shown) + (shown.size() < verdict.size() ? "\u2026" : "") +
                       "' is not on this workspace's rating scale (";
  const RatingLabel* same_but_case = nullptr;
  for (std::size_t i = 0; i < scale.labels.size(); ++i) {
    if (i > 0) reason.append(", ");
    reason.append(scale.labels[i].label);
    if (unicode::EqualsIgnoringAsciiCase(scale.labels[i].label, verdict)) {
      same_but_case = &scale.labels[i];
    }
  }
  reason.append(")");
  if (same_but_case != nullptr) reason.append("; did you mean '" + same_but_case->label + "'?");
  return Status::InvalidArgument("verdict", reason);
}

}  // namespace factdesk::domain
