// WorkspaceModel and live transcripts: opened, appended, closed, segment corrections with
// their claims, re-anchored claims, and fetched copies that are older than the stream.

#include <gtest/gtest.h>

#include "client/model/workspace_model.h"
#include "tests/unit/model/model_fixtures.h"

namespace factdesk::model {
namespace {

using namespace testing;  // NOLINT(google-build-using-namespace)

constexpr std::int64_t kLive = 20;

v1::Transcript LiveTranscript(int segments, v1::TranscriptState state = v1::TRANSCRIPT_STATE_LIVE) {
  v1::Transcript t;
  t.set_id(kLive);
  t.set_workspace_id(kWorkspace);
  t.set_title("Debate, live");
  t.set_segment_count(segments);
  t.set_state(state);
  return t;
}

v1::Segment LiveSegment(std::int32_t ordinal, const std::string& text, int revision = 0) {
  v1::Segment s;
  s.set_id(kLive * 1000 + ordinal);
  s.set_transcript_id(kLive);
  s.set_ordinal(ordinal);
  s.set_kind(v1::SEGMENT_KIND_SPEECH);
  s.set_speaker("CLINTON");
  s.set_text(text);
  s.set_revision(revision);
  return s;
}

v1::Event Opened(std::int64_t seq) {
  v1::Event e = MakeEvent(seq, "transcript.opened");
  *e.mutable_transcript() = LiveTranscript(0);
  return e;
}

// Appends `texts` after `before` segments.
v1::Event Appended(std::int64_t seq, int before, const std::vector<std::string>& texts) {
  v1::Event e = MakeEvent(seq, "transcript.appended");
  *e.mutable_transcript() = LiveTranscript(before + static_cast<int>(texts.size()));
  for (std::size_t i = 0; i < texts.size(); ++i) {
    *e.add_segments() = LiveSegment(before + static_cast<std::int32_t>(i), texts[i]);
  }
  return e;
}

v1::Claim LiveClaim(std::int64_t id, std::int64_t version, std::int32_t ordinal,
                    const std::string& quote, std::int32_t start) {
  v1::Claim c = MakeClaim(id, version, ordinal, start, kLive);
  c.set_quote(quote);
  c.set_end_byte(start + static_cast<std::int32_t>(quote.size()));
  return c;
}

TEST(ModelLive, AppendedSegmentsAreReadableWithoutAFetch) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(0));
  ASSERT_TRUE(model.Apply(Opened(1)).applied());
  ASSERT_NE(model.FindTranscript(kLive), nullptr);
  EXPECT_EQ(model.FindTranscript(kLive)->state(), v1::TRANSCRIPT_STATE_LIVE);
  EXPECT_EQ(model.FirstMissingSegment(kLive), std::nullopt);

  ASSERT_TRUE(model.Apply(Appended(2, 0, {"Good evening.", "Taxes rose 40 percent."})).applied());
  ASSERT_TRUE(model.Apply(Appended(3, 2, {"That is false."})).applied());
  EXPECT_EQ(model.FindTranscript(kLive)->segment_count(), 3);
  ASSERT_NE(model.SegmentAt(kLive, 2), nullptr);
  EXPECT_EQ(model.SegmentAt(kLive, 1)->text(), "Taxes rose 40 percent.");
  EXPECT_EQ(model.FindSegment(kLive * 1000 + 2)->text(), "That is false.");
  // Every segment is there: the reader has nothing to fetch.
  EXPECT_EQ(model.FirstMissingSegment(kLive), std::nullopt);

  v1::Event closed = MakeEvent(4, "transcript.closed");
  *closed.mutable_transcript() = LiveTranscript(3, v1::TRANSCRIPT_STATE_CLOSED);
  ASSERT_TRUE(model.Apply(closed).applied());
  EXPECT_EQ(model.FindTranscript(kLive)->state(), v1::TRANSCRIPT_STATE_CLOSED);
}

TEST(ModelLive, AFeedsSegmentsAreNotCountedAsUnseenChangesButItsCloseIs) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(0));
  ASSERT_TRUE(model.Apply(Opened(1)).applied());
  EXPECT_EQ(model.UnseenChanges(), 1);
  ASSERT_TRUE(model.Apply(Appended(2, 0, {"One.", "Two."})).applied());
  EXPECT_EQ(model.UnseenChanges(), 1);
  const auto changes = model.TakeChanges();
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[1].subject, Change::Subject::kTranscript);
  EXPECT_EQ(changes[1].transcript_id, kLive);
}

TEST(ModelLive, ACorrectionReplacesTheTextAndCarriesItsClaimsAndHistory) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(0));
  ASSERT_TRUE(model.Apply(Opened(1)).applied());
  ASSERT_TRUE(model.Apply(Appended(2, 0, {"Taxes rose 14 percent, and jobs fell."})).applied());
  ASSERT_TRUE(
      model.Apply(ClaimEvent(3, "claim.created", LiveClaim(500, 1, 0, "jobs fell", 27))).applied());
  ASSERT_TRUE(model.Apply(ClaimEvent(4, "claim.created", LiveClaim(501, 1, 0, "14 percent", 11)))
                  .applied());

  v1::Event corrected = MakeEvent(5, "segment.corrected");
  *corrected.add_segments() = LiveSegment(0, "Taxes rose 40 percent, and jobs fell.", 1);
  auto* c = corrected.mutable_correction();
  c->set_segment_id(kLive * 1000);
  c->set_revision(1);
  c->set_old_text("Taxes rose 14 percent, and jobs fell.");
  c->set_new_text("Taxes rose 40 percent, and jobs fell.");
  // One claim kept its quote (same place), the other lost it and is flagged.
  *corrected.add_claims() = LiveClaim(500, 2, 0, "jobs fell", 27);
  v1::Claim flagged = LiveClaim(501, 2, 0, "14 percent", 11);
  flagged.mutable_quote_change()->set_old_quote("14 percent");
  flagged.mutable_quote_change()->set_new_text(c->new_text());
  flagged.mutable_quote_change()->set_segment_revision(1);
  *corrected.add_claims() = flagged;
  const ApplyResult r = model.Apply(corrected);
  ASSERT_TRUE(r.applied());
  EXPECT_EQ(r.change->segment_id, kLive * 1000);
  EXPECT_EQ(r.change->transcript_id, kLive);

  const v1::Segment* seg = model.FindSegment(kLive * 1000);
  ASSERT_NE(seg, nullptr);
  EXPECT_EQ(seg->text(), "Taxes rose 40 percent, and jobs fell.");
  EXPECT_EQ(seg->revision(), 1);
  ASSERT_TRUE(model.FindClaim(501)->has_quote_change());
  EXPECT_EQ(model.FindClaim(501)->quote_change().old_quote(), "14 percent");
  EXPECT_FALSE(model.FindClaim(500)->has_quote_change());
  EXPECT_EQ(model.FindClaim(500)->version(), 2);
  // The correction is in the segment's history before any fetch of it.
  const auto history = model.SegmentHistory(kLive * 1000);
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0]->old_text(), "Taxes rose 14 percent, and jobs fell.");
  EXPECT_FALSE(model.SegmentHistoryLoaded(kLive * 1000));

  // A page of segments fetched before the correction does not bring the old text back.
  ASSERT_TRUE(
      model.SetSegments(kLive, 0, {LiveSegment(0, "Taxes rose 14 percent, and jobs fell.")}).ok());
  EXPECT_EQ(model.FindSegment(kLive * 1000)->text(), "Taxes rose 40 percent, and jobs fell.");

  // The fetched history merges with what the stream brought.
  v1::SegmentRevision fetched = *c;
  model.SetSegmentHistory(kLive * 1000, {fetched});
  EXPECT_TRUE(model.SegmentHistoryLoaded(kLive * 1000));
  EXPECT_EQ(model.SegmentHistory(kLive * 1000).size(), 1u);

  // Marked again in the new text: the flag is gone and the claim moved.
  v1::Claim reanchored = LiveClaim(501, 3, 0, "40 percent", 11);
  ASSERT_TRUE(model.Apply(ClaimEvent(6, "claim.reanchored", reanchored)).applied());
  EXPECT_FALSE(model.FindClaim(501)->has_quote_change());
  EXPECT_EQ(model.FindClaim(501)->quote(), "40 percent");
}

TEST(ModelLive, AListingOlderThanTheStreamNeitherShrinksNorReopensATranscript) {
  WorkspaceModel model(kSelf);
  model.SetWorkspace(MakeWorkspace(0));
  ASSERT_TRUE(model.Apply(Opened(1)).applied());
  ASSERT_TRUE(model.Apply(Appended(2, 0, {"One.", "Two.", "Three."})).applied());
  model.UpsertTranscript(LiveTranscript(1));
  EXPECT_EQ(model.FindTranscript(kLive)->segment_count(), 3);

  v1::Event closed = MakeEvent(3, "transcript.closed");
  *closed.mutable_transcript() = LiveTranscript(3, v1::TRANSCRIPT_STATE_CLOSED);
  ASSERT_TRUE(model.Apply(closed).applied());
  model.UpsertTranscript(LiveTranscript(3, v1::TRANSCRIPT_STATE_LIVE));
  EXPECT_EQ(model.FindTranscript(kLive)->state(), v1::TRANSCRIPT_STATE_CLOSED);
  // A newer fetch is taken.
  v1::Transcript renamed = LiveTranscript(3, v1::TRANSCRIPT_STATE_CLOSED);
  renamed.set_title("Debate, as aired");
  model.UpsertTranscript(renamed);
  EXPECT_EQ(model.FindTranscript(kLive)->title(), "Debate, as aired");
}

}  // namespace
}  // namespace factdesk::model
