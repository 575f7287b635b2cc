#include "client/ui/workflow_rules.h"

#include <gtest/gtest.h>

namespace factdesk::ui {
namespace {

v1::Claim WithStatus(v1::ClaimStatus s) {
  v1::Claim c;
  c.set_id(7);
  c.set_workspace_id(3);
  c.set_status(s);
  c.set_source_count(1);
  return c;
}

v1::Workspace As(v1::Role role) {
  v1::Workspace w;
  w.set_id(3);
  w.set_my_role(role);
  w.mutable_policy()->set_required_reviews(2);
  w.mutable_policy()->set_require_source(true);
  w.mutable_policy()->set_dispute_rule(v1::DISPUTE_RULE_EDITOR_DECIDES);
  return w;
}

WorkflowOptions Options(v1::ClaimStatus s, v1::Role role) {
  return AllowedWorkflow(As(role), WithStatus(s), nullptr);
}

TEST(WorkflowRules, ViewersOnlyReadAndAreToldWhy) {
  const auto o = Options(v1::CLAIM_STATUS_OPEN, v1::ROLE_VIEWER);
  for (const Status* s :
       {&o.edit, &o.take, &o.assign, &o.dismiss, &o.reopen, &o.publish, &o.correct, &o.review,
        &o.add_source, &o.remove_source, &o.add_note, &o.decide, &o.tag}) {
    EXPECT_EQ(s->code(), Code::kPermissionDenied) << s->ToString();
  }
  EXPECT_EQ(o.take.message(), "a viewer may not take a claim; it needs the checker role");
}

TEST(WorkflowRules, ADismissedClaimOffersNoSummaryEdit) {
  // The issue: the inspector offered this edit and the server refused it.
  const auto o = Options(v1::CLAIM_STATUS_DISMISSED, v1::ROLE_CHECKER);
  EXPECT_EQ(o.edit.code(), Code::kFailedPrecondition);
  EXPECT_EQ(o.edit.message(),
            "claim is DISMISSED: claims can be edited only while a claim is OPEN, IN_REVIEW, "
            "DISPUTED or RESOLVED; reopen it first");
  EXPECT_FALSE(o.add_source.ok());
  EXPECT_FALSE(o.review.ok());
  EXPECT_TRUE(o.add_note.ok());  // notes are always open
}

TEST(WorkflowRules, CheckersTagInEveryStateAndViewersAreToldWhyNot) {
  for (const auto s :
       {v1::CLAIM_STATUS_OPEN, v1::CLAIM_STATUS_PUBLISHED, v1::CLAIM_STATUS_DISMISSED}) {
    EXPECT_TRUE(Options(s, v1::ROLE_CHECKER).tag.ok());
  }
  EXPECT_EQ(Options(v1::CLAIM_STATUS_OPEN, v1::ROLE_VIEWER).tag.message(),
            "a viewer may not tag a claim; it needs the checker role");
}

TEST(WorkflowRules, CheckersTakeOnlyUnassignedClaims) {
  v1::Claim c = WithStatus(v1::CLAIM_STATUS_OPEN);
  auto o = AllowedWorkflow(As(v1::ROLE_CHECKER), c, nullptr);
  EXPECT_TRUE(o.take.ok() && o.review.ok() && o.edit.ok() && o.add_source.ok() && o.add_note.ok());
  EXPECT_EQ(o.assign.code(), Code::kPermissionDenied);
  EXPECT_EQ(o.publish.code(), Code::kPermissionDenied);
  auto* ben = c.add_assignees();
  ben->set_id(2);
  ben->set_handle("ben");
  o = AllowedWorkflow(As(v1::ROLE_CHECKER), c, nullptr);
  EXPECT_EQ(o.take.message(),
            "claim 7 is already assigned to ben; only an unassigned claim can be taken (an editor "
            "can reassign it)");
}

TEST(WorkflowRules, AReviewWaitsForASource) {
  v1::Claim c = WithStatus(v1::CLAIM_STATUS_OPEN);
  c.set_source_count(0);
  const auto o = AllowedWorkflow(As(v1::ROLE_CHECKER), c, nullptr);
  EXPECT_EQ(o.review.message(),
            "claim has no source: this workspace requires at least one source before a verdict");
}

TEST(WorkflowRules, EditorsFollowTheStateMachine) {
  EXPECT_TRUE(Options(v1::CLAIM_STATUS_IN_REVIEW, v1::ROLE_EDITOR).dismiss.ok());
  EXPECT_EQ(Options(v1::CLAIM_STATUS_DISPUTED, v1::ROLE_EDITOR).dismiss.code(),
            Code::kFailedPrecondition);
  EXPECT_TRUE(Options(v1::CLAIM_STATUS_RESOLVED, v1::ROLE_EDITOR).publish.ok());
  const auto published = Options(v1::CLAIM_STATUS_PUBLISHED, v1::ROLE_ADMIN);
  EXPECT_TRUE(published.reopen.ok() && published.correct.ok());
  EXPECT_EQ(published.edit.message(),
            "claim is PUBLISHED: claims can be edited only while a claim is OPEN, IN_REVIEW, "
            "DISPUTED or RESOLVED; a published claim changes only by a correction with a reason");
  EXPECT_FALSE(published.add_source.ok() || published.review.ok() || published.publish.ok());
}

TEST(WorkflowRules, ADecisionCountsTheVotesOnceTheReviewsAreLoaded) {
  v1::Workspace w = As(v1::ROLE_EDITOR);
  w.mutable_policy()->set_dispute_rule(v1::DISPUTE_RULE_MAJORITY);
  const v1::Claim c = WithStatus(v1::CLAIM_STATUS_DISPUTED);
  EXPECT_TRUE(AllowedWorkflow(w, c, nullptr).decide.ok());  // not loaded: the server decides
  v1::Review a;
  a.mutable_reviewer()->set_id(1);
  a.mutable_verdict()->set_label("True");
  v1::Review b;
  b.mutable_reviewer()->set_id(2);
  b.mutable_verdict()->set_label("False");
  const std::vector<const v1::Review*> two = {&a, &b};
  EXPECT_EQ(AllowedWorkflow(w, c, &two).decide.message(),
            "dispute rule MAJORITY: an editor decides only a tie; the panel has 2 of 3 reviews");
}

TEST(WorkflowRules, OnlyCheckersAndAboveAreAssignable) {
  v1::Member m;
  m.mutable_user()->set_id(4);
  m.set_role(v1::ROLE_VIEWER);
  EXPECT_FALSE(Assignable(m));
  m.set_role(v1::ROLE_CHECKER);
  EXPECT_TRUE(Assignable(m));
  m.set_role(v1::ROLE_ADMIN);
  EXPECT_TRUE(Assignable(m));
}

}  // namespace
}  // namespace factdesk::ui
