// factdesk-server as users run it: killed with -9 under write load and started again,
// and two processes sharing one database.
#include <atomic>
#include <csignal>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "tests/e2e/cli_fixture.h"
#include "tests/e2e/server_process_helpers.h"
#include "tests/integration/live_helpers.h"
#include "tests/support/test_server.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

std::shared_ptr<grpc::Channel> Channel(const std::string& address) {
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

struct Desk {
  std::string token;
  std::int64_t workspace = 0;
  std::vector<std::int64_t> segments;
};

// A user, a workspace and a transcript, made through the admin commands and the API.
Desk Prepare(const std::string& data_dir, const std::string& address) {
  Desk s;
  Admin(data_dir, {"create-user", "ana", "--name", "Ana"});
  Admin(data_dir, {"create-workspace", "desk", "--name", "Desk", "--owner", "ana"});
  s.token = Admin(data_dir, {"issue-token", "ana"});
  auto workspaces = v1::WorkspaceService::NewStub(Channel(address));
  v1::GetWorkspaceRequest get;
  get.set_slug("desk");
  v1::Workspace ws;
  EXPECT_TRUE(workspaces->GetWorkspace(Ctx(s.token).get(), get, &ws).ok());
  s.workspace = ws.id();
  std::string text;
  for (int i = 0; i < 20; ++i) text += "Lena Ortiz: Claim number " + std::to_string(i) + ".\n\n";
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(s.workspace);
  req.set_filename("t.txt");
  req.set_content(text);
  v1::ImportTranscriptResponse imported;
  EXPECT_TRUE(v1::TranscriptService::NewStub(Channel(address))
                  ->ImportTranscript(Ctx(s.token).get(), req, &imported)
                  .ok());
  v1::ListSegmentsRequest list;
  list.set_transcript_id(imported.transcript().id());
  v1::ListSegmentsResponse segments;
  EXPECT_TRUE(v1::TranscriptService::NewStub(Channel(address))
                  ->ListSegments(Ctx(s.token).get(), list, &segments)
                  .ok());
  for (const auto& seg : segments.segments()) s.segments.push_back(seg.id());
  return s;
}

TEST(ServerProcessTest, KillNineUnderLoadLosesNoAcknowledgedWriteAndDuplicatesNone) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  auto server = std::make_unique<ServerProcess>(data, 0);
  const int port = server->port();
  const Desk s = Prepare(data, server->address());

  std::atomic<bool> stop{false};
  std::mutex mu;
  std::set<std::int64_t> acknowledged;
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&, w] {
      auto claims = v1::ClaimService::NewStub(Channel("127.0.0.1:" + std::to_string(port)));
      for (int i = 0; !stop; ++i) {
        v1::CreateClaimRequest req;
        req.set_segment_id(s.segments[static_cast<std::size_t>(i + w) % s.segments.size()]);
        req.set_start_byte(0);
        req.set_end_byte(5);
        v1::Claim claim;
        auto ctx = Ctx(s.token);
        ctx->set_deadline(std::chrono::system_clock::now() + 2s);
        if (claims->CreateClaim(ctx.get(), req, &claim).ok()) {
          std::lock_guard lock(mu);
          acknowledged.insert(claim.id());
        }
      }
    });
  }
  std::this_thread::sleep_for(1500ms);
  server->Kill();  // mid-write: some RPCs are in flight
  std::this_thread::sleep_for(300ms);
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_GT(acknowledged.size(), 10U);

  server = std::make_unique<ServerProcess>(data, port);  // the same port and data
  // Every acknowledged write is there, and the stream has each event exactly once.
  auto claims = v1::ClaimService::NewStub(Channel(server->address()));
  for (const auto id : acknowledged) {
    v1::GetClaimRequest get;
    get.set_claim_id(id);
    v1::Claim claim;
    EXPECT_TRUE(claims->GetClaim(Ctx(s.token).get(), get, &claim).ok()) << "claim " << id;
  }
  v1::GetWorkspaceRequest get;
  get.set_workspace_id(s.workspace);
  v1::Workspace ws;
  ASSERT_TRUE(v1::WorkspaceService::NewStub(Channel(server->address()))
                  ->GetWorkspace(Ctx(s.token).get(), get, &ws)
                  .ok());
  StreamCollector stream(Channel(server->address()), s.token, s.workspace, 0);
  ASSERT_TRUE(stream.WaitForSeq(ws.last_seq(), 60s));
  const auto events = stream.events();
  EXPECT_EQ(CheckGapFree(events), "");
  std::set<std::int64_t> created;
  for (const auto& e : events) {
    if (e.kind() == v1::EVENT_KIND_CLAIM_CREATED) {
      EXPECT_TRUE(created.insert(e.claim().id()).second) << "duplicate " << e.claim().id();
    }
  }
  for (const auto id : acknowledged) EXPECT_TRUE(created.contains(id)) << "claim " << id;
}

TEST(ServerProcessTest, TwoProcessesOnOneDatabaseShareEventsAndPresence) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  ServerProcess a(data, 0);
  // The second process uses the first one's PostgreSQL as an operator's database.
  const std::string url = "postgresql:///factdesk?host=" + data + "/run&user=factdesk";
  ServerProcess b(std::vector<std::string>{"--database", url}, 0);
  const Desk s = Prepare(data, a.address());
  StreamCollector on_b(Channel(b.address()), s.token, s.workspace, 0);
  v1::CreateClaimRequest req;
  req.set_segment_id(s.segments[2]);
  req.set_start_byte(0);
  req.set_end_byte(5);
  v1::Claim claim;
  ASSERT_TRUE(v1::ClaimService::NewStub(Channel(a.address()))
                  ->CreateClaim(Ctx(s.token).get(), req, &claim)
                  .ok());
  ASSERT_TRUE(on_b.WaitUntil(
      [&] {
        for (const auto& e : on_b.events()) {
          if (e.claim().id() == claim.id()) return true;
        }
        return false;
      },
      20s));
  v1::UpdatePresenceRequest presence;
  presence.set_workspace_id(s.workspace);
  presence.set_session_id("ana-on-a");
  presence.set_segment_id(s.segments[2]);
  presence.set_activity(v1::ACTIVITY_READING);
  v1::UpdatePresenceResponse ignored;
  ASSERT_TRUE(v1::LiveService::NewStub(Channel(a.address()))
                  ->UpdatePresence(Ctx(s.token).get(), presence, &ignored)
                  .ok());
  ASSERT_TRUE(on_b.WaitUntil([&] { return !on_b.presences().empty(); }, 20s));
  EXPECT_EQ(on_b.presences().back().session_id(), "ana-on-a");
  EXPECT_EQ(CheckGapFree(on_b.events()), "");
}

}  // namespace
}  // namespace factdesk::testing
