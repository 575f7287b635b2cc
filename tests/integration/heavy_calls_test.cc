// Issue 17.2: imports are authorized before they are parsed; one user's imports,
// exports and searches are limited at once; imports together stay within a memory
// budget. Each refusal is RESOURCE_EXHAUSTED naming the limit and its flag.
#include <thread>

#include "tests/integration/api_fixture.h"
#include "tests/integration/lock_helpers.h"

namespace factdesk::testing {
namespace {

grpc::Status ImportAs(TestServer& server, const TestUser& user, std::int64_t ws,
                      const std::string& title, const std::string& content) {
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(ws);
  req.set_filename("talk.txt");
  req.set_title(title);
  req.set_content(content);
  v1::ImportTranscriptResponse resp;
  return server.transcripts()->ImportTranscript(Ctx(user.token).get(), req, &resp);
}

grpc::Status SearchAs(TestServer& server, const TestUser& user, std::int64_t ws) {
  v1::SearchSegmentsRequest req;
  req.set_workspace_id(ws);
  req.set_query("budget");
  v1::SearchSegmentsResponse resp;
  return server.transcripts()->SearchSegments(Ctx(user.token).get(), req, &resp);
}

TEST_F(ApiTest, ANonMembersImportIsRefusedBeforeItsContentIsParsed) {
  const auto before = server().Snapshot();
  // Content the parser would refuse (invalid UTF-8): the refusal says "not a member",
  // so the membership was checked first.
  v1::ImportTranscriptResponse resp;
  EXPECT_REFUSED(Import(out_, ws_, "broken.txt", "A: caf\xC3(\n", &resp),
                 grpc::StatusCode::PERMISSION_DENIED, "not a member");
  EXPECT_REFUSED(Import(vic_, ws_, "broken.txt", "A: caf\xC3(\n", &resp),
                 grpc::StatusCode::PERMISSION_DENIED, "a viewer may not");
  EXPECT_EQ(server().Snapshot(), before);
}

TEST(HeavyCallsTest, OneUsersHeavyCallsBeyondTheLimitAreRefusedNamingIt) {
  TestServer server([](server::ServerOptions& o) { o.heavy_calls_per_user = 1; });
  const TestUser ana = server.AddUser("ana");
  const TestUser ben = server.AddUser("ben");
  const std::int64_t ws = server.CreateWorkspace("desk", ana);
  server.AddMember("desk", ben, "checker");

  WorkspaceLock lock(server.database_url(), ws);
  grpc::Status first;
  std::thread importing([&] { first = ImportAs(server, ana, ws, "First", "ANA: One.\n"); });
  // ana's first import now holds her place, waiting on the workspace's lock.
  ASSERT_TRUE(WaitUntilSomeoneWaitsForALock(server.database_url()));
  const auto before = server.Snapshot();
  const grpc::Status second = ImportAs(server, ana, ws, "Second", "ANA: Two.\n");
  EXPECT_REFUSED(second, grpc::StatusCode::RESOURCE_EXHAUSTED,
                 "you already have 1 imports, exports or searches running; the limit is 1 at "
                 "once per user (--heavy-calls-per-user); this import can be tried again");
  EXPECT_REFUSED(SearchAs(server, ana, ws), grpc::StatusCode::RESOURCE_EXHAUSTED,
                 "(--heavy-calls-per-user); this search can be tried again");
  // Another user's share is their own.
  EXPECT_TRUE(SearchAs(server, ben, ws).ok());
  EXPECT_EQ(server.Snapshot(), before);
  lock.Release();
  importing.join();
  EXPECT_TRUE(first.ok()) << first.error_message();
  // Her place is free again once the import ended.
  EXPECT_TRUE(SearchAs(server, ana, ws).ok());
}

TEST(HeavyCallsTest, AnImportBeyondTheMemoryBudgetIsRefusedAndWritesNothing) {
  TestServer server([](server::ServerOptions& o) { o.import_memory_budget_bytes = 16U << 20U; });
  const TestUser ana = server.AddUser("ana");
  const std::int64_t ws = server.CreateWorkspace("desk", ana);
  std::string content;
  while (content.size() < (3U << 20U)) content += "ANA: The budget grew by four percent.\n";
  content.resize(3U << 20U);  // exactly 3 MiB: 24 MiB at 8x
  const auto before = server.Snapshot();
  EXPECT_REFUSED(ImportAs(server, ana, ws, "Large", content), grpc::StatusCode::RESOURCE_EXHAUSTED,
                 "of their 16 MiB memory budget (--import-memory-budget-mib) and this one needs "
                 "24 MiB (8x its size, or 200 bytes a line if more)");
  EXPECT_EQ(server.Snapshot(), before);
  // A file of very short lines costs per line: 1 MiB of "A: x" lines (209,715 of them)
  // reserves 40 MiB, not 8 MiB.
  std::string short_lines;
  while (short_lines.size() + 5 <= (1U << 20U)) short_lines += "A: x\n";
  EXPECT_REFUSED(ImportAs(server, ana, ws, "Short lines", short_lines),
                 grpc::StatusCode::RESOURCE_EXHAUSTED, "and this one needs 40 MiB");
  EXPECT_EQ(server.Snapshot(), before);
  // One within the budget goes through.
  EXPECT_TRUE(ImportAs(server, ana, ws, "Small", content.substr(0, 1U << 20U)).ok());
}

}  // namespace
}  // namespace factdesk::testing
