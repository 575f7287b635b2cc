#include "client/ui/workflow_rules.h"

#include <gtest/gtest.h>

namespace factdesk::ui {
namespace {

v1::Claim WithStatus(v1::ClaimStatus s) {
  v1::Claim c;
  c.set_status(s);
  return c;
}

TEST(WorkflowRules, ViewersOnlyRead) {
  const auto o = AllowedWorkflow(WithStatus(v1::CLAIM_STATUS_OPEN), v1::ROLE_VIEWER, 1);
  EXPECT_FALSE(o.take || o.assign || o.review || o.edit || o.add_source || o.add_note);
}

TEST(WorkflowRules, CheckersTakeReviewAndSource) {
  v1::Claim c = WithStatus(v1::CLAIM_STATUS_OPEN);
  auto o = AllowedWorkflow(c, v1::ROLE_CHECKER, 1);
  EXPECT_TRUE(o.take && o.review && o.edit && o.add_source && o.add_note);
  EXPECT_FALSE(o.assign || o.dismiss || o.publish || o.reopen);
  c.add_assignees()->set_id(2);
  EXPECT_FALSE(AllowedWorkflow(c, v1::ROLE_CHECKER, 1).take);
}

TEST(WorkflowRules, EditorsFollowTheStateMachine) {
  EXPECT_TRUE(AllowedWorkflow(WithStatus(v1::CLAIM_STATUS_IN_REVIEW), v1::ROLE_EDITOR, 1).dismiss);
  EXPECT_FALSE(AllowedWorkflow(WithStatus(v1::CLAIM_STATUS_DISPUTED), v1::ROLE_EDITOR, 1).dismiss);
  EXPECT_TRUE(AllowedWorkflow(WithStatus(v1::CLAIM_STATUS_RESOLVED), v1::ROLE_EDITOR, 1).publish);
  const auto published = AllowedWorkflow(WithStatus(v1::CLAIM_STATUS_PUBLISHED), v1::ROLE_ADMIN, 1);
  EXPECT_TRUE(published.reopen);
  EXPECT_FALSE(published.edit || published.add_source || published.review || published.publish);
  EXPECT_FALSE(
      AllowedWorkflow(WithStatus(v1::CLAIM_STATUS_DISMISSED), v1::ROLE_EDITOR, 1).add_source);
}

}  // namespace
}  // namespace factdesk::ui
