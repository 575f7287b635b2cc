// Live transcripts through a real server (issue 13): opened, appended to while another
// member watches the stream, closed; and every append that must be refused, refused
// whole, with nothing stored.
#include <chrono>

#include "proto/factdesk/v1/metadata.h"
#include "tests/integration/live_helpers.h"
#include "tests/integration/live_transcript_fixture.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

// The appended events' segments, in stream order.
std::vector<v1::Segment> AppendedSegments(const std::vector<v1::Event>& events) {
  std::vector<v1::Segment> out;
  for (const v1::Event& e : events) {
    if (e.kind() == v1::EVENT_KIND_SEGMENTS_APPENDED) {
      out.insert(out.end(), e.segments().begin(), e.segments().end());
    }
  }
  return out;
}

TEST_F(LiveTranscriptTest, AnotherMemberSeesEachAppendInOrderWithDenseOrdinals) {
  StreamCollector cat(server_->channel(), cat_.token, ws_, LastSeq());
  const v1::Transcript live = Open();
  EXPECT_EQ(live.state(), v1::TRANSCRIPT_STATE_LIVE);
  EXPECT_EQ(live.segment_count(), 0);
  EXPECT_EQ(live.format(), v1::TRANSCRIPT_FORMAT_VTT);
  ASSERT_TRUE(Append(live.id(), 0,
                     {In("MODERATOR", "Good evening and welcome.", 0, 2000),
                      In("SMITH", "Crime fell by 40 percent in my state.", 2000, 5000)})
                  .ok());
  ASSERT_TRUE(Append(live.id(), 2, {In("", "(Applause)")}).ok());
  v1::AppendSegmentsResponse third;
  ASSERT_TRUE(Append(live.id(), 3,
                     {In("JONES", "That is not true.", 9000, 10000),
                      In("SMITH", "Unemployment doubled under my opponent.", 10000, 13000)},
                     &third)
                  .ok());
  EXPECT_EQ(third.transcript().segment_count(), 5);
  ASSERT_EQ(third.segments_size(), 2);
  EXPECT_EQ(third.segments(0).ordinal(), 3);
  v1::Transcript closed;
  ASSERT_TRUE(Close(live.id(), &closed).ok());
  EXPECT_EQ(closed.state(), v1::TRANSCRIPT_STATE_CLOSED);
  EXPECT_TRUE(closed.has_closed_at());

  ASSERT_TRUE(cat.WaitUntil([&] { return cat.events().size() >= 5; }, 30s));
  const auto events = cat.events();
  EXPECT_EQ(CheckGapFree(events, events.front().seq() - 1), "");
  ASSERT_EQ(events.size(), 5U);
  EXPECT_EQ(events[0].kind(), v1::EVENT_KIND_TRANSCRIPT_OPENED);
  EXPECT_EQ(events[0].transcript().id(), live.id());
  EXPECT_EQ(events[4].kind(), v1::EVENT_KIND_TRANSCRIPT_CLOSED);
  const auto seen = AppendedSegments(events);
  ASSERT_EQ(seen.size(), 5U);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(seen[static_cast<std::size_t>(i)].ordinal(), i);
  EXPECT_EQ(seen[2].kind(), v1::SEGMENT_KIND_CUE);  // voiceless and in brackets
  EXPECT_EQ(seen[1].speaker(), "SMITH");
  EXPECT_EQ(seen[4].speaker_id(), seen[1].speaker_id());  // a speaker is added once
  EXPECT_EQ(events[3].transcript().segment_count(), 5);
  ASSERT_EQ(events[3].transcript().speakers_size(), 3);
  EXPECT_EQ(events[3].transcript().speakers(2).name(), "JONES");

  const auto stored = SegmentsOf(live.id());
  ASSERT_EQ(stored.size(), 5U);
  for (const auto& s : stored) {
    EXPECT_EQ(s.revision(), 0);
    EXPECT_TRUE(s.has_arrived_at());
  }
  EXPECT_EQ(stored[1].text(), "Crime fell by 40 percent in my state.");
  EXPECT_EQ(stored[1].start_ms(), 2000);
  // Appended text is searchable at once (the search vector is a generated column).
  v1::SearchSegmentsRequest search;
  search.set_workspace_id(ws_);
  search.set_query("unemployment doubled");
  v1::SearchSegmentsResponse hits;
  ASSERT_TRUE(server_->transcripts()->SearchSegments(Ctx(vic_.token).get(), search, &hits).ok());
  ASSERT_EQ(hits.hits_size(), 1);
  EXPECT_EQ(hits.hits(0).segment().id(), stored[4].id());
}

TEST_F(LiveTranscriptTest, ImportedTranscriptsAreCompleteAndTheirSegmentsArrivedAtTheImport) {
  v1::GetTranscriptRequest get;
  get.set_transcript_id(segments_.front().transcript_id());
  v1::Transcript imported;
  ASSERT_TRUE(server_->transcripts()->GetTranscript(Ctx(vic_.token).get(), get, &imported).ok());
  EXPECT_EQ(imported.state(), v1::TRANSCRIPT_STATE_COMPLETE);
  EXPECT_FALSE(imported.has_closed_at());
  EXPECT_EQ(segments_.front().revision(), 0);
  EXPECT_EQ(segments_.front().arrived_at().seconds(), imported.imported_at().seconds());
  const v1::Transcript live = Open();
  v1::ListTranscriptsRequest list;
  list.set_workspace_id(ws_);
  v1::ListTranscriptsResponse listed;
  ASSERT_TRUE(server_->transcripts()->ListTranscripts(Ctx(vic_.token).get(), list, &listed).ok());
  ASSERT_EQ(listed.transcripts_size(), 2);
  EXPECT_EQ(listed.transcripts(0).id(), live.id());
  EXPECT_EQ(listed.transcripts(0).state(), v1::TRANSCRIPT_STATE_LIVE);
  EXPECT_EQ(listed.transcripts(1).state(), v1::TRANSCRIPT_STATE_COMPLETE);
}

TEST_F(LiveTranscriptTest, AppendsToAClosedOrImportedTranscriptOrByAViewerAreRefused) {
  const v1::Transcript live = Open();
  ASSERT_TRUE(Append(live.id(), 0, {In("SMITH", "Crime fell.")}).ok());
  ASSERT_TRUE(Close(live.id()).ok());
  const std::string id = std::to_string(live.id());
  const std::string imported = std::to_string(segments_.front().transcript_id());
  const v1::Transcript other = Open("Second debate");
  const auto before = server_->Snapshot();
  EXPECT_REFUSED(Append(live.id(), 1, {In("SMITH", "More.")}),
                 grpc::StatusCode::FAILED_PRECONDITION, "transcript " + id + " is closed");
  EXPECT_REFUSED(Append(segments_.front().transcript_id(), 30, {In("SMITH", "More.")}),
                 grpc::StatusCode::FAILED_PRECONDITION,
                 "transcript " + imported + " was imported whole");
  EXPECT_REFUSED(Append(other.id(), 0, {In("SMITH", "More.")}, nullptr, &vic_),
                 grpc::StatusCode::PERMISSION_DENIED, "viewer may not feed a live transcript");
  EXPECT_REFUSED(Close(live.id()), grpc::StatusCode::FAILED_PRECONDITION,
                 "transcript " + id + " is closed");
  EXPECT_REFUSED(Close(segments_.front().transcript_id()), grpc::StatusCode::FAILED_PRECONDITION,
                 "was imported whole");
  EXPECT_EQ(server_->Snapshot(), before);
}

TEST_F(LiveTranscriptTest, ABadSegmentRefusesTheWholeBatchNamingIt) {
  const v1::Transcript live = Open();
  const auto before = server_->Snapshot();
  const v1::SegmentInput good = In("SMITH", "Crime fell.", 0, 1000);
  EXPECT_REFUSED(Append(live.id(), 0, {good, In("SMITH", "  \t ")}),
                 grpc::StatusCode::INVALID_ARGUMENT, "segments[1].text: must not be empty");
  EXPECT_REFUSED(Append(live.id(), 0, {good, good, In("SMITH", "Late.", 1000, 900)}),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "segments[2].end_ms: 900 is before start_ms 1000");
  EXPECT_REFUSED(Append(live.id(), 0, {In("SMITH", std::string("nul\0here", 8))}),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "segments[0].text: holds a NUL character (byte 3)");
  EXPECT_REFUSED(Append(live.id(), 0, {In("SMITH\x1b[2J", "Crime fell.")}),
                 grpc::StatusCode::INVALID_ARGUMENT, "segments[0].speaker: must not contain");
  v1::SegmentInput bad_kind = good;
  bad_kind.set_kind(static_cast<v1::SegmentKind>(9));
  EXPECT_REFUSED(Append(live.id(), 0, {bad_kind}), grpc::StatusCode::INVALID_ARGUMENT,
                 "segments[0].kind: must be SPEECH, CUE or CAPTION");
  EXPECT_REFUSED(Append(live.id(), 0, {}), grpc::StatusCode::INVALID_ARGUMENT,
                 "segments: must hold 1 to 500 segments (got 0)");
  EXPECT_REFUSED(Append(live.id(), 0, std::vector<v1::SegmentInput>(501, good)),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "segments: must hold 1 to 500 segments (got 501)");
  // A string field's UTF-8 is protobuf's to check, inside gRPC, before our code
  // (api_hostile_input_test); the importer's check stands behind it (import_tests).
  const grpc::Status utf8 = Append(live.id(), 0, {good, In("SMITH", "caf\xC3(")});
  EXPECT_FALSE(utf8.ok());
  EXPECT_EQ(utf8.error_code(), grpc::StatusCode::UNIMPLEMENTED) << utf8.error_message();
  EXPECT_EQ(server_->Snapshot(), before);
  // At the limit, 500 segments go in as one batch.
  v1::AppendSegmentsResponse full;
  ASSERT_TRUE(Append(live.id(), 0, std::vector<v1::SegmentInput>(500, good), &full).ok());
  EXPECT_EQ(full.transcript().segment_count(), 500);
  EXPECT_EQ(full.segments(499).ordinal(), 499);
}

TEST_F(LiveTranscriptTest, AStaleFirstOrdinalOrARetriedBatchIsAbortedAndStoresNothing) {
  const v1::Transcript live = Open();
  const std::vector<v1::SegmentInput> batch = {In("SMITH", "Crime fell."), In("JONES", "It rose.")};
  ASSERT_TRUE(Append(live.id(), 0, batch).ok());
  const auto before = server_->Snapshot();
  // The same batch again (a feed retrying after a lost reply): no duplicates.
  EXPECT_REFUSED(Append(live.id(), 0, batch), grpc::StatusCode::ABORTED,
                 "transcript " + std::to_string(live.id()) +
                     " has 2 segments: first_ordinal must be 2 (got 0)");
  EXPECT_REFUSED(Append(live.id(), 5, batch), grpc::StatusCode::ABORTED,
                 "first_ordinal must be 2 (got 5)");
  EXPECT_EQ(server_->Snapshot(), before);
  const auto stored = SegmentsOf(live.id());
  ASSERT_EQ(stored.size(), 2U);
  EXPECT_EQ(stored[1].text(), "It rose.");
  // The refusal carries the transcript, so a feed learns where to resume.
  v1::AppendSegmentsRequest req;
  req.set_transcript_id(live.id());
  req.set_first_ordinal(1);
  *req.add_segments() = batch[0];
  auto ctx = Ctx(ben_.token);
  v1::AppendSegmentsResponse ignored;
  const grpc::Status s = server_->transcripts()->AppendSegments(ctx.get(), req, &ignored);
  ASSERT_EQ(s.error_code(), grpc::StatusCode::ABORTED);
  const auto& trailers = ctx->GetServerTrailingMetadata();
  const auto found = trailers.find(v1::kCurrentRecordKey);
  ASSERT_NE(found, trailers.end());
  v1::Transcript current;
  ASSERT_TRUE(current.ParseFromArray(found->second.data(), static_cast<int>(found->second.size())));
  EXPECT_EQ(current.id(), live.id());
  EXPECT_EQ(current.segment_count(), 2);
}

// A feed that sends an idempotency key gets the first reply again for a retried batch,
// instead of ABORTED; nothing is stored twice either way.
TEST_F(LiveTranscriptTest, ARetryWithTheSameIdempotencyKeyGetsTheFirstReply) {
  const v1::Transcript live = Open();
  v1::AppendSegmentsRequest req;
  req.set_transcript_id(live.id());
  *req.add_segments() = In("SMITH", "Crime fell.");
  auto send = [&](v1::AppendSegmentsResponse* out) {
    auto ctx = Ctx(ben_.token);
    ctx->AddMetadata(v1::kIdempotencyKey, "feed-batch-0");
    return server_->transcripts()->AppendSegments(ctx.get(), req, out);
  };
  v1::AppendSegmentsResponse first;
  ASSERT_TRUE(send(&first).ok());
  const auto before = server_->Snapshot();
  v1::AppendSegmentsResponse again;
  const grpc::Status retried = send(&again);
  ASSERT_TRUE(retried.ok()) << retried.error_message();
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(server_->Snapshot(), before);
  EXPECT_EQ(SegmentsOf(live.id()).size(), 1U);
}

}  // namespace
}  // namespace factdesk::testing
