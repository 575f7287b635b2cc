// WorkspaceModel::Apply: order, duplicates, gaps, idempotence, removals, blind reviews,
// change descriptions and the unseen counter.

#include <gtest/gtest.h>

#include "client/model/workspace_model.h"
#include "tests/unit/model/model_fixtures.h"

namespace factdesk::model {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)
using Outcome = ApplyResult::Outcome;

// A short history: a claim, a source, a note, a review, the source removed.
std::vector<v1::Event> History() {
  std::vector<v1::Event> events;
  events.push_back(ClaimEvent(1, "claim.created", MakeClaim(100, 1)));
  v1::Event source = ClaimEvent(2, "source.added", MakeClaim(100, 1));
  *source.mutable_source() = MakeSource(200, 100);
  events.push_back(source);
  v1::Event note = ClaimEvent(3, "note.added", MakeClaim(100, 1));
  *note.mutable_note() = MakeNote(300, 100, 1);
  events.push_back(note);
  v1::Claim reviewed = MakeClaim(100, 2);
  reviewed.set_status(v1::CLAIM_STATUS_IN_REVIEW);
  reviewed.set_review_count(1);
  v1::Event review = ClaimEvent(4, "review.submitted", reviewed);
  *review.mutable_review() = MakeReview(400, 100, kOther, 1, /*hidden=*/true);
  events.push_back(review);
  v1::Event removed = ClaimEvent(5, "source.removed", reviewed);
  *removed.mutable_source() = MakeSource(200, 100, /*removed=*/true);
  events.push_back(removed);
  return events;
}

TEST(ModelApply, AppliesEventsInOrder) {
  WorkspaceModel model(kSelf);
  for (const auto& e : History()) {
    const ApplyResult r = model.Apply(e);
    EXPECT_EQ(r.outcome, Outcome::kApplied) << e.kind();
    EXPECT_EQ(r.expected_seq, e.seq() + 1);
    ASSERT_TRUE(r.change.has_value());
  }
  EXPECT_EQ(model.last_seq(), 5);
  const v1::Claim* claim = model.FindClaim(100);
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ(claim->version(), 2);
  EXPECT_EQ(claim->status(), v1::CLAIM_STATUS_IN_REVIEW);
  EXPECT_TRUE(model.Sources(100).empty());
  ASSERT_EQ(model.Sources(100, /*include_removed=*/true).size(), 1u);
  EXPECT_TRUE(model.FindSource(200)->removed());
  ASSERT_EQ(model.Notes(100).size(), 1u);
  ASSERT_EQ(model.Reviews(100).size(), 1u);
  EXPECT_TRUE(model.FindReview(400)->hidden());
}

TEST(ModelApply, DuplicateIsIgnored) {
  WorkspaceModel model(kSelf);
  const auto events = History();
  for (const auto& e : events) ASSERT_TRUE(model.Apply(e).applied());
  // An old copy of the claim, re-delivered after a reconnect, changes nothing.
  const ApplyResult again = model.Apply(events[0]);
  EXPECT_EQ(again.outcome, Outcome::kDuplicate);
  EXPECT_FALSE(again.change.has_value());
  EXPECT_EQ(again.expected_seq, 6);
  EXPECT_EQ(model.FindClaim(100)->version(), 2);
  EXPECT_EQ(model.last_seq(), 5);
}

TEST(ModelApply, GapIsReportedAndNotApplied) {
  WorkspaceModel model(kSelf);
  ASSERT_TRUE(model.Apply(ClaimEvent(1, "claim.created", MakeClaim(100, 1))).applied());
  const ApplyResult gap = model.Apply(ClaimEvent(3, "claim.created", MakeClaim(101, 1)));
  EXPECT_EQ(gap.outcome, Outcome::kGap);
  EXPECT_EQ(gap.expected_seq, 2);
  EXPECT_EQ(model.last_seq(), 1);
  EXPECT_EQ(model.FindClaim(101), nullptr);
  EXPECT_EQ(model.TakeChanges().size(), 1u);  // the refused event is not described
  // The missing event, then the one that was refused, apply normally.
  EXPECT_TRUE(model.Apply(ClaimEvent(2, "claim.created", MakeClaim(102, 1))).applied());
  EXPECT_TRUE(model.Apply(ClaimEvent(3, "claim.created", MakeClaim(101, 1))).applied());
  EXPECT_EQ(model.last_seq(), 3);
}

TEST(ModelApply, ReplayingTheWholeStreamIsIdempotent) {
  WorkspaceModel once(kSelf);
  WorkspaceModel twice(kSelf);
  const auto events = History();
  for (const auto& e : events) {
    once.Apply(e);
    twice.Apply(e);
  }
  // A resubscribe from 0 delivers everything again, and one from 2 the tail.
  for (const auto& e : events) EXPECT_EQ(twice.Apply(e).outcome, Outcome::kDuplicate);
  for (std::size_t i = 2; i < events.size(); ++i) twice.Apply(events[i]);
  EXPECT_EQ(once.FindClaim(100)->SerializeAsString(), twice.FindClaim(100)->SerializeAsString());
  EXPECT_EQ(once.FindSource(200)->SerializeAsString(), twice.FindSource(200)->SerializeAsString());
  EXPECT_EQ(once.FindNote(300)->SerializeAsString(), twice.FindNote(300)->SerializeAsString());
  EXPECT_EQ(once.FindReview(400)->SerializeAsString(), twice.FindReview(400)->SerializeAsString());
  EXPECT_EQ(once.TakeChanges().size(), twice.TakeChanges().size());
  EXPECT_EQ(once.UnseenChanges(), twice.UnseenChanges());
}

TEST(ModelApply, EventOfAnotherWorkspaceIsForeign) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(0));
  v1::Event e = ClaimEvent(1, "claim.created", MakeClaim(100, 1));
  e.set_workspace_id(kWorkspace + 1);
  EXPECT_EQ(model.Apply(e).outcome, Outcome::kForeign);
  EXPECT_EQ(model.last_seq(), 0);
  EXPECT_EQ(model.FindClaim(100), nullptr);
}

TEST(ModelApply, StaleClaimInEventDoesNotMoveStateBackwards) {
  WorkspaceModel model(kSelf);
  // A fetch that ran ahead of the stream.
  model.UpsertClaim(MakeClaim(100, 3));
  v1::Event old = ClaimEvent(1, "claim.updated", MakeClaim(100, 2));
  EXPECT_TRUE(model.Apply(old).applied());  // the seq is consumed all the same
  EXPECT_EQ(model.FindClaim(100)->version(), 3);
  EXPECT_EQ(model.last_seq(), 1);
}

TEST(ModelApply, EqualVersionEventUpdatesCounts) {
  WorkspaceModel model(kSelf);
  ASSERT_TRUE(model.Apply(ClaimEvent(1, "claim.created", MakeClaim(100, 1))).applied());
  // Adding a source does not bump the claim's version, but its count changes.
  v1::Claim counted = MakeClaim(100, 1);
  counted.set_source_count(1);
  v1::Event added = ClaimEvent(2, "source.added", counted);
  *added.mutable_source() = MakeSource(200, 100);
  ASSERT_TRUE(model.Apply(added).applied());
  EXPECT_EQ(model.FindClaim(100)->source_count(), 1);
}

TEST(ModelApply, ClaimCreatedMarksListsLoaded) {
  WorkspaceModel model(kSelf);
  EXPECT_FALSE(model.SourcesLoaded(100));
  ASSERT_TRUE(model.Apply(ClaimEvent(1, "claim.created", MakeClaim(100, 1))).applied());
  EXPECT_TRUE(model.SourcesLoaded(100));
  EXPECT_TRUE(model.NotesLoaded(100));
  EXPECT_TRUE(model.ReviewsLoaded(100));
  // A claim first seen through an update is not complete.
  ASSERT_TRUE(model.Apply(ClaimEvent(2, "claim.updated", MakeClaim(101, 4))).applied());
  EXPECT_FALSE(model.SourcesLoaded(101));
  EXPECT_FALSE(model.ReviewsLoaded(101));
}

TEST(ModelApply, NoteRemovalKeepsItsPlace) {
  WorkspaceModel model(kSelf);
  v1::Event added = ClaimEvent(1, "note.added", MakeClaim(100, 1));
  *added.mutable_note() = MakeNote(300, 100, 1);
  ASSERT_TRUE(model.Apply(added).applied());
  v1::Note removed_note = MakeNote(300, 100, 2);
  removed_note.set_removed(true);
  removed_note.clear_body();
  v1::Event removed = ClaimEvent(2, "note.removed", MakeClaim(100, 1));
  *removed.mutable_note() = removed_note;
  const ApplyResult r = model.Apply(removed);
  ASSERT_TRUE(r.applied());
  EXPECT_EQ(r.change->what, Change::What::kRemoved);
  EXPECT_EQ(r.change->subject, Change::Subject::kNote);
  EXPECT_EQ(r.change->record_id, 300);
  const auto notes = model.Notes(100);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_TRUE(notes[0].note->removed());
  EXPECT_TRUE(notes[0].note->body().empty());
}

TEST(ModelApply, SourceRemovalIsFinal) {
  WorkspaceModel model(kSelf);
  v1::Event removed = ClaimEvent(1, "source.removed", MakeClaim(100, 1));
  *removed.mutable_source() = MakeSource(200, 100, /*removed=*/true);
  ASSERT_TRUE(model.Apply(removed).applied());
  // A listing read before the removal arrives late.
  model.SetSources(100, {MakeSource(200, 100, /*removed=*/false)});
  EXPECT_TRUE(model.FindSource(200)->removed());
  EXPECT_TRUE(model.Sources(100).empty());
}

TEST(ModelApply, MembersAreSetAndRemoved) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(0, v1::ROLE_CHECKER));
  v1::Event set = MakeEvent(1, "member.set", kThird);
  set.mutable_member()->mutable_user()->CopyFrom(MakeUser(kOther));
  set.mutable_member()->set_role(v1::ROLE_EDITOR);
  ASSERT_TRUE(model.Apply(set).applied());
  ASSERT_NE(model.FindMember(kOther), nullptr);
  EXPECT_EQ(model.FindMember(kOther)->role(), v1::ROLE_EDITOR);
  EXPECT_NE(model.FindMemberByHandle("user2"), nullptr);

  // The removal event carries only the user.
  v1::Event removed = MakeEvent(2, "member.removed", kThird);
  *removed.mutable_member()->mutable_user() = MakeUser(kOther);
  const ApplyResult r = model.Apply(removed);
  ASSERT_TRUE(r.applied());
  EXPECT_EQ(r.change->subject, Change::Subject::kMember);
  EXPECT_EQ(r.change->what, Change::What::kRemoved);
  EXPECT_EQ(r.change->record_id, kOther);
  EXPECT_EQ(model.FindMember(kOther), nullptr);
  EXPECT_EQ(model.my_role(), v1::ROLE_CHECKER);
}

TEST(ModelApply, MemberEventForSelfChangesMyRole) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(0, v1::ROLE_CHECKER));
  v1::Event set = MakeEvent(1, "member.set", kThird);
  *set.mutable_member()->mutable_user() = MakeUser(kSelf);
  set.mutable_member()->set_role(v1::ROLE_EDITOR);
  ASSERT_TRUE(model.Apply(set).applied());
  EXPECT_EQ(model.my_role(), v1::ROLE_EDITOR);
}

TEST(ModelApply, WorkspaceEventKeepsMyRole) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(0, v1::ROLE_ADMIN));
  v1::Event e = MakeEvent(1, "workspace.policy_updated");
  v1::Workspace changed = MakeWorkspace(1, v1::ROLE_UNSPECIFIED);  // events carry no role
  changed.mutable_policy()->set_required_reviews(3);
  *e.mutable_workspace() = changed;
  const ApplyResult r = model.Apply(e);
  ASSERT_TRUE(r.applied());
  EXPECT_EQ(r.change->subject, Change::Subject::kWorkspace);
  EXPECT_EQ(model.workspace().policy().required_reviews(), 3);
  EXPECT_EQ(model.my_role(), v1::ROLE_ADMIN);
  EXPECT_EQ(model.workspace().last_seq(), 1);
}

TEST(ModelApply, TranscriptImported) {
  WorkspaceModel model(kSelf);
  v1::Event e = MakeEvent(1, "transcript.imported");
  e.mutable_transcript()->set_id(10);
  e.mutable_transcript()->set_title("Debate");
  e.mutable_transcript()->set_segment_count(3);
  const ApplyResult r = model.Apply(e);
  ASSERT_TRUE(r.applied());
  EXPECT_EQ(r.change->subject, Change::Subject::kTranscript);
  EXPECT_EQ(r.change->what, Change::What::kCreated);
  EXPECT_EQ(r.change->transcript_id, 10);
  ASSERT_NE(model.FindTranscript(10), nullptr);
  EXPECT_EQ(model.FindTranscript(10)->title(), "Debate");
}

TEST(ModelApply, HiddenReviewDoesNotOverwriteVisibleCopy) {
  WorkspaceModel model(kSelf);
  // The local user has reviewed, and a refetch showed the other review.
  model.SetReviews(100, {MakeReview(401, 100, kOther, 2, /*hidden=*/false)});
  // A redacted copy of the same version (e.g. from a replay) must not blank it.
  v1::Event same = ClaimEvent(1, "review.submitted", MakeClaim(100, 1));
  *same.mutable_review() = MakeReview(401, 100, kOther, 2, /*hidden=*/true);
  ASSERT_TRUE(model.Apply(same).applied());
  EXPECT_FALSE(model.FindReview(401)->hidden());
  EXPECT_EQ(model.FindReview(401)->rationale(), "because v2");
  // Nor an older one.
  v1::Event older = ClaimEvent(2, "review.submitted", MakeClaim(100, 1));
  *older.mutable_review() = MakeReview(401, 100, kOther, 1, /*hidden=*/true);
  ASSERT_TRUE(model.Apply(older).applied());
  EXPECT_FALSE(model.FindReview(401)->hidden());
  // A newer revision that we may not see replaces it: the old content is not current.
  v1::Event newer = ClaimEvent(3, "review.revised", MakeClaim(100, 1));
  *newer.mutable_review() = MakeReview(401, 100, kOther, 3, /*hidden=*/true);
  ASSERT_TRUE(model.Apply(newer).applied());
  EXPECT_TRUE(model.FindReview(401)->hidden());
  EXPECT_EQ(model.FindReview(401)->version(), 3);
}

TEST(ModelApply, VisibleReviewReplacesHiddenCopy) {
  WorkspaceModel model(kSelf);
  v1::Event hidden = ClaimEvent(1, "review.submitted", MakeClaim(100, 1));
  *hidden.mutable_review() = MakeReview(401, 100, kOther, 1, /*hidden=*/true);
  ASSERT_TRUE(model.Apply(hidden).applied());
  model.SetReviews(100, {MakeReview(401, 100, kOther, 1, /*hidden=*/false)});
  EXPECT_FALSE(model.FindReview(401)->hidden());
  EXPECT_EQ(model.FindReview(401)->verdict().label(), "False");
}

TEST(ModelApply, OwnReviewFlagsHiddenOthersForRefetch) {
  WorkspaceModel model(kSelf);
  v1::Claim claim = MakeClaim(100, 1);
  ASSERT_TRUE(model.Apply(ClaimEvent(1, "claim.created", claim)).applied());
  claim.set_review_count(1);
  v1::Event other = ClaimEvent(2, "review.submitted", claim, kOther);
  *other.mutable_review() = MakeReview(401, 100, kOther, 1, /*hidden=*/true);
  ASSERT_TRUE(model.Apply(other).applied());
  EXPECT_FALSE(model.NeedsReviewRefetch(100));  // someone else's review changes nothing

  claim.set_review_count(2);
  claim.set_status(v1::CLAIM_STATUS_DISPUTED);
  claim.set_version(2);
  v1::Event mine = ClaimEvent(3, "review.submitted", claim, kSelf);
  *mine.mutable_review() = MakeReview(402, 100, kSelf, 1, /*hidden=*/false);
  ASSERT_TRUE(model.Apply(mine).applied());
  EXPECT_TRUE(model.NeedsReviewRefetch(100));
  EXPECT_EQ(model.ClaimsNeedingReviewRefetch(), std::vector<std::int64_t>{100});
  ASSERT_NE(model.OwnReview(100), nullptr);
  EXPECT_EQ(model.OwnReview(100)->id(), 402);

  // ListReviews after our own review shows the other one.
  model.SetReviews(100,
                   {MakeReview(401, 100, kOther, 1, false), MakeReview(402, 100, kSelf, 1, false)});
  EXPECT_FALSE(model.NeedsReviewRefetch(100));
  EXPECT_FALSE(model.FindReview(401)->hidden());
  EXPECT_TRUE(model.ClaimsNeedingReviewRefetch().empty());
}

TEST(ModelApply, OwnReviewWithNothingHiddenNeedsNoRefetch) {
  WorkspaceModel model(kSelf);  // e.g. an editor: every review arrives visible
  v1::Claim claim = MakeClaim(100, 1);
  ASSERT_TRUE(model.Apply(ClaimEvent(1, "claim.created", claim)).applied());
  claim.set_review_count(1);
  v1::Event other = ClaimEvent(2, "review.submitted", claim, kOther);
  *other.mutable_review() = MakeReview(401, 100, kOther, 1, /*hidden=*/false);
  ASSERT_TRUE(model.Apply(other).applied());
  claim.set_review_count(2);
  v1::Event mine = ClaimEvent(3, "review.submitted", claim, kSelf);
  *mine.mutable_review() = MakeReview(402, 100, kSelf, 1, /*hidden=*/false);
  ASSERT_TRUE(model.Apply(mine).applied());
  EXPECT_FALSE(model.NeedsReviewRefetch(100));
}

TEST(ModelApply, OwnReviewWithUnknownReviewsNeedsRefetch) {
  WorkspaceModel model(kSelf);
  // The claim's reviews were never listed; the claim says there are two.
  v1::Claim claim = MakeClaim(100, 3);
  claim.set_review_count(2);
  v1::Event mine = ClaimEvent(1, "review.submitted", claim, kSelf);
  *mine.mutable_review() = MakeReview(402, 100, kSelf, 1, /*hidden=*/false);
  ASSERT_TRUE(model.Apply(mine).applied());
  EXPECT_TRUE(model.NeedsReviewRefetch(100));
  model.ClearReviewRefetch(100);
  EXPECT_FALSE(model.NeedsReviewRefetch(100));
}

TEST(ModelApply, SettledClaimWithHiddenReviewsNeedsRefetch) {
  WorkspaceModel model(kSelf);  // a checker who did not review
  v1::Claim claim = MakeClaim(100, 1);
  claim.set_review_count(1);
  v1::Event other = ClaimEvent(1, "review.submitted", claim, kOther);
  *other.mutable_review() = MakeReview(401, 100, kOther, 1, /*hidden=*/true);
  ASSERT_TRUE(model.Apply(other).applied());
  EXPECT_FALSE(model.NeedsReviewRefetch(100));
  claim.set_version(2);
  claim.set_status(v1::CLAIM_STATUS_RESOLVED);
  ASSERT_TRUE(model.Apply(ClaimEvent(2, "dispute.decided", claim, kThird)).applied());
  EXPECT_TRUE(model.NeedsReviewRefetch(100));
}

TEST(ModelApply, ClosedDisputeIsNotReopenedByAnOlderCopy) {
  WorkspaceModel model(kSelf);
  v1::Dispute open;
  open.set_id(500);
  open.set_claim_id(100);
  open.set_status(v1::DISPUTE_STATUS_OPEN);
  v1::Dispute closed = open;
  closed.set_status(v1::DISPUTE_STATUS_CLOSED);
  closed.set_resolution(v1::DISPUTE_RESOLUTION_EDITOR_DECISION);

  v1::Event decided = ClaimEvent(1, "dispute.decided", MakeClaim(100, 5));
  *decided.mutable_dispute() = closed;
  const ApplyResult r = model.Apply(decided);
  ASSERT_TRUE(r.applied());
  EXPECT_EQ(r.change->subject, Change::Subject::kDispute);
  EXPECT_EQ(r.change->record_id, 500);
  model.SetDispute(open);  // a slow GetDispute
  ASSERT_NE(model.DisputeOf(100), nullptr);
  EXPECT_EQ(model.DisputeOf(100)->status(), v1::DISPUTE_STATUS_CLOSED);
}

TEST(ModelApply, ChangeDescribesTheEvent) {
  WorkspaceModel model(kSelf);
  ASSERT_TRUE(model.Apply(ClaimEvent(1, "claim.created", MakeClaim(100, 1, 4, 10))).applied());
  v1::Event review = ClaimEvent(2, "review.submitted", MakeClaim(100, 1, 4, 10), kSelf);
  *review.mutable_review() = MakeReview(401, 100, kSelf, 1, false);
  const ApplyResult r = model.Apply(review);
  ASSERT_TRUE(r.change.has_value());
  const Change& c = *r.change;
  EXPECT_EQ(c.subject, Change::Subject::kReview);
  EXPECT_EQ(c.what, Change::What::kCreated);
  EXPECT_EQ(c.kind, v1::EVENT_KIND_REVIEW_SUBMITTED);
  EXPECT_EQ(c.seq, 2);
  EXPECT_EQ(c.record_id, 401);
  EXPECT_EQ(c.claim_id, 100);
  EXPECT_EQ(c.transcript_id, 10);
  EXPECT_EQ(c.segment_id, 10004);
  EXPECT_EQ(c.actor_id, kSelf);
  EXPECT_EQ(c.actor_handle, "user1");
  EXPECT_TRUE(c.by_self);
  EXPECT_FALSE(c.replayed);
  EXPECT_STREQ(SubjectName(c.subject), "review");
  EXPECT_STREQ(WhatName(c.what), "created");
  EXPECT_STREQ(OutcomeName(r.outcome), "applied");
}

TEST(ModelApply, ChangesQueueAndUnseenCounter) {
  WorkspaceModel model(kSelf);
  ASSERT_TRUE(model.Apply(ClaimEvent(1, "claim.created", MakeClaim(100, 1), kOther)).applied());
  ASSERT_TRUE(model.Apply(ClaimEvent(2, "claim.updated", MakeClaim(100, 2), kSelf)).applied());
  ASSERT_TRUE(model.Apply(ClaimEvent(3, "claim.updated", MakeClaim(100, 3), kThird)).applied());
  EXPECT_EQ(model.UnseenChanges(), 2);  // our own change is not news to us
  const auto changes = model.TakeChanges();
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].seq, 1);
  EXPECT_EQ(changes[2].seq, 3);
  EXPECT_FALSE(model.HasQueuedChanges());
  EXPECT_TRUE(model.TakeChanges().empty());
  EXPECT_EQ(model.UnseenChanges(), 2);  // draining is not seeing
  model.MarkSeen();
  EXPECT_EQ(model.UnseenChanges(), 0);
  EXPECT_EQ(model.Apply(ClaimEvent(3, "claim.updated", MakeClaim(100, 3))).outcome,
            Outcome::kDuplicate);
  EXPECT_EQ(model.UnseenChanges(), 0);  // duplicates are not changes
  ASSERT_TRUE(model.Apply(ClaimEvent(4, "claim.updated", MakeClaim(100, 4))).applied());
  EXPECT_EQ(model.UnseenChanges(), 1);
}

TEST(ModelApply, ReplayedHistoryIsNotUnseen) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(/*last_seq=*/2));
  ASSERT_TRUE(model.Apply(ClaimEvent(1, "claim.created", MakeClaim(100, 1))).applied());
  const ApplyResult second = model.Apply(ClaimEvent(2, "claim.updated", MakeClaim(100, 2)));
  EXPECT_TRUE(second.change->replayed);
  EXPECT_EQ(model.UnseenChanges(), 0);
  const ApplyResult third = model.Apply(ClaimEvent(3, "claim.updated", MakeClaim(100, 3)));
  EXPECT_FALSE(third.change->replayed);
  EXPECT_EQ(model.UnseenChanges(), 1);
  EXPECT_EQ(model.TakeChanges().size(), 3u);  // replayed ones are still described
}

TEST(ModelApply, ChangeQueueIsBounded) {
  WorkspaceModel model(kSelf);
  const std::int64_t n = static_cast<std::int64_t>(WorkspaceModel::kMaxQueuedChanges) + 10;
  for (std::int64_t seq = 1; seq <= n; ++seq) {
    ASSERT_TRUE(model.Apply(ClaimEvent(seq, "claim.updated", MakeClaim(100, seq))).applied());
  }
  EXPECT_EQ(model.DroppedChanges(), 10u);
  const auto changes = model.TakeChanges();
  ASSERT_EQ(changes.size(), WorkspaceModel::kMaxQueuedChanges);
  EXPECT_EQ(changes.front().seq, 11);
  EXPECT_EQ(changes.back().seq, n);
  EXPECT_EQ(model.UnseenChanges(), n);
}

TEST(ModelApply, ResetForgetsAllButSelf) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(1));
  for (const auto& e : History()) model.Apply(e);
  model.Reset();
  EXPECT_EQ(model.self_user_id(), kSelf);
  EXPECT_EQ(model.last_seq(), 0);
  EXPECT_FALSE(model.has_workspace());
  EXPECT_EQ(model.claim_count(), 0u);
  EXPECT_EQ(model.FindSource(200), nullptr);
  EXPECT_EQ(model.UnseenChanges(), 0);
  EXPECT_FALSE(model.HasQueuedChanges());
  EXPECT_TRUE(model.Apply(History()[0]).applied());
}

}  // namespace
}  // namespace factdesk::model
