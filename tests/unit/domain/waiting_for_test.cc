#include "domain/waiting_for.h"

#include <gtest/gtest.h>

namespace factdesk::domain {
namespace {

constexpr std::int64_t kMarker = 1;
constexpr std::int64_t kAna = 2;
constexpr std::int64_t kBen = 3;

ClaimProgress Claim(ClaimState state, std::vector<std::int64_t> reviewers = {}, int sources = 1) {
  ClaimProgress claim;
  claim.state = state;
  claim.marked_by = kMarker;
  claim.reviewers = std::move(reviewers);
  claim.active_sources = sources;
  return claim;
}

TEST(WaitingFor, AnUnreviewedClaimWaitsForTheRequiredReviews) {
  EXPECT_EQ(WaitingFor(Claim(ClaimState::kOpen)), "waiting for 2 independent reviews");
  EXPECT_EQ(WaitingFor(Claim(ClaimState::kInReview)), "waiting for 2 independent reviews");
}

TEST(WaitingFor, AfterOneReviewItWaitsForOneMore) {
  EXPECT_EQ(WaitingFor(Claim(ClaimState::kInReview, {kAna})),
            "waiting for 1 more independent review");
}

TEST(WaitingFor, ASourceComesFirstWhenThePolicyRequiresOne) {
  EXPECT_EQ(WaitingFor(Claim(ClaimState::kOpen, {}, 0)),
            "waiting for a source and 2 independent reviews");
  ClaimProgress no_rule = Claim(ClaimState::kOpen, {}, 0);
  no_rule.policy.require_source = false;
  EXPECT_EQ(WaitingFor(no_rule), "waiting for 2 independent reviews");
}

TEST(WaitingFor, TheMarkersOwnReviewsNeverSufficeAlone) {
  ClaimProgress claim = Claim(ClaimState::kInReview, {kMarker});
  claim.policy.required_reviews = 1;
  EXPECT_EQ(WaitingFor(claim),
            "waiting for a review by someone other than the checker who marked the claim");
  claim.reviewers = {kMarker, kBen};
  claim.policy.required_reviews = 3;
  EXPECT_EQ(WaitingFor(claim), "waiting for 1 more independent review");
}

TEST(WaitingFor, ADisputedClaimSaysWhatItsDisputeWaitsFor) {
  ClaimProgress claim = Claim(ClaimState::kDisputed, {kAna, kBen});
  claim.dispute_waiting_for = "an editor's decision (split 1\u20131)";
  EXPECT_EQ(WaitingFor(claim), "waiting for an editor's decision (split 1\u20131)");
  claim.dispute_waiting_for.clear();
  EXPECT_EQ(WaitingFor(claim), "waiting for the dispute to be settled");
}

TEST(WaitingFor, AResolvedClaimWaitsForAnEditorToPublish) {
  EXPECT_EQ(WaitingFor(Claim(ClaimState::kResolved, {kAna, kBen})), "an editor must publish it");
}

TEST(WaitingFor, PublishedAndDismissedClaimsWaitForNothing) {
  EXPECT_EQ(WaitingFor(Claim(ClaimState::kPublished, {kAna, kBen})), "");
  EXPECT_EQ(WaitingFor(Claim(ClaimState::kDismissed)), "");
}

}  // namespace
}  // namespace factdesk::domain
