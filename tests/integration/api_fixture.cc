#include "tests/integration/api_fixture.h"

namespace factdesk::testing {

std::unique_ptr<TestServer> ApiTest::server_;
TestUser ApiTest::ana_;
TestUser ApiTest::eve_;
TestUser ApiTest::ben_;
TestUser ApiTest::vic_;
TestUser ApiTest::out_;
std::int64_t ApiTest::ws_ = 0;
v1::Transcript ApiTest::seed_;
v1::Transcript ApiTest::debate_;

void ApiTest::SetUpTestSuite() {
  server_ = std::make_unique<TestServer>();
  const Desk desk = MakeDesk(*server_);
  ana_ = desk.ana;
  eve_ = desk.eve;
  ben_ = desk.ben;
  vic_ = desk.vic;
  out_ = desk.out;
  ws_ = desk.workspace_id;
  v1::ImportTranscriptResponse seed;
  ASSERT_TRUE(Import(ben_, ws_, "000_964967168d34df55.txt",
                     ReadFile(SharedPath("seeds/000_964967168d34df55.txt")), &seed)
                  .ok());
  seed_ = seed.transcript();
  v1::ImportTranscriptResponse debate;
  ASSERT_TRUE(
      Import(ben_, ws_, "clef2018-task1-english-1st-Presidential.tsv",
             ReadFile(SharedPath("data/debates/clef2018-task1-english-1st-Presidential.tsv")),
             &debate)
          .ok());
  debate_ = debate.transcript();
}

void ApiTest::TearDownTestSuite() {
  server_.reset();
}

grpc::Status ApiTest::Import(const TestUser& user, std::int64_t workspace,
                             const std::string& filename, const std::string& content,
                             v1::ImportTranscriptResponse* out, v1::TranscriptFormat format) {
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(workspace);
  req.set_filename(filename);
  req.set_content(content);
  req.set_format(format);
  return server_->transcripts()->ImportTranscript(Ctx(user.token).get(), req, out);
}

std::vector<v1::Segment> ApiTest::Segments(std::int64_t transcript_id) {
  std::vector<v1::Segment> all;
  v1::ListSegmentsRequest req;
  req.set_transcript_id(transcript_id);
  req.set_page_size(60);
  for (;;) {
    v1::ListSegmentsResponse resp;
    const auto status = server_->transcripts()->ListSegments(Ctx(ben_.token).get(), req, &resp);
    EXPECT_TRUE(status.ok()) << status.error_message();
    for (const auto& s : resp.segments()) all.push_back(s);
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  return all;
}

v1::Segment ApiTest::SegmentWith(std::int64_t transcript_id, const std::string& needle,
                                 int* offset) {
  for (const auto& s : Segments(transcript_id)) {
    const auto pos = s.text().find(needle);
    if (s.kind() == v1::SEGMENT_KIND_SPEECH && pos != std::string::npos) {
      *offset = static_cast<int>(pos);
      return s;
    }
  }
  ADD_FAILURE() << "no speech segment contains '" << needle << "'";
  return {};
}

v1::Claim ApiTest::Mark(const std::string& needle) {
  int offset = 0;
  const v1::Segment seg = SegmentWith(seed_.id(), needle, &offset);
  v1::CreateClaimRequest req;
  req.set_segment_id(seg.id());
  req.set_start_byte(offset);
  req.set_end_byte(offset + static_cast<int>(needle.size()));
  v1::Claim claim;
  const auto status = server_->claims()->CreateClaim(Ctx(ben_.token).get(), req, &claim);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return claim;
}

}  // namespace factdesk::testing
