#include "domain/review_rules.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace factdesk::domain {
namespace {

constexpr std::int64_t kMarker = 1;  // the checker who marked the claim
constexpr std::int64_t kAlice = 2;
constexpr std::int64_t kBob = 3;
constexpr std::int64_t kCarol = 4;
constexpr std::int64_t kDan = 5;

Policy Majority(int required = 2) {
  Policy policy;
  policy.required_reviews = required;
  policy.dispute_rule = DisputeRule::kMajority;
  return policy;
}

Policy Required(int required) {
  Policy policy;
  policy.required_reviews = required;
  return policy;
}

void ExpectWaiting(const Outcome& outcome, ClaimState state, const std::string& waiting_for) {
  EXPECT_EQ(outcome.state, state);
  EXPECT_FALSE(outcome.final_verdict.has_value());
  EXPECT_EQ(outcome.resolution, Resolution::kNone);
  EXPECT_EQ(outcome.dispute_open, state == ClaimState::kDisputed);
  EXPECT_EQ(outcome.waiting_for, waiting_for);
}

void ExpectResolved(const Outcome& outcome, const std::string& verdict, Resolution resolution) {
  EXPECT_EQ(outcome.state, ClaimState::kResolved);
  EXPECT_EQ(outcome.final_verdict, verdict);
  EXPECT_EQ(outcome.resolution, resolution);
  EXPECT_FALSE(outcome.dispute_open);
  EXPECT_EQ(outcome.waiting_for, "");
}

TEST(Policy, DefaultsFollowTheDesign) {
  const Policy policy;
  EXPECT_EQ(policy.required_reviews, 2);
  EXPECT_TRUE(policy.require_source);
  EXPECT_EQ(policy.dispute_rule, DisputeRule::kEditorDecides);
  EXPECT_TRUE(ValidatePolicy(policy).ok());
}

TEST(ValidatePolicy, RequiredReviewsFromOneToTen) {
  EXPECT_TRUE(ValidatePolicy(Required(1)).ok());
  EXPECT_TRUE(ValidatePolicy(Required(10)).ok());
  for (const int bad : {0, 11, -1}) {
    const Status status = ValidatePolicy(Required(bad));
    EXPECT_EQ(status.code(), Code::kInvalidArgument);
    EXPECT_EQ(status.message(), "policy.required_reviews: must be between 1 and 10 (got " +
                                    std::to_string(bad) + ")");
  }
}

TEST(ValidatePolicy, RefusesAnUnknownDisputeRule) {
  Policy policy;
  policy.dispute_rule = static_cast<DisputeRule>(7);
  EXPECT_EQ(ValidatePolicy(policy).message(), "policy.dispute_rule: is not a known rule");
}

TEST(DisputeRule, NamesAndParsing) {
  EXPECT_EQ(DisputeRuleName(DisputeRule::kEditorDecides), "EDITOR_DECIDES");
  EXPECT_EQ(DisputeRuleName(DisputeRule::kMajority), "MAJORITY");
  EXPECT_EQ(ParseDisputeRule("EDITOR_DECIDES"), DisputeRule::kEditorDecides);
  EXPECT_EQ(ParseDisputeRule("majority"), DisputeRule::kMajority);
  EXPECT_FALSE(ParseDisputeRule("VOTE").has_value());
  EXPECT_EQ(ResolutionName(Resolution::kNone), "NONE");
  EXPECT_EQ(ResolutionName(Resolution::kAgreement), "AGREEMENT");
  EXPECT_EQ(ResolutionName(Resolution::kMajority), "MAJORITY");
  EXPECT_EQ(ResolutionName(Resolution::kEditorDecision), "EDITOR_DECISION");
}

TEST(MajorityPanelSize, IsThreeOrTheRequiredReviews) {
  EXPECT_EQ(MajorityPanelSize(Majority(1)), 3);
  EXPECT_EQ(MajorityPanelSize(Majority(3)), 3);
  EXPECT_EQ(MajorityPanelSize(Majority(5)), 5);
}

TEST(EvaluateReviews, NoVotesWaitsForTheRequiredReviews) {
  ExpectWaiting(EvaluateReviews(Policy{}, kMarker, {}), ClaimState::kInReview,
                "2 independent reviews");
  ExpectWaiting(EvaluateReviews(Required(1), kMarker, {}), ClaimState::kInReview,
                "1 independent review");
}

TEST(EvaluateReviews, OneVoteOfTwoWaitsForAnother) {
  ExpectWaiting(EvaluateReviews(Policy{}, kMarker, {{kAlice, "False"}}), ClaimState::kInReview,
                "1 more independent review");
}

TEST(EvaluateReviews, TwoAgreeingReviewsResolve) {
  ExpectResolved(EvaluateReviews(Policy{}, kMarker, {{kAlice, "False"}, {kBob, "False"}}), "False",
                 Resolution::kAgreement);
}

TEST(EvaluateReviews, TheMarkerMayBeOneOfTheReviewers) {
  ExpectResolved(EvaluateReviews(Policy{}, kMarker, {{kMarker, "True"}, {kAlice, "True"}}), "True",
                 Resolution::kAgreement);
}

TEST(EvaluateReviews, TheMarkerMayNotBeTheOnlyReviewer) {
  ExpectWaiting(EvaluateReviews(Required(1), kMarker, {{kMarker, "True"}}), ClaimState::kInReview,
                "a review by someone other than the checker who marked the claim");
  ExpectResolved(EvaluateReviews(Required(1), kMarker, {{kAlice, "True"}}), "True",
                 Resolution::kAgreement);
}

TEST(EvaluateReviews, ARevisedReviewCountsOnce) {
  // The marker submitted twice; that is still one review.
  ExpectWaiting(EvaluateReviews(Policy{}, kMarker, {{kMarker, "True"}, {kMarker, "True"}}),
                ClaimState::kInReview, "1 more independent review");
}

TEST(EvaluateReviews, MoreRequiredReviewsWaitLonger) {
  const Policy policy = Required(3);
  ExpectWaiting(EvaluateReviews(policy, kMarker, {{kAlice, "True"}}), ClaimState::kInReview,
                "2 more independent reviews");
  ExpectWaiting(EvaluateReviews(policy, kMarker, {{kAlice, "True"}, {kBob, "True"}}),
                ClaimState::kInReview, "1 more independent review");
  ExpectResolved(
      EvaluateReviews(policy, kMarker, {{kAlice, "True"}, {kBob, "True"}, {kCarol, "True"}}),
      "True", Resolution::kAgreement);
}

TEST(EvaluateReviews, DifferingVerdictsAreDisputedForAnEditor) {
  ExpectWaiting(EvaluateReviews(Policy{}, kMarker, {{kAlice, "True"}, {kBob, "False"}}),
                ClaimState::kDisputed, "an editor's decision (split 1\u20131)");
  // Under EDITOR_DECIDES even a clear majority waits for the editor.
  ExpectWaiting(
      EvaluateReviews(Policy{}, kMarker, {{kAlice, "True"}, {kBob, "False"}, {kCarol, "False"}}),
      ClaimState::kDisputed, "an editor's decision (split 2\u20131)");
}

TEST(EvaluateReviews, MajorityWaitsForAPanelOfThree) {
  ExpectWaiting(EvaluateReviews(Majority(), kMarker, {{kAlice, "True"}, {kBob, "False"}}),
                ClaimState::kDisputed, "1 more review to complete a panel of 3 (split 1\u20131)");
}

TEST(EvaluateReviews, MajorityTwoToOneResolves) {
  ExpectResolved(
      EvaluateReviews(Majority(), kMarker, {{kAlice, "True"}, {kBob, "False"}, {kCarol, "False"}}),
      "False", Resolution::kMajority);
  // The order of the votes does not matter.
  ExpectResolved(
      EvaluateReviews(Majority(), kMarker, {{kBob, "False"}, {kAlice, "True"}, {kCarol, "False"}}),
      "False", Resolution::kMajority);
}

TEST(EvaluateReviews, MajorityThreeToOneResolves) {
  ExpectResolved(
      EvaluateReviews(Majority(), kMarker,
                      {{kAlice, "True"}, {kBob, "Half true"}, {kCarol, "True"}, {kDan, "True"}}),
      "True", Resolution::kMajority);
}

TEST(EvaluateReviews, MajorityTieTwoToTwoGoesToAnEditor) {
  ExpectWaiting(
      EvaluateReviews(Majority(), kMarker,
                      {{kAlice, "True"}, {kBob, "False"}, {kCarol, "True"}, {kDan, "False"}}),
      ClaimState::kDisputed, "an editor's decision (tie 2\u20132)");
}

TEST(EvaluateReviews, MajorityThreeWaySplitGoesToAnEditor) {
  ExpectWaiting(EvaluateReviews(Majority(), kMarker,
                                {{kAlice, "True"}, {kBob, "False"}, {kCarol, "Half true"}}),
                ClaimState::kDisputed, "an editor's decision (tie 1\u20131\u20131)");
}

TEST(EvaluateReviews, MajorityWithoutAStrictMajorityGoesToAnEditor) {
  ExpectWaiting(
      EvaluateReviews(Majority(), kMarker,
                      {{kAlice, "True"}, {kBob, "True"}, {kCarol, "False"}, {kDan, "Half true"}}),
      ClaimState::kDisputed, "an editor's decision (no majority 2\u20131\u20131)");
}

TEST(EvaluateReviews, MajorityPanelIsNeverSmallerThanTheRequiredReviews) {
  const Policy policy = Majority(4);
  ExpectWaiting(
      EvaluateReviews(policy, kMarker, {{kAlice, "True"}, {kBob, "False"}, {kCarol, "False"}}),
      ClaimState::kDisputed, "1 more review to complete a panel of 4 (split 2\u20131)");
  ExpectResolved(
      EvaluateReviews(policy, kMarker,
                      {{kAlice, "True"}, {kBob, "False"}, {kCarol, "False"}, {kDan, "False"}}),
      "False", Resolution::kMajority);
}

TEST(EvaluateReviews, RevisionToAgreementResolves) {
  const Policy policy;
  ExpectWaiting(EvaluateReviews(policy, kMarker, {{kAlice, "True"}, {kBob, "Mostly true"}}),
                ClaimState::kDisputed, "an editor's decision (split 1\u20131)");
  // Bob revises his review: his latest verdict is the one that counts.
  ExpectResolved(
      EvaluateReviews(policy, kMarker, {{kAlice, "True"}, {kBob, "Mostly true"}, {kBob, "True"}}),
      "True", Resolution::kAgreement);
  ExpectResolved(EvaluateReviews(policy, kMarker, {{kAlice, "True"}, {kBob, "True"}}), "True",
                 Resolution::kAgreement);
}

TEST(EvaluateReviews, RevisionUnderMajorityCanBreakATie) {
  const Policy policy = Majority();
  const std::vector<Vote> tie = {{kAlice, "True"}, {kBob, "False"}, {kCarol, "Half true"}};
  EXPECT_EQ(EvaluateReviews(policy, kMarker, tie).state, ClaimState::kDisputed);
  std::vector<Vote> revised = tie;
  revised.push_back({kCarol, "False"});
  ExpectResolved(EvaluateReviews(policy, kMarker, revised), "False", Resolution::kMajority);
}

TEST(DecidedByEditor, ResolvesWithTheEditorsVerdict) {
  ExpectResolved(DecidedByEditor("Mostly false"), "Mostly false", Resolution::kEditorDecision);
}

TEST(CheckCanDecide, AnEditorDecidesAnyDisputeUnderEditorDecides) {
  EXPECT_TRUE(CheckCanDecide(Policy{}, {}).ok());
  EXPECT_TRUE(CheckCanDecide(Policy{}, {{kAlice, "True"}, {kBob, "False"}}).ok());
  EXPECT_TRUE(
      CheckCanDecide(Policy{}, {{kAlice, "True"}, {kBob, "False"}, {kCarol, "False"}}).ok());
}

TEST(CheckCanDecide, UnderMajorityOnlyAFullPanelsTie) {
  Status status = CheckCanDecide(Majority(), {{kAlice, "True"}, {kBob, "False"}});
  EXPECT_EQ(status.code(), Code::kFailedPrecondition);
  EXPECT_EQ(status.message(),
            "dispute rule MAJORITY: an editor decides only a tie; the panel has 2 of 3 reviews");

  status = CheckCanDecide(Majority(), {{kAlice, "True"}, {kBob, "False"}, {kCarol, "False"}});
  EXPECT_EQ(status.code(), Code::kFailedPrecondition);
  EXPECT_EQ(status.message(),
            "dispute rule MAJORITY: an editor decides only a tie; the majority chose 'False' "
            "(2\u20131)");

  EXPECT_TRUE(
      CheckCanDecide(Majority(), {{kAlice, "True"}, {kBob, "False"}, {kCarol, "Half true"}}).ok());
  EXPECT_TRUE(CheckCanDecide(Majority(),
                             {{kAlice, "True"}, {kBob, "False"}, {kCarol, "True"}, {kDan, "False"}})
                  .ok());
}

TEST(CheckCanDecide, CountsEachReviewerOnce) {
  const Status status =
      CheckCanDecide(Majority(), {{kAlice, "True"}, {kBob, "False"}, {kBob, "Half true"}});
  EXPECT_EQ(status.message(),
            "dispute rule MAJORITY: an editor decides only a tie; the panel has 2 of 3 reviews");
}

TEST(CheckSourceRule, RequiresASourceWhenThePolicyDoes) {
  const Status status = CheckSourceRule(Policy{}, 0);
  EXPECT_EQ(status.code(), Code::kFailedPrecondition);
  EXPECT_EQ(status.message(),
            "claim has no source: this workspace requires at least one source before a verdict");
  EXPECT_TRUE(CheckSourceRule(Policy{}, 1).ok());
  Policy relaxed;
  relaxed.require_source = false;
  EXPECT_TRUE(CheckSourceRule(relaxed, 0).ok());
}

TEST(CheckVerdict, AcceptsLabelsOfTheScale) {
  const RatingScale scale = DefaultRatingScale();
  for (const RatingLabel& label : scale.labels) EXPECT_TRUE(CheckVerdict(scale, label.label).ok());
}

TEST(CheckVerdict, RefusesOtherVerdictsListingTheScale) {
  const Status status = CheckVerdict(DefaultRatingScale(), "Probably");
  EXPECT_EQ(status.code(), Code::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "verdict: 'Probably' is not on this workspace's rating scale (True, Mostly true, Half "
            "true, Mostly false, False, Unverifiable, Needs context)");
}

TEST(CheckVerdict, SuggestsTheLabelWhenOnlyCaseDiffers) {
  EXPECT_EQ(CheckVerdict(DefaultRatingScale(), "mostly TRUE").message(),
            "verdict: 'mostly TRUE' is not on this workspace's rating scale (True, Mostly true, "
            "Half true, Mostly false, False, Unverifiable, Needs context); did you mean 'Mostly "
            "true'?");
}

TEST(CheckVerdict, RefusesEmptyOrInvalidText) {
  EXPECT_EQ(CheckVerdict(DefaultRatingScale(), "").message(), "verdict: must not be empty");
  EXPECT_EQ(CheckVerdict(DefaultRatingScale(), "Tru\xff").message(),
            "verdict: is not valid UTF-8 (byte 3)");
}

TEST(CheckVerdict, EchoesOnlyTheStartOfALongVerdict) {
  const RatingScale scale{{{"Yes", 1.0, ""}, {"No", 0.0, ""}}};
  EXPECT_EQ(CheckVerdict(scale, std::string(1000, 'x')).message(),
            "verdict: '" + std::string(160, 'x') +
                "\u2026' is not on this workspace's rating scale (Yes, No)");
}

}  // namespace
}  // namespace factdesk::domain
