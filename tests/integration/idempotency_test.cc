// Idempotent mutations (issue 16, 17.8): a retry with the same idempotency key gets the
// first outcome and writes nothing more; the key reused for another request is refused;
// a change whose caller's deadline passed rolls back instead of committing late.
#include <chrono>

#include "proto/factdesk/v1/metadata.h"
#include "tests/integration/api_fixture.h"
#include "tests/integration/lock_helpers.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

std::unique_ptr<grpc::ClientContext> Keyed(const std::string& token, const std::string& key,
                                           std::chrono::milliseconds timeout = 30s) {
  auto ctx = Ctx(token);
  ctx->AddMetadata(v1::kIdempotencyKey, key);
  ctx->set_deadline(std::chrono::system_clock::now() + timeout);
  return ctx;
}

v1::ImportTranscriptRequest ImportOf(std::int64_t workspace, const std::string& title) {
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(workspace);
  req.set_filename("interview.txt");
  req.set_title(title);
  req.set_content("ANA: The budget grew by four percent.\nBEN: It did not.\n");
  return req;
}

std::string TranscriptsTitled(TestServer& server, const std::string& title) {
  return server.QueryValue("SELECT count(*) FROM transcripts WHERE title = '" + title + "'");
}

TEST_F(ApiTest, ARetryWithTheSameKeyGetsTheFirstClaimAndWritesNothing) {
  int offset = 0;
  const v1::Segment seg = SegmentWith(seed_.id(), "Shenzhen started out", &offset);
  v1::CreateClaimRequest req;
  req.set_segment_id(seg.id());
  req.set_start_byte(offset);
  req.set_end_byte(offset + 20);
  v1::Claim first;
  ASSERT_TRUE(
      server().claims()->CreateClaim(Keyed(ben_.token, "mark-shenzhen").get(), req, &first).ok());
  const auto before = server().Snapshot();
  v1::Claim again;
  const grpc::Status retried =
      server().claims()->CreateClaim(Keyed(ben_.token, "mark-shenzhen").get(), req, &again);
  ASSERT_TRUE(retried.ok()) << retried.error_message();
  EXPECT_EQ(again.id(), first.id());
  EXPECT_EQ(again.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(server().Snapshot(), before);
  // The same request without a key is a new action: a second claim.
  v1::Claim other;
  ASSERT_TRUE(server().claims()->CreateClaim(Ctx(ben_.token).get(), req, &other).ok());
  EXPECT_NE(other.id(), first.id());
}

TEST_F(ApiTest, AKeyReusedForADifferentRequestIsRefusedAndWritesNothing) {
  const std::int64_t ws = server().CreateWorkspace("reused-key-desk", ana_);
  v1::ImportTranscriptResponse first;
  ASSERT_TRUE(server()
                  .transcripts()
                  ->ImportTranscript(Keyed(ana_.token, "import-once").get(),
                                     ImportOf(ws, "First interview"), &first)
                  .ok());
  const auto before = server().Snapshot();
  v1::ImportTranscriptResponse second;
  EXPECT_REFUSED(
      server().transcripts()->ImportTranscript(Keyed(ana_.token, "import-once").get(),
                                               ImportOf(ws, "Second interview"), &second),
      grpc::StatusCode::FAILED_PRECONDITION,
      "idempotency key \"import-once\" was already used for a different request "
      "(ImportTranscript); a new action needs a new key");
  EXPECT_EQ(server().Snapshot(), before);
  EXPECT_EQ(TranscriptsTitled(server(), "Second interview"), "0");
  // Keys belong to their user: another user's same key is a key of their own.
  v1::ImportTranscriptResponse bens;
  ASSERT_TRUE(server()
                  .transcripts()
                  ->ImportTranscript(Keyed(ben_.token, "import-once").get(),
                                     ImportOf(ws_, "Ben's interview"), &bens)
                  .ok());
  EXPECT_NE(bens.transcript().id(), first.transcript().id());
}

TEST_F(ApiTest, AMalformedKeyIsRefusedBeforeAnythingRuns) {
  const auto before = server().Snapshot();
  v1::ImportTranscriptResponse resp;
  EXPECT_REFUSED(server().transcripts()->ImportTranscript(Keyed(ben_.token, "two words").get(),
                                                          ImportOf(ws_, "Badly keyed"), &resp),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "idempotency-key: must be 1 to 128 printable ASCII characters");
  EXPECT_EQ(server().Snapshot(), before);
}

// 17.8 as found: the CLI gave up at 30 s and the import committed at 37-40 s, so the
// retry made a duplicate. Here the server's transaction is held on the workspace's lock
// past the caller's deadline: it must stop and roll back by itself, and the retry with
// the same key then imports the transcript exactly once.
TEST_F(ApiTest, AnImportWhoseCallerGaveUpRollsBackAndItsRetryImportsItOnce) {
  const std::int64_t ws = server().CreateWorkspace("deadline-desk", ana_);
  const v1::ImportTranscriptRequest req = ImportOf(ws, "Late interview");
  {
    WorkspaceLock lock(server().database_url(), ws);
    v1::ImportTranscriptResponse late;
    const grpc::Status gave_up = server().transcripts()->ImportTranscript(
        Keyed(ana_.token, "late-import", 2s).get(), req, &late);
    EXPECT_EQ(gave_up.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED) << gave_up.error_message();
    // The server's statement is cancelled when the caller's time is up, not when the
    // lock goes: nobody is left waiting while the lock is still held.
    EXPECT_TRUE(WaitUntilNobodyWaitsForALock(server().database_url()));
    lock.Release();
  }
  EXPECT_EQ(TranscriptsTitled(server(), "Late interview"), "0");

  v1::ImportTranscriptResponse retried;
  ASSERT_TRUE(server()
                  .transcripts()
                  ->ImportTranscript(Keyed(ana_.token, "late-import").get(), req, &retried)
                  .ok());
  v1::ImportTranscriptResponse again;
  ASSERT_TRUE(server()
                  .transcripts()
                  ->ImportTranscript(Keyed(ana_.token, "late-import").get(), req, &again)
                  .ok());
  EXPECT_EQ(again.transcript().id(), retried.transcript().id());
  EXPECT_EQ(TranscriptsTitled(server(), "Late interview"), "1");
}

}  // namespace
}  // namespace factdesk::testing
