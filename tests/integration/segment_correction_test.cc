// Corrections of a segment's text (issue 13): claims follow their quote, or keep their
// place flagged with the quote change until a checker marks it again; the segment keeps
// its history; the dashboard counts a live transcript's progress; appended segments are
// scored like imported ones.
#include <chrono>
#include <thread>

#include "factdesk/v1/suggestion.grpc.pb.h"
#include "proto/factdesk/v1/metadata.h"
#include "tests/integration/live_helpers.h"
#include "tests/integration/live_transcript_fixture.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kSaid = "Crime fell by 40 percent in my state.";

class SegmentCorrectionTest : public LiveTranscriptTest {
 protected:
  // A live transcript with one segment, kSaid, and a claim on "fell by 40 percent".
  void SetUp() override {
    LiveTranscriptTest::SetUp();
    live_ = Open();
    v1::AppendSegmentsResponse appended;
    ASSERT_TRUE(Append(live_.id(), 0, {In("SMITH", kSaid)}, &appended).ok());
    segment_ = appended.segments(0);
    claim_ = MarkIn(segment_, 6, 24);
    ASSERT_EQ(claim_.quote(), "fell by 40 percent");
  }

  grpc::Status Reanchor(const v1::Claim& claim, int start, int end, v1::Claim* out = nullptr,
                        std::int64_t version = 0) {
    v1::ReanchorClaimRequest req;
    req.set_claim_id(claim.id());
    req.set_expected_version(version != 0 ? version : claim.version());
    req.set_start_byte(start);
    req.set_end_byte(end);
    v1::Claim ignored;
    return server_->claims()->ReanchorClaim(Ctx(ben_.token).get(), req, out ? out : &ignored);
  }

  v1::Transcript live_;
  v1::Segment segment_;
  v1::Claim claim_;
};

TEST_F(SegmentCorrectionTest, AClaimFollowsItsQuoteToItsNewPlace) {
  StreamCollector cat(server_->channel(), cat_.token, ws_, LastSeq());
  v1::CorrectSegmentResponse corrected;
  ASSERT_TRUE(
      Correct(segment_.id(), 0, "Well, crime fell by 40 percent in my state, folks.", &corrected)
          .ok());
  EXPECT_EQ(corrected.segment().revision(), 1);
  EXPECT_EQ(corrected.correction().old_text(), kSaid);
  EXPECT_EQ(corrected.correction().corrected_by().handle(), "ben");
  ASSERT_EQ(corrected.claims_size(), 1);
  const v1::Claim moved = Get(claim_.id());
  EXPECT_EQ(moved.start_byte(), 12);
  EXPECT_EQ(moved.end_byte(), 30);
  EXPECT_EQ(moved.quote(), "fell by 40 percent");
  EXPECT_EQ(moved.prefix(), "Well, crime ");
  EXPECT_EQ(moved.suffix(), " in my state, folks.");
  EXPECT_FALSE(moved.has_quote_change());
  EXPECT_EQ(moved.version(), claim_.version() + 1);
  EXPECT_EQ(corrected.claims(0).SerializeAsString(), moved.SerializeAsString());

  ASSERT_TRUE(cat.WaitUntil([&] { return !cat.events().empty(); }, 30s));
  const v1::Event event = cat.events().front();
  EXPECT_EQ(event.kind(), v1::EVENT_KIND_SEGMENT_CORRECTED);
  ASSERT_EQ(event.segments_size(), 1);
  EXPECT_EQ(event.segments(0).text(), "Well, crime fell by 40 percent in my state, folks.");
  EXPECT_EQ(event.correction().new_text(), event.segments(0).text());
  ASSERT_EQ(event.claims_size(), 1);
  EXPECT_EQ(event.claims(0).start_byte(), 12);
}

TEST_F(SegmentCorrectionTest, AClaimWhoseQuoteIsGoneKeepsItsPlaceFlaggedUntilMarkedAgain) {
  const std::string now = "Crime fell by four percent.";
  v1::CorrectSegmentResponse corrected;
  ASSERT_TRUE(Correct(segment_.id(), 0, now, &corrected).ok());
  const v1::Claim flagged = Get(claim_.id());
  ASSERT_TRUE(flagged.has_quote_change());
  EXPECT_EQ(flagged.quote_change().old_quote(), "fell by 40 percent");
  EXPECT_EQ(flagged.quote_change().old_text(), kSaid);
  EXPECT_EQ(flagged.quote_change().new_text(), now);
  EXPECT_EQ(flagged.quote_change().segment_revision(), 1);
  EXPECT_TRUE(flagged.quote_change().has_changed_at());
  // Kept where it was (clamped into the shorter text), not moved, not deleted.
  EXPECT_EQ(flagged.start_byte(), 6);
  EXPECT_EQ(flagged.end_byte(), 24);
  EXPECT_EQ(flagged.quote(), "fell by 40 percent");
  EXPECT_EQ(flagged.version(), claim_.version() + 1);
  v1::ListClaimsRequest list;
  list.set_workspace_id(ws_);
  list.set_transcript_id(live_.id());
  v1::ListClaimsResponse listed;
  ASSERT_TRUE(server_->claims()->ListClaims(Ctx(vic_.token).get(), list, &listed).ok());
  ASSERT_EQ(listed.claims_size(), 1);
  EXPECT_TRUE(listed.claims(0).has_quote_change());

  // A shorter text still: the range is clamped into it.
  ASSERT_TRUE(Correct(segment_.id(), 1, "Crime fell.").ok());
  const v1::Claim clamped = Get(claim_.id());
  EXPECT_EQ(clamped.end_byte(), 11);
  EXPECT_EQ(clamped.start_byte(), 6);
  EXPECT_EQ(clamped.quote_change().old_text(), kSaid);  // where the quote was marked
  EXPECT_EQ(clamped.quote_change().segment_revision(), 2);

  const auto before = server_->Snapshot();
  EXPECT_REFUSED(Reanchor(clamped, 0, 5, nullptr, flagged.version()), grpc::StatusCode::ABORTED,
                 "you read version " + std::to_string(flagged.version()));
  EXPECT_REFUSED(Reanchor(clamped, 0, 40), grpc::StatusCode::INVALID_ARGUMENT,
                 "end_byte: 40 is past the end of the segment (11 bytes)");
  EXPECT_EQ(server_->Snapshot(), before);

  StreamCollector cat(server_->channel(), cat_.token, ws_, LastSeq());
  v1::Claim marked;
  ASSERT_TRUE(Reanchor(clamped, 0, 10, &marked).ok());
  EXPECT_FALSE(marked.has_quote_change());
  EXPECT_EQ(marked.quote(), "Crime fell");
  EXPECT_EQ(marked.version(), clamped.version() + 1);
  ASSERT_TRUE(cat.WaitUntil([&] { return !cat.events().empty(); }, 30s));
  EXPECT_EQ(cat.events().front().kind(), v1::EVENT_KIND_CLAIM_REANCHORED);
  EXPECT_EQ(cat.events().front().claim().quote(), "Crime fell");
  EXPECT_REFUSED(Reanchor(marked, 0, 5), grpc::StatusCode::FAILED_PRECONDITION,
                 "quote is in its segment's text");
}

TEST_F(SegmentCorrectionTest, TheHistoryKeepsEveryTextAndAStaleRevisionIsAborted) {
  ASSERT_TRUE(Correct(segment_.id(), 0, "Crime fell by 14 percent in my state.").ok());
  ASSERT_TRUE(
      Correct(segment_.id(), 1, "Crime fell by 40 percent in my state.", nullptr, &cat_).ok());
  const auto before = server_->Snapshot();
  const std::string id = std::to_string(segment_.id());
  EXPECT_REFUSED(Correct(segment_.id(), 1, "Crime rose."), grpc::StatusCode::ABORTED,
                 "segment " + id +
                     " changed since you read it (you read revision 1; it is now "
                     "revision 2)");
  EXPECT_REFUSED(Correct(segment_.id(), 2, "  Crime fell by 40 percent in my state. "),
                 grpc::StatusCode::INVALID_ARGUMENT, "text: the text is unchanged");
  EXPECT_REFUSED(Correct(segment_.id(), 2, " \n "), grpc::StatusCode::INVALID_ARGUMENT,
                 "text: must not be empty");
  EXPECT_REFUSED(Correct(segment_.id(), 2, "Crime rose.", nullptr, &vic_),
                 grpc::StatusCode::PERMISSION_DENIED, "viewer may not correct a segment");
  EXPECT_REFUSED(Correct(segment_.id(), -1, "Crime rose."), grpc::StatusCode::INVALID_ARGUMENT,
                 "expected_revision: must be the revision you read (got -1)");
  EXPECT_EQ(server_->Snapshot(), before);

  v1::GetSegmentHistoryRequest req;
  req.set_segment_id(segment_.id());
  v1::GetSegmentHistoryResponse history;
  ASSERT_TRUE(server_->transcripts()->GetSegmentHistory(Ctx(vic_.token).get(), req, &history).ok());
  ASSERT_EQ(history.revisions_size(), 2);
  EXPECT_EQ(history.revisions(0).revision(), 1);
  EXPECT_EQ(history.revisions(0).old_text(), kSaid);
  EXPECT_EQ(history.revisions(0).new_text(), "Crime fell by 14 percent in my state.");
  EXPECT_EQ(history.revisions(0).corrected_by().handle(), "ben");
  EXPECT_EQ(history.revisions(0).reason(), "the captioner misheard");
  EXPECT_EQ(history.revisions(1).corrected_by().handle(), "cat");
  EXPECT_EQ(history.revisions(1).new_text(), kSaid);
  // Corrected back: the claim found its quote again and lost its flag.
  const v1::Claim back = Get(claim_.id());
  EXPECT_FALSE(back.has_quote_change());
  EXPECT_EQ(back.start_byte(), 6);
  EXPECT_EQ(back.version(), claim_.version() + 2);
}

TEST_F(SegmentCorrectionTest, APublishedClaimIsFlaggedAndNotMarkedAgainWhilePublished) {
  const v1::Claim published = PublishedClaim(3);  // "Unemployment fell by" in segment 3
  const v1::Segment& segment = segments_.at(3);
  ASSERT_TRUE(Correct(segment.id(), 0, "Joblessness dropped sharply in year 2003.").ok());
  const v1::Claim flagged = Get(published.id());
  EXPECT_EQ(flagged.status(), v1::CLAIM_STATUS_PUBLISHED);
  ASSERT_TRUE(flagged.has_quote_change());
  EXPECT_EQ(flagged.quote_change().old_quote(), "Unemployment fell by");
  const auto before = server_->Snapshot();
  EXPECT_REFUSED(Reanchor(flagged, 0, 11), grpc::StatusCode::FAILED_PRECONDITION,
                 "claim is PUBLISHED");
  EXPECT_EQ(server_->Snapshot(), before);
}

TEST_F(SegmentCorrectionTest, TheDashboardCountsALiveTranscriptsProgress) {
  ASSERT_TRUE(
      Append(live_.id(), 1, {In("JONES", "Taxes doubled last year."), In("SMITH", "Not so.")})
          .ok());
  const auto segments = SegmentsOf(live_.id());
  MarkIn(segments.at(1), 0, 12);
  ASSERT_TRUE(Correct(segment_.id(), 0, "Crime fell sharply.").ok());  // orphans claim_
  v1::GetDashboardRequest req;
  req.set_workspace_id(ws_);
  req.set_transcript_id(live_.id());
  v1::Dashboard d;
  ASSERT_TRUE(server_->dashboards()->GetDashboard(Ctx(vic_.token).get(), req, &d).ok());
  ASSERT_TRUE(d.has_live());
  EXPECT_EQ(d.live().state(), v1::TRANSCRIPT_STATE_LIVE);
  EXPECT_EQ(d.live().segments(), 3);
  EXPECT_EQ(d.live().last_segment_at().seconds(), segments.at(2).arrived_at().seconds());
  EXPECT_EQ(d.live().claims_marked(), 2);
  EXPECT_GE(d.live().median_seconds_to_mark(), 0.0);
  EXPECT_EQ(d.live().corrected_segments(), 1);
  EXPECT_EQ(d.live().claims_quote_changed(), 1);
  // An imported transcript has no live progress.
  req.set_transcript_id(segments_.front().transcript_id());
  ASSERT_TRUE(server_->dashboards()->GetDashboard(Ctx(vic_.token).get(), req, &d).ok());
  EXPECT_FALSE(d.has_live());
}

// A server that scores, as the suggestion suite's.
class LiveSuggestionTest : public LiveTranscriptTest {
 protected:
  void SetUp() override {
    server_options_ = [](server::ServerOptions& o) {
      o.suggestions.threads = 1;
      o.suggestions.poll = std::chrono::milliseconds(100);
    };
    LiveTranscriptTest::SetUp();
  }

  std::vector<v1::Suggestion> OpenSuggestions(std::int64_t transcript_id) {
    v1::ListSuggestionsRequest req;
    req.set_transcript_id(transcript_id);
    req.set_top(1000);
    v1::ListSuggestionsResponse resp;
    auto stub = v1::SuggestionService::NewStub(server_->channel());
    EXPECT_TRUE(stub->ListSuggestions(Ctx(ben_.token).get(), req, &resp).ok());
    return {resp.suggestions().begin(), resp.suggestions().end()};
  }
};

bool OnSegment(const std::vector<v1::Suggestion>& suggestions, std::int64_t segment_id) {
  for (const auto& s : suggestions) {
    if (s.segment_id() == segment_id) return true;
  }
  return false;
}

TEST_F(LiveSuggestionTest, AppendedSegmentsAreScoredAndACorrectionDropsTheirOpenSuggestions) {
  StreamCollector cat(server_->channel(), cat_.token, ws_, LastSeq());
  const v1::Transcript live = Open();
  v1::AppendSegmentsResponse first;
  ASSERT_TRUE(Append(live.id(), 0,
                     {In("SMITH",
                         "Unemployment fell by 40 percent last year, according to the "
                         "Bureau of Labor Statistics.")},
                     &first)
                  .ok());
  v1::AppendSegmentsResponse second;
  ASSERT_TRUE(Append(live.id(), 1,
                     {In("JONES",
                         "We spent 3 billion dollars on schools in 2019, twice what "
                         "my opponent spent.")},
                     &second)
                  .ok());
  const std::int64_t a = first.segments(0).id();
  const std::int64_t b = second.segments(0).id();
  // Both arrive as suggestion.added events on the stream, after the appends.
  auto scored = [&](std::int64_t segment_id) {
    for (const v1::Event& e : cat.events()) {
      if (e.kind() != v1::EVENT_KIND_SUGGESTIONS_ADDED) continue;
      for (const auto& s : e.suggestions().suggestions()) {
        if (s.segment_id() == segment_id) return true;
      }
    }
    return false;
  };
  ASSERT_TRUE(cat.WaitUntil([&] { return scored(a) && scored(b); }, 60s));
  ASSERT_TRUE(OnSegment(OpenSuggestions(live.id()), b));
  ASSERT_TRUE(Correct(b, 0, "We spent a lot on schools.").ok());
  const auto after = OpenSuggestions(live.id());
  EXPECT_FALSE(OnSegment(after, b));
  EXPECT_TRUE(OnSegment(after, a));
}

}  // namespace
}  // namespace factdesk::testing
