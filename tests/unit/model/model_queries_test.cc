// The queries the views use: reading order, J/K navigation, counts, threads, presence.

#include <gtest/gtest.h>

#include "client/model/workspace_model.h"
#include "tests/unit/model/model_fixtures.h"

namespace factdesk::model {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

std::vector<std::int64_t> Ids(const std::vector<const v1::Claim*>& claims) {
  std::vector<std::int64_t> ids;
  for (const auto* c : claims) ids.push_back(c->id());
  return ids;
}

// Transcript 10: segment 0 has claims 3 (byte 20) and 1 (byte 0); segment 2 has claim 2;
// segment 5 has claim 4. Transcript 11 has claim 9.
WorkspaceModel Reader() {
  WorkspaceModel model(kSelf);
  model.UpsertClaims({MakeClaim(3, 1, 0, 20), MakeClaim(1, 1, 0, 0), MakeClaim(2, 1, 2, 7),
                      MakeClaim(4, 1, 5, 0), MakeClaim(9, 1, 0, 0, 11)});
  return model;
}

TEST(ModelQueries, ClaimsInReadingOrder) {
  const WorkspaceModel model = Reader();
  EXPECT_EQ(Ids(model.ClaimsOfTranscript(10)), (std::vector<std::int64_t>{1, 3, 2, 4}));
  EXPECT_EQ(Ids(model.ClaimsOfTranscript(11)), (std::vector<std::int64_t>{9}));
  EXPECT_TRUE(model.ClaimsOfTranscript(12).empty());
  EXPECT_EQ(Ids(model.ClaimsOfSegment(10000)), (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(Ids(model.ClaimsOfSegment(10002)), (std::vector<std::int64_t>{2}));
  EXPECT_EQ(Ids(model.ClaimsOfTranscript(10, [](const v1::Claim& c) { return c.id() % 2 == 0; })),
            (std::vector<std::int64_t>{2, 4}));
}

TEST(ModelQueries, NextAndPreviousClaim) {
  const WorkspaceModel model = Reader();
  ASSERT_NE(model.NextClaim(1), nullptr);
  EXPECT_EQ(model.NextClaim(1)->id(), 3);
  EXPECT_EQ(model.NextClaim(3)->id(), 2);
  EXPECT_EQ(model.NextClaim(4), nullptr);  // the end of the transcript
  EXPECT_EQ(model.PreviousClaim(2)->id(), 3);
  EXPECT_EQ(model.PreviousClaim(1), nullptr);
  EXPECT_EQ(model.NextClaim(9), nullptr);  // transcripts do not run into each other
  EXPECT_EQ(model.NextClaim(777), nullptr);
  const auto even = [](const v1::Claim& c) { return c.id() % 2 == 0; };
  EXPECT_EQ(model.NextClaim(1, even)->id(), 2);
  EXPECT_EQ(model.PreviousClaim(4, even)->id(), 2);
  EXPECT_EQ(model.PreviousClaim(2, even), nullptr);
}

TEST(ModelQueries, FirstClaimFromAPosition) {
  const WorkspaceModel model = Reader();
  EXPECT_EQ(model.FirstClaimFrom(10, 0, 0)->id(), 1);
  EXPECT_EQ(model.FirstClaimFrom(10, 0, 1)->id(), 3);
  EXPECT_EQ(model.FirstClaimFrom(10, 1, 0)->id(), 2);
  EXPECT_EQ(model.FirstClaimFrom(10, 6, 0), nullptr);
  EXPECT_EQ(model.FirstClaimFrom(99, 0, 0), nullptr);
}

TEST(ModelQueries, ReanchoredClaimMovesInTheOrder) {
  WorkspaceModel model = Reader();
  ASSERT_TRUE(model.UpsertClaim(MakeClaim(1, 2, 6, 0)));
  EXPECT_EQ(Ids(model.ClaimsOfTranscript(10)), (std::vector<std::int64_t>{3, 2, 4, 1}));
  EXPECT_EQ(Ids(model.ClaimsOfSegment(10000)), (std::vector<std::int64_t>{3}));
  EXPECT_EQ(Ids(model.ClaimsOfSegment(10006)), (std::vector<std::int64_t>{1}));
  EXPECT_EQ(model.NextClaim(4)->id(), 1);
}

TEST(ModelQueries, CountByStatus) {
  WorkspaceModel model = Reader();
  v1::Claim disputed = MakeClaim(2, 2, 2, 7);
  disputed.set_status(v1::CLAIM_STATUS_DISPUTED);
  model.UpsertClaim(disputed);
  const auto all = model.CountByStatus();
  EXPECT_EQ(all.at(v1::CLAIM_STATUS_OPEN), 4);
  EXPECT_EQ(all.at(v1::CLAIM_STATUS_DISPUTED), 1);
  const auto t11 = model.CountByStatus(11);
  EXPECT_EQ(t11.at(v1::CLAIM_STATUS_OPEN), 1);
  EXPECT_FALSE(t11.contains(v1::CLAIM_STATUS_DISPUTED));
}

TEST(ModelQueries, NotesInThreadOrder) {
  WorkspaceModel model(kSelf);
  // 1 top; 2 top; 3 replies to 1; 4 replies to 3; 5 replies to 1; 6 dispute thread;
  // 7 replies to a note we do not have.
  model.SetNotes(100, {MakeNote(5, 100, 1, 1), MakeNote(1, 100, 1), MakeNote(4, 100, 1, 3),
                       MakeNote(2, 100, 1), MakeNote(3, 100, 1, 1),
                       MakeNote(6, 100, 1, 0, v1::NOTE_THREAD_DISPUTE), MakeNote(7, 100, 1, 42)});
  const auto all = model.Notes(100);
  std::vector<std::pair<std::int64_t, int>> order;
  for (const auto& n : all) order.emplace_back(n.note->id(), n.depth);
  const std::vector<std::pair<std::int64_t, int>> expected{{1, 0}, {3, 1}, {4, 2}, {5, 1},
                                                           {2, 0}, {7, 0}, {6, 0}};
  EXPECT_EQ(order, expected);
  const auto dispute = model.Notes(100, v1::NOTE_THREAD_DISPUTE);
  ASSERT_EQ(dispute.size(), 1u);
  EXPECT_EQ(dispute[0].note->id(), 6);
  EXPECT_EQ(model.Notes(100, v1::NOTE_THREAD_CLAIM).size(), 6u);
  EXPECT_TRUE(model.Notes(101).empty());
}

TEST(ModelQueries, TranscriptsNewestFirst) {
  WorkspaceModel model(kSelf);
  for (int id : {10, 12, 11}) {
    v1::Transcript t;
    t.set_id(id);
    model.UpsertTranscript(t);
  }
  const auto list = model.Transcripts();
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]->id(), 12);
  EXPECT_EQ(list[2]->id(), 10);
}

v1::Presence At(const std::string& session, std::int64_t user, std::int64_t segment,
                std::int64_t claim, std::int64_t seconds) {
  v1::Presence p;
  p.set_session_id(session);
  *p.mutable_user() = MakeUser(user);
  p.set_transcript_id(10);
  p.set_segment_id(segment);
  p.set_claim_id(claim);
  p.set_activity(claim != 0 ? v1::ACTIVITY_EDITING : v1::ACTIVITY_READING);
  p.set_online(true);
  p.mutable_updated_at()->set_seconds(seconds);
  return p;
}

TEST(ModelQueries, PresenceExcludesSelfAndExpires) {
  WorkspaceModel model(kSelf);
  const auto t0 = PresenceTable::Clock::time_point(std::chrono::seconds(1000));
  EXPECT_TRUE(model.ApplyPresence(At("me", kSelf, 10000, 0, 1000), t0));
  EXPECT_TRUE(model.ApplyPresence(At("b", kOther, 10000, 0, 1000), t0));
  EXPECT_TRUE(model.ApplyPresence(At("c", kThird, 10002, 2, 1010), t0));
  EXPECT_EQ(model.PresentOthers().size(), 2u);
  ASSERT_EQ(model.PresentInSegment(10000).size(), 1u);
  EXPECT_EQ(model.PresentInSegment(10000)[0]->session_id(), "b");
  ASSERT_EQ(model.PresentOnClaim(2).size(), 1u);
  EXPECT_EQ(model.PresentOnClaim(2)[0]->user().id(), kThird);
  EXPECT_EQ(model.PresentInTranscript(10).size(), 2u);
  EXPECT_EQ(model.presence().size(), 3u);

  // 35 s after their last update, "me" and "b" go; "c" (updated 10 s later) stays.
  EXPECT_EQ(model.ExpirePresence(t0 + std::chrono::seconds(34)), 0u);
  EXPECT_EQ(model.ExpirePresence(t0 + std::chrono::seconds(35)), 2u);
  ASSERT_EQ(model.PresentOthers().size(), 1u);
  EXPECT_EQ(model.PresentOthers()[0]->session_id(), "c");
}

}  // namespace
}  // namespace factdesk::model
