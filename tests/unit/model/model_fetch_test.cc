// WorkspaceModel's RPC-result path: fetched records never move state backwards, and
// events after a fetch still apply.

#include <gtest/gtest.h>

#include "client/model/workspace_model.h"
#include "tests/unit/model/model_fixtures.h"

namespace factdesk::model {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

TEST(ModelFetch, OlderClaimFromFetchIsIgnored) {
  WorkspaceModel model(kSelf);
  ASSERT_TRUE(model.Apply(ClaimEvent(1, "claim.updated", MakeClaim(100, 5))).applied());
  EXPECT_FALSE(model.UpsertClaim(MakeClaim(100, 4)));
  EXPECT_EQ(model.FindClaim(100)->version(), 5);
  EXPECT_TRUE(model.UpsertClaim(MakeClaim(100, 6)));
  EXPECT_EQ(model.FindClaim(100)->version(), 6);
}

TEST(ModelFetch, EqualVersionFetchDoesNotOverrideEventCopy) {
  WorkspaceModel model(kSelf);
  v1::Claim from_event = MakeClaim(100, 2);
  from_event.set_note_count(3);
  ASSERT_TRUE(model.Apply(ClaimEvent(1, "note.added", from_event)).applied());
  // Read before that note was added: same version, older count.
  v1::Claim fetched = MakeClaim(100, 2);
  fetched.set_note_count(2);
  EXPECT_FALSE(model.UpsertClaim(fetched));
  EXPECT_EQ(model.FindClaim(100)->note_count(), 3);
}

TEST(ModelFetch, EqualVersionFetchReplacesFetchedCopy) {
  WorkspaceModel model(kSelf);
  v1::Claim first = MakeClaim(100, 2);
  first.set_note_count(1);
  EXPECT_TRUE(model.UpsertClaim(first));
  v1::Claim refetched = MakeClaim(100, 2);
  refetched.set_note_count(2);
  EXPECT_TRUE(model.UpsertClaim(refetched));
  EXPECT_EQ(model.FindClaim(100)->note_count(), 2);
}

TEST(ModelFetch, EventsAfterAFetchApply) {
  WorkspaceModel model(kSelf);
  const v1::Workspace ws = MakeWorkspace(/*last_seq=*/10);
  model.SetWorkspace(ws);
  model.SetLastSeq(ws.last_seq());
  model.UpsertClaims({MakeClaim(100, 1), MakeClaim(101, 1)});
  EXPECT_EQ(model.Apply(ClaimEvent(10, "claim.updated", MakeClaim(100, 9))).outcome,
            ApplyResult::Outcome::kDuplicate);
  EXPECT_EQ(model.FindClaim(100)->version(), 1);
  ASSERT_TRUE(model.Apply(ClaimEvent(11, "claim.updated", MakeClaim(100, 2))).applied());
  EXPECT_EQ(model.FindClaim(100)->version(), 2);
  EXPECT_EQ(model.claim_count(), 2u);
}

TEST(ModelFetch, OlderWorkspaceFetchKeepsNewerSettingsAndRole) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(0, v1::ROLE_CHECKER));
  v1::Event policy = MakeEvent(1, "workspace.policy_updated", kThird);
  v1::Workspace changed = MakeWorkspace(1, v1::ROLE_UNSPECIFIED);
  changed.mutable_policy()->set_required_reviews(4);
  *policy.mutable_workspace() = changed;
  ASSERT_TRUE(model.Apply(policy).applied());
  v1::Event promote = MakeEvent(2, "member.set", kThird);
  *promote.mutable_member()->mutable_user() = MakeUser(kSelf);
  promote.mutable_member()->set_role(v1::ROLE_EDITOR);
  ASSERT_TRUE(model.Apply(promote).applied());

  // A GetWorkspace read at seq 0 returns late.
  model.SetWorkspace(MakeWorkspace(0, v1::ROLE_CHECKER));
  EXPECT_EQ(model.workspace().policy().required_reviews(), 4);
  EXPECT_EQ(model.my_role(), v1::ROLE_EDITOR);

  // One read at seq 2 is current.
  v1::Workspace current = MakeWorkspace(2, v1::ROLE_EDITOR);
  current.mutable_policy()->set_required_reviews(4);
  current.set_name("Renamed");
  model.SetWorkspace(current);
  EXPECT_EQ(model.workspace().name(), "Renamed");
  EXPECT_EQ(model.my_role(), v1::ROLE_EDITOR);
  EXPECT_EQ(model.workspace().last_seq(), 2);
}

TEST(ModelFetch, SetMembersReplacesTheList) {
  WorkspaceModel model(kSelf);
  v1::Member a;
  *a.mutable_user() = MakeUser(kOther);
  a.set_role(v1::ROLE_CHECKER);
  v1::Member b;
  *b.mutable_user() = MakeUser(kSelf);
  b.set_role(v1::ROLE_ADMIN);
  model.SetMembers({a, b});
  const auto members = model.Members();
  ASSERT_EQ(members.size(), 2u);
  EXPECT_EQ(members[0]->user().handle(), "user1");  // by handle
  model.SetMembers({a});
  EXPECT_EQ(model.Members().size(), 1u);
  EXPECT_EQ(model.FindMember(kSelf), nullptr);
  b.set_role(v1::ROLE_VIEWER);
  model.UpsertMember(b);
  EXPECT_EQ(model.FindMember(kSelf)->role(), v1::ROLE_VIEWER);
}

TEST(ModelFetch, SetNotesKeepsRevisionsAndVersions) {
  WorkspaceModel model(kSelf);
  v1::Note with_revisions = MakeNote(300, 100, 2);
  with_revisions.add_revisions()->set_body("first draft");
  model.SetNotes(100, {with_revisions});
  EXPECT_TRUE(model.NotesLoaded(100));

  // An event of the same version without revisions keeps the ones we have.
  v1::Event same = ClaimEvent(1, "note.edited", MakeClaim(100, 1));
  *same.mutable_note() = MakeNote(300, 100, 2);
  ASSERT_TRUE(model.Apply(same).applied());
  ASSERT_EQ(model.FindNote(300)->revisions_size(), 1);

  // An older listing does not undo an edit.
  v1::Note edited = MakeNote(300, 100, 3);
  edited.set_body("edited");
  model.UpsertNote(edited);
  model.SetNotes(100, {MakeNote(300, 100, 2)});
  EXPECT_EQ(model.FindNote(300)->body(), "edited");
  EXPECT_EQ(model.FindNote(300)->version(), 3);
  EXPECT_EQ(model.FindNote(300)->revisions_size(), 1);
}

TEST(ModelFetch, SetReviewsMergesAndRespectsVersions) {
  WorkspaceModel model(kSelf);
  model.UpsertReview(MakeReview(401, 100, kOther, 3, false));
  model.SetReviews(100,
                   {MakeReview(401, 100, kOther, 2, false), MakeReview(402, 100, kThird, 1, true)});
  EXPECT_EQ(model.FindReview(401)->version(), 3);
  ASSERT_EQ(model.Reviews(100).size(), 2u);
  EXPECT_TRUE(model.ReviewsLoaded(100));
}

TEST(ModelFetch, SetRecordsFiledUnderTheGivenClaim) {
  WorkspaceModel model(kSelf);
  v1::Source stray = MakeSource(201, 999);
  model.SetSources(100, {MakeSource(200, 100), stray});
  EXPECT_EQ(model.Sources(100).size(), 1u);
  EXPECT_EQ(model.FindSource(201), nullptr);
  EXPECT_TRUE(model.SourcesLoaded(100));
  EXPECT_FALSE(model.SourcesLoaded(999));
}

TEST(ModelFetch, SetDisputeStoresEmbeddedRecordsOnce) {
  WorkspaceModel model(kSelf);
  v1::Dispute d;
  d.set_id(500);
  d.set_claim_id(100);
  d.set_status(v1::DISPUTE_STATUS_OPEN);
  d.set_waiting_for("an editor's decision");
  *d.mutable_claim() = MakeClaim(100, 4);
  *d.add_reviews() = MakeReview(401, 100, kOther, 1, false);
  *d.add_reviews() = MakeReview(402, 100, kSelf, 1, false);
  *d.add_sources() = MakeSource(200, 100);
  model.SetDispute(d);
  ASSERT_NE(model.DisputeOf(100), nullptr);
  EXPECT_EQ(model.DisputeOf(100)->waiting_for(), "an editor's decision");
  EXPECT_FALSE(model.DisputeOf(100)->has_claim());
  EXPECT_EQ(model.DisputeOf(100)->reviews_size(), 0);
  EXPECT_EQ(model.FindClaim(100)->version(), 4);
  EXPECT_EQ(model.Reviews(100).size(), 2u);
  EXPECT_EQ(model.Sources(100).size(), 1u);

  // A later dispute of the same claim (after a reopen) becomes the current one.
  v1::Dispute later;
  later.set_id(501);
  later.set_claim_id(100);
  later.set_status(v1::DISPUTE_STATUS_OPEN);
  model.SetDispute(later);
  EXPECT_EQ(model.DisputeOf(100)->id(), 501);
  ASSERT_EQ(model.Disputes(100).size(), 2u);
  EXPECT_EQ(model.Disputes(100)[0]->id(), 500);
}

TEST(ModelFetch, SegmentsLoadedByPage) {
  WorkspaceModel model(kSelf);
  v1::Transcript t;
  t.set_id(10);
  t.set_segment_count(4);
  model.UpsertTranscript(t);
  EXPECT_EQ(model.FirstMissingSegment(10), 0);
  std::vector<v1::Segment> page(2);
  for (int i = 0; i < 2; ++i) {
    page[i].set_id(1000 + i);
    page[i].set_transcript_id(10);
    page[i].set_ordinal(i);
    page[i].set_text("segment " + std::to_string(i));
  }
  ASSERT_TRUE(model.SetSegments(10, 0, page).ok());
  EXPECT_EQ(model.FirstMissingSegment(10), 2);
  ASSERT_NE(model.SegmentAt(10, 1), nullptr);
  EXPECT_EQ(model.SegmentAt(10, 1)->text(), "segment 1");
  ASSERT_NE(model.FindSegment(1000), nullptr);
  EXPECT_EQ(model.FindSegment(1000)->ordinal(), 0);
  EXPECT_EQ(model.SegmentAt(10, 2), nullptr);
  EXPECT_FALSE(model.FirstMissingSegment(99).has_value());  // unknown transcript
}

}  // namespace
}  // namespace factdesk::model
