#include "proto/workflow_requests.h"

#include <gtest/gtest.h>

namespace factdesk::v1 {
namespace {

template <typename Req>
std::string Refusal(const Req& req) {
  const auto checked = CheckedRequest(req);
  EXPECT_FALSE(checked.ok());
  EXPECT_EQ(checked.status().code(), Code::kInvalidArgument);
  return checked.status().message();
}

TEST(WorkflowRequests, FieldsAreCheckedInTheServersOrder) {
  ReopenClaimRequest reopen;
  EXPECT_EQ(Refusal(reopen), "claim_id: must be a positive id");
  reopen.set_claim_id(4);
  EXPECT_EQ(Refusal(reopen), "expected_version: must be the version you read (got 0)");
  reopen.set_expected_version(2);
  reopen.set_reason(" \t ");
  EXPECT_EQ(Refusal(reopen), "reason: must not be empty");
  reopen.set_reason("  New figures. ");
  const auto checked = CheckedRequest(reopen);
  ASSERT_TRUE(checked.ok());
  EXPECT_EQ(checked->reason(), "New figures.");  // trimmed, as stored
}

TEST(WorkflowRequests, AnEditNamesWhatItChanges) {
  UpdateClaimRequest update;
  update.set_claim_id(4);
  update.set_expected_version(1);
  EXPECT_EQ(Refusal(update), "summary: give a summary or a claimant to change");
  update.set_claimant("  ");
  EXPECT_EQ(Refusal(update), "claimant: must not be empty");
  update.set_claimant(" Lena Ortiz ");
  const auto checked = CheckedRequest(update);
  ASSERT_TRUE(checked.ok());
  EXPECT_EQ(checked->claimant(), "Lena Ortiz");
  EXPECT_FALSE(checked->has_summary());
}

TEST(WorkflowRequests, AssigneesAreUniqueSortedAndBounded) {
  AssignClaimRequest assign;
  assign.set_claim_id(4);
  assign.set_expected_version(1);
  for (const std::int64_t id : {9, 3, 9, 5}) assign.add_assignee_ids(id);
  const auto checked = CheckedRequest(assign);
  ASSERT_TRUE(checked.ok());
  EXPECT_EQ(
      std::vector<std::int64_t>(checked->assignee_ids().begin(), checked->assignee_ids().end()),
      (std::vector<std::int64_t>{3, 5, 9}));
  assign.clear_assignee_ids();
  for (std::int64_t id = 1; id <= 11; ++id) assign.add_assignee_ids(id);
  EXPECT_EQ(Refusal(assign), "assignee_ids: at most 10 assignees per claim");
  assign.clear_assignee_ids();
  assign.add_assignee_ids(-2);
  EXPECT_EQ(Refusal(assign), "assignee_ids: must be a positive id");
}

TEST(WorkflowRequests, ASourceIsNormalisedBeforeTheStance) {
  AddSourceRequest add;
  add.set_claim_id(4);
  add.set_url("ftp://example.org/report");
  EXPECT_NE(Refusal(add).find("url: "), std::string::npos);
  add.set_url("HTTPS://Example.org/report");
  add.set_title("  Labour force survey ");
  EXPECT_EQ(Refusal(add), "stance: must be SUPPORTS, REFUTES or CONTEXT");
  add.set_stance(STANCE_REFUTES);
  const auto checked = CheckedRequest(add);
  ASSERT_TRUE(checked.ok());
  EXPECT_EQ(checked->url(), "https://example.org/report");
  EXPECT_EQ(checked->title(), "Labour force survey");
}

TEST(WorkflowRequests, ACorrectionNeedsAReasonAndAChange) {
  CorrectClaimRequest correct;
  correct.set_claim_id(4);
  correct.set_expected_version(3);
  correct.set_reason("The series was revised.");
  EXPECT_EQ(Refusal(correct),
            "summary: a correction changes the summary, the claimant or the verdict; give at "
            "least one");
  correct.set_verdict("False");
  EXPECT_TRUE(CheckedRequest(correct).ok());
}

TEST(WorkflowRequests, AReviewAndADecisionNeedAVerdict) {
  SubmitReviewRequest review;
  review.set_claim_id(4);
  EXPECT_EQ(Refusal(review), "verdict: must not be empty");
  review.set_verdict("False");
  review.set_rationale("The survey says otherwise.");
  EXPECT_EQ(Refusal(review), "confidence: must be LOW, MEDIUM or HIGH");
  review.set_confidence(CONFIDENCE_HIGH);
  review.set_expected_version(-1);
  EXPECT_EQ(Refusal(review), "expected_version: must not be negative");
  DecideDisputeRequest decide;
  decide.set_dispute_id(2);
  decide.set_verdict("False");
  EXPECT_EQ(Refusal(decide), "reasoning: must not be empty");
}

TEST(WorkflowRequests, ADuplicateNamesExactlyOneOriginalAndOtherReasonsNone) {
  DismissClaimRequest dismiss;
  dismiss.set_claim_id(4);
  dismiss.set_expected_version(1);
  dismiss.set_reason(DISMISS_REASON_DUPLICATE);
  EXPECT_EQ(Refusal(dismiss),
            "duplicate_of: a duplicate names the claim or archived check it duplicates");
  dismiss.set_duplicate_of_claim_id(3);
  dismiss.set_duplicate_of_check_id(9);
  EXPECT_EQ(Refusal(dismiss), "duplicate_of: name one claim or one archived check, not both");
  dismiss.set_duplicate_of_check_id(-9);
  EXPECT_EQ(Refusal(dismiss), "duplicate_of_check_id: must be a positive id");
  dismiss.set_duplicate_of_check_id(0);
  EXPECT_TRUE(CheckedRequest(dismiss).ok());
  dismiss.set_reason(DISMISS_REASON_OPINION);
  EXPECT_EQ(Refusal(dismiss),
            "duplicate_of: only a claim dismissed as DUPLICATE names what it duplicates");
  dismiss.set_duplicate_of_claim_id(0);
  EXPECT_TRUE(CheckedRequest(dismiss).ok());
}

TEST(WorkflowRequests, ALinkNamesOneTargetThatIsNotTheClaimItself) {
  LinkClaimRequest link;
  link.set_claim_id(4);
  link.set_expected_version(1);
  EXPECT_EQ(Refusal(link),
            "check_id: name exactly one target: an archived check or another claim "
            "(same_as_claim_id)");
  link.set_same_as_claim_id(4);
  EXPECT_EQ(Refusal(link), "same_as_claim_id: a claim cannot be the same claim as itself");
  link.set_same_as_claim_id(5);
  EXPECT_TRUE(CheckedRequest(link).ok());
  link.set_check_id(2);
  EXPECT_EQ(Refusal(link),
            "check_id: name exactly one target: an archived check or another claim "
            "(same_as_claim_id)");
}

}  // namespace
}  // namespace factdesk::v1
