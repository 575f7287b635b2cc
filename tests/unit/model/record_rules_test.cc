// The per-record rules that keep replicated state from moving backwards.

#include "client/model/record_rules.h"

#include <gtest/gtest.h>

#include "tests/unit/model/model_fixtures.h"

namespace factdesk::model {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

TEST(RecordRules, ClaimVersions) {
  const v1::Claim v2 = MakeClaim(1, 2);
  const v1::Claim v3 = MakeClaim(1, 3);
  for (Origin stored : {Origin::kEvent, Origin::kFetch}) {
    for (Origin incoming : {Origin::kEvent, Origin::kFetch}) {
      EXPECT_TRUE(ClaimReplaces(v2, stored, v3, incoming));
      EXPECT_FALSE(ClaimReplaces(v3, stored, v2, incoming));
    }
  }
  EXPECT_TRUE(ClaimReplaces(v2, Origin::kEvent, v2, Origin::kEvent));
  EXPECT_TRUE(ClaimReplaces(v2, Origin::kFetch, v2, Origin::kEvent));
  EXPECT_TRUE(ClaimReplaces(v2, Origin::kFetch, v2, Origin::kFetch));
  EXPECT_FALSE(ClaimReplaces(v2, Origin::kEvent, v2, Origin::kFetch));
}

TEST(RecordRules, ReviewHiddenAndVersions) {
  const auto visible1 = MakeReview(1, 1, kOther, 1, false);
  const auto hidden1 = MakeReview(1, 1, kOther, 1, true);
  const auto hidden2 = MakeReview(1, 1, kOther, 2, true);
  const auto visible2 = MakeReview(1, 1, kOther, 2, false);
  EXPECT_FALSE(ReviewReplaces(visible1, hidden1));
  EXPECT_TRUE(ReviewReplaces(hidden1, visible1));
  EXPECT_TRUE(ReviewReplaces(visible1, visible1));
  EXPECT_TRUE(ReviewReplaces(hidden1, hidden1));
  EXPECT_TRUE(ReviewReplaces(visible1, hidden2));
  EXPECT_FALSE(ReviewReplaces(visible2, hidden1));
  EXPECT_FALSE(ReviewReplaces(visible2, visible1));
}

TEST(RecordRules, NoteVersions) {
  EXPECT_TRUE(NoteReplaces(MakeNote(1, 1, 1), MakeNote(1, 1, 2)));
  EXPECT_TRUE(NoteReplaces(MakeNote(1, 1, 2), MakeNote(1, 1, 2)));
  EXPECT_FALSE(NoteReplaces(MakeNote(1, 1, 2), MakeNote(1, 1, 1)));
}

TEST(RecordRules, SourceRemovalIsFinal) {
  EXPECT_TRUE(SourceReplaces(MakeSource(1, 1), MakeSource(1, 1, true)));
  EXPECT_FALSE(SourceReplaces(MakeSource(1, 1, true), MakeSource(1, 1)));
  EXPECT_TRUE(SourceReplaces(MakeSource(1, 1, true), MakeSource(1, 1, true)));
  EXPECT_TRUE(SourceReplaces(MakeSource(1, 1), MakeSource(1, 1)));
}

TEST(RecordRules, DisputeClosingIsFinal) {
  v1::Dispute open;
  open.set_status(v1::DISPUTE_STATUS_OPEN);
  v1::Dispute closed;
  closed.set_status(v1::DISPUTE_STATUS_CLOSED);
  EXPECT_TRUE(DisputeReplaces(open, closed));
  EXPECT_TRUE(DisputeReplaces(open, open));
  EXPECT_FALSE(DisputeReplaces(closed, open));
  EXPECT_TRUE(DisputeReplaces(closed, closed));
}

TEST(RecordRules, RevisionsOnlyGrow) {
  v1::Note previous = MakeNote(1, 1, 2);
  previous.add_revisions()->set_body("a");
  v1::Note shorter = MakeNote(1, 1, 3);
  KeepRevisions(previous, &shorter);
  ASSERT_EQ(shorter.revisions_size(), 1);
  v1::Note longer = MakeNote(1, 1, 3);
  longer.add_revisions()->set_body("a");
  longer.add_revisions()->set_body("b");
  KeepRevisions(previous, &longer);
  EXPECT_EQ(longer.revisions_size(), 2);

  v1::Review visible = MakeReview(1, 1, kOther, 2, false);
  visible.add_revisions()->set_rationale("first");
  v1::Review plain = MakeReview(1, 1, kOther, 2, false);
  KeepRevisions(visible, &plain);
  EXPECT_EQ(plain.revisions_size(), 1);
  v1::Review hidden = MakeReview(1, 1, kOther, 3, true);
  KeepRevisions(visible, &hidden);
  EXPECT_EQ(hidden.revisions_size(), 0);  // redacted copies stay redacted
}

}  // namespace
}  // namespace factdesk::model
