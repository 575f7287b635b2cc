#include "tests/integration/live_transcript_fixture.h"

namespace factdesk::testing {

v1::SegmentInput LiveTranscriptTest::In(const std::string& speaker, const std::string& text,
                                        std::optional<std::int64_t> start_ms,
                                        std::optional<std::int64_t> end_ms) {
  v1::SegmentInput in;
  in.set_speaker(speaker);
  in.set_text(text);
  if (start_ms) in.set_start_ms(*start_ms);
  if (end_ms) in.set_end_ms(*end_ms);
  return in;
}

v1::Transcript LiveTranscriptTest::Open(const std::string& title) {
  v1::OpenLiveTranscriptRequest req;
  req.set_workspace_id(ws_);
  req.set_title(title);
  req.set_format(v1::TRANSCRIPT_FORMAT_VTT);
  v1::Transcript out;
  const grpc::Status s =
      server_->transcripts()->OpenLiveTranscript(Ctx(ben_.token).get(), req, &out);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return out;
}

grpc::Status LiveTranscriptTest::Append(std::int64_t transcript_id, int first_ordinal,
                                        const std::vector<v1::SegmentInput>& segments,
                                        v1::AppendSegmentsResponse* out, const TestUser* by) {
  v1::AppendSegmentsRequest req;
  req.set_transcript_id(transcript_id);
  req.set_first_ordinal(first_ordinal);
  for (const auto& s : segments) *req.add_segments() = s;
  v1::AppendSegmentsResponse ignored;
  return server_->transcripts()->AppendSegments(Ctx((by ? *by : ben_).token).get(), req,
                                                out ? out : &ignored);
}

grpc::Status LiveTranscriptTest::Close(std::int64_t transcript_id, v1::Transcript* out,
                                       const TestUser* by) {
  v1::CloseTranscriptRequest req;
  req.set_transcript_id(transcript_id);
  v1::Transcript ignored;
  return server_->transcripts()->CloseTranscript(Ctx((by ? *by : ben_).token).get(), req,
                                                 out ? out : &ignored);
}

grpc::Status LiveTranscriptTest::Correct(std::int64_t segment_id, int expected_revision,
                                         const std::string& text, v1::CorrectSegmentResponse* out,
                                         const TestUser* by) {
  v1::CorrectSegmentRequest req;
  req.set_segment_id(segment_id);
  req.set_expected_revision(expected_revision);
  req.set_text(text);
  req.set_reason("the captioner misheard");
  v1::CorrectSegmentResponse ignored;
  return server_->transcripts()->CorrectSegment(Ctx((by ? *by : ben_).token).get(), req,
                                                out ? out : &ignored);
}

v1::Claim LiveTranscriptTest::MarkIn(const v1::Segment& segment, int start, int end) {
  v1::CreateClaimRequest req;
  req.set_segment_id(segment.id());
  req.set_start_byte(start);
  req.set_end_byte(end);
  v1::Claim claim;
  const grpc::Status s = server_->claims()->CreateClaim(Ctx(ben_.token).get(), req, &claim);
  EXPECT_TRUE(s.ok()) << s.error_message();
  WaitUntilMatched(claim.id());
  return Get(claim.id());
}

std::vector<v1::Segment> LiveTranscriptTest::SegmentsOf(std::int64_t transcript_id) {
  v1::ListSegmentsRequest req;
  req.set_transcript_id(transcript_id);
  req.set_page_size(500);
  v1::ListSegmentsResponse resp;
  const grpc::Status s = server_->transcripts()->ListSegments(Ctx(vic_.token).get(), req, &resp);
  EXPECT_TRUE(s.ok()) << s.error_message();
  return {resp.segments().begin(), resp.segments().end()};
}

std::int64_t LiveTranscriptTest::LastSeq() {
  return std::stoll(server_->QueryValue(
      "SELECT last_seq FROM workspace_seqs WHERE workspace_id = " + std::to_string(ws_)));
}

}  // namespace factdesk::testing
