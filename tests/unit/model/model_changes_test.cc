// The changes the model queues for the views carry the event's kind as the enum and
// what happened in people's words.
#include <gtest/gtest.h>

#include "client/model/workspace_model.h"
#include "tests/unit/model/model_fixtures.h"

namespace factdesk::model {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

TEST(ModelChanges, CarryTheKindAndPeoplesWords) {
  WorkspaceModel model(kSelf);
  ASSERT_TRUE(model.Apply(ClaimEvent(1, "claim.created", MakeClaim(100, 1))).applied());
  v1::Event source = ClaimEvent(2, "source.added", MakeClaim(100, 1));
  *source.mutable_source() = MakeSource(200, 100);
  source.mutable_source()->set_title("Police annual report");
  ASSERT_TRUE(model.Apply(source).applied());
  // Another checker's review, hidden from this one by the blind rule.
  v1::Event review = ClaimEvent(3, "review.submitted", MakeClaim(100, 1), kThird);
  *review.mutable_review() = MakeReview(400, 100, kThird, 1, /*hidden=*/true);
  ASSERT_TRUE(model.Apply(review).applied());
  v1::Event removed = MakeEvent(4, "member.removed");
  *removed.mutable_member()->mutable_user() = MakeUser(kThird);
  ASSERT_TRUE(model.Apply(removed).applied());

  const std::vector<Change> changes = model.TakeChanges();
  ASSERT_EQ(changes.size(), 4U);
  EXPECT_EQ(changes[0].kind, v1::EVENT_KIND_CLAIM_CREATED);
  EXPECT_EQ(changes[0].description, "User 2 marked the claim");
  EXPECT_EQ(changes[1].kind, v1::EVENT_KIND_SOURCE_ADDED);
  EXPECT_EQ(changes[1].subject, Change::Subject::kSource);
  EXPECT_EQ(changes[1].what, Change::What::kCreated);
  EXPECT_EQ(changes[1].description, "User 2 added a source: Police annual report (refutes)");
  EXPECT_EQ(changes[2].kind, v1::EVENT_KIND_REVIEW_SUBMITTED);
  EXPECT_EQ(changes[2].description, "User 3 submitted a review");
  EXPECT_EQ(changes[3].kind, v1::EVENT_KIND_MEMBER_REMOVED);
  EXPECT_EQ(changes[3].subject, Change::Subject::kMember);
  EXPECT_EQ(changes[3].what, Change::What::kRemoved);
  EXPECT_EQ(changes[3].description, "User 2 removed User 3 from the workspace");
}

// An event from a newer server, whose kind this build does not know, is applied (its
// records are the full new state as always) and described without guessing.
TEST(ModelChanges, AKindThisBuildDoesNotKnowIsAChangeToNothingInParticular) {
  WorkspaceModel model(kSelf);
  v1::Event e;
  e.set_workspace_id(kWorkspace);
  e.set_seq(1);
  *e.mutable_actor() = MakeUser(kOther);
  const ApplyResult r = model.Apply(e);
  ASSERT_TRUE(r.applied());
  ASSERT_TRUE(r.change.has_value());
  EXPECT_EQ(r.change->kind, v1::EVENT_KIND_UNSPECIFIED);
  EXPECT_EQ(r.change->subject, Change::Subject::kOther);
  EXPECT_EQ(r.change->description, "User 2 made a change");
}

}  // namespace
}  // namespace factdesk::model
