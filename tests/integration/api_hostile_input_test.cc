// Hostile text in requests (issue 17.7, 17.10): control characters in single-line
// fields, NUL in an import, invalid UTF-8 in string and bytes fields. Each is refused
// with INVALID_ARGUMENT naming the field (or, where gRPC answers first, its own code),
// and nothing is written.
#include "tests/integration/api_fixture.h"

namespace factdesk::testing {
namespace {

TEST_F(ApiTest, ControlCharactersInASingleLineFieldAreRefused) {
  int offset = 0;
  const v1::Segment seg = SegmentWith(seed_.id(), "make tech components", &offset);
  const auto before = server().Snapshot();
  v1::CreateClaimRequest req;
  req.set_segment_id(seg.id());
  req.set_start_byte(offset);
  req.set_end_byte(offset + 20);
  req.set_summary("Ok\x1b]52;c;aGk=\x07");
  v1::Claim claim;
  EXPECT_REFUSED(server().claims()->CreateClaim(Ctx(ben_.token).get(), req, &claim),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "summary: must not contain control characters (U+001B at byte 2)");
  req.set_summary("A summary");
  req.set_claimant(
      "Ana \xC2\x9B"
      "2J");  // C1 CSI
  EXPECT_REFUSED(server().claims()->CreateClaim(Ctx(ben_.token).get(), req, &claim),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "claimant: must not contain control characters (U+009B at byte 4)");
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(ApiTest, MultiLineFieldsKeepTabsNewlinesAndEscapesAsWritten) {
  const v1::Claim claim = Mark("a cluster of fishing villages");
  v1::AddNoteRequest add;
  add.set_claim_id(claim.id());
  add.set_body("Line one\n\tindented \x1b[31mred\x1b[0m");
  v1::Note note;
  ASSERT_TRUE(server().notes()->AddNote(Ctx(ben_.token).get(), add, &note).ok());
  EXPECT_EQ(note.body(), add.body());
}

TEST_F(ApiTest, AnImportHoldingANulIsRefusedNamingTheLine) {
  const auto before = server().Snapshot();
  v1::ImportTranscriptResponse resp;
  const std::string content = std::string("A: one\nB: t") + '\0' + "wo\n";
  EXPECT_REFUSED(Import(ben_, ws_, "nul.txt", content, &resp), grpc::StatusCode::INVALID_ARGUMENT,
                 "content: line 2 holds a NUL character (byte 11)");
  EXPECT_EQ(server().Snapshot(), before);
}

// `content` is a bytes field: its UTF-8 is ours to check, and we name the byte.
TEST_F(ApiTest, InvalidUtf8InImportContentIsInvalidArgument) {
  const auto before = server().Snapshot();
  v1::ImportTranscriptResponse resp;
  EXPECT_REFUSED(Import(ben_, ws_, "bad.txt", "A: caf\xC3(\n", &resp),
                 grpc::StatusCode::INVALID_ARGUMENT, "content: invalid UTF-8 at byte 6");
  EXPECT_EQ(server().Snapshot(), before);
}

// A string field is parsed by protobuf inside gRPC, before any of our code: proto3
// refuses invalid UTF-8 there, and gRPC answers for us (docs/architecture.md).
TEST_F(ApiTest, InvalidUtf8InAStringFieldIsRefusedBeforeOurCode) {
  const v1::Claim claim = Mark("work hard, and get rich");
  const auto before = server().Snapshot();
  v1::AddNoteRequest add;
  add.set_claim_id(claim.id());
  add.set_body("caf\xC3(");  // the client's protobuf logs this, and sends it anyway
  v1::Note note;
  const grpc::Status status = server().notes()->AddNote(Ctx(ben_.token).get(), add, &note);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED) << status.error_message();
  EXPECT_EQ(server().Snapshot(), before);
}

}  // namespace
}  // namespace factdesk::testing
