#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/result.h"
#include "domain/review_rules.h"
#include "factdesk/v1/review.pb.h"
#include "server/store/db.h"
#include "server/store/statement.h"

namespace factdesk::store {

std::span<const Statement> ReviewStatements();

// Reviews.
struct ReviewInput {
  std::int64_t workspace_id = 0;
  std::int64_t claim_id = 0;
  std::int64_t reviewer_id = 0;
  v1::Verdict verdict;
  std::string rationale;
  std::string confidence;  // "LOW", "MEDIUM", "HIGH"
};
// Inserts the reviewer's first review, or keeps the current one (`existing`, as
// FindReview read it under the claim's lock) as a revision and replaces it.
Result<v1::Review> SaveReview(Tx& tx, const ReviewInput& input,
                              const std::optional<v1::Review>& existing);
std::optional<v1::Review> FindReview(Tx& tx, std::int64_t claim_id, std::int64_t reviewer_id);
Result<std::vector<v1::Review>> ListReviews(Tx& tx, std::int64_t claim_id, bool with_revisions);
// The reviews of several claims, by claim, without revisions (exports).
Result<std::unordered_map<std::int64_t, std::vector<v1::Review>>> ReviewsOf(
    Tx& tx, const std::vector<std::int64_t>& claim_ids);
// Each reviewer's current verdict, oldest review first.
std::vector<domain::Vote> Votes(Tx& tx, std::int64_t claim_id);
// Review rounds and the blind rule (domain/blind_rule.h).
// Claims of the workspace the user has reviewed in the claim's current round.
std::vector<std::int64_t> ReviewedClaims(Tx& tx, std::int64_t workspace_id, std::int64_t user_id);
// Which of these claims the user has reviewed in the claim's current round.
std::unordered_set<std::int64_t> ReviewedThisRound(Tx& tx,
                                                   const std::vector<std::int64_t>& claim_ids,
                                                   std::int64_t user_id);
// Undecided claims of the workspace with reviews (of others, or of an earlier round) that
// the user has not reviewed in the current round: those whose reviews are blind to a
// checker or viewer. Ascending.
std::vector<std::int64_t> BlindClaims(Tx& tx, std::int64_t workspace_id, std::int64_t user_id);
// A reopened claim starts its next round of reviews.
void StartReviewRound(Tx& tx, std::int64_t claim_id);

// Disputes.
Result<v1::Dispute> OpenDispute(Tx& tx, std::int64_t workspace_id, std::int64_t claim_id);
std::optional<v1::Dispute> FindOpenDispute(Tx& tx, std::int64_t claim_id);
// What the review rule weighs once a review is saved: Votes and FindOpenDispute, in one
// round trip (Tx::ExecInOneTrip).
struct ReviewStanding {
  std::vector<domain::Vote> votes;
  std::optional<v1::Dispute> open_dispute;
};
ReviewStanding ReadReviewStanding(Tx& tx, std::int64_t claim_id);
Result<v1::Dispute> GetDispute(Tx& tx, std::int64_t dispute_id);
std::optional<v1::Dispute> LatestDispute(Tx& tx, std::int64_t claim_id);
struct DisputeClosing {
  std::string resolution;  // "AGREEMENT", "MAJORITY", "EDITOR_DECISION", "WITHDRAWN"
  std::optional<std::int64_t> decided_by;
  std::optional<v1::Verdict> verdict;
  std::string reasoning;
};
Result<v1::Dispute> CloseDispute(Tx& tx, std::int64_t dispute_id, const DisputeClosing& closing);
// Open ones oldest first, then closed ones newest first.
Result<std::vector<v1::Dispute>> ListDisputes(Tx& tx, std::int64_t workspace_id,
                                              std::int64_t transcript_id, bool open_only);

}  // namespace factdesk::store
