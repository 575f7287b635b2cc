// Issue 17.1 as it was found: 50 streams that never read and 20,000 UpdatePresence calls
// from one viewer, against a factdesk-server process, its memory read from /proc. Every
// queue is bounded (entries and bytes), presence is coalesced per user and session, and
// UpdatePresence is rate-limited per caller.
#include <atomic>
#include <fstream>
#include <map>
#include <mutex>
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

constexpr int kDeafStreams = 50;
constexpr int kPresenceCalls = 20000;
// What the flood may add to the server's resident memory. Before the fix it grew by
// about 320 MiB (release build; more under ASan) and never gave it back. With the limit
// lifted, 20,000 accepted updates fan out to 50 streams: the sanitizer's allocator keeps
// the high-water mark of what was in flight at once, hence the larger allowance.
// ThreadSanitizer (the tsan preset runs this suite too) keeps shadow memory beside what
// the server touches: one run there grew by 68 MiB against the 64 MiB bound, so under it
// the bounds are doubled, still far below the unfixed server's growth.
#if defined(__SANITIZE_THREAD__)
constexpr long kShadowFactor = 2;
#else
constexpr long kShadowFactor = 1;
#endif
constexpr long kMaxFloodGrowthKiB = kShadowFactor * 64L * 1024;
constexpr long kMaxGrowthUnlimitedKiB = kShadowFactor * 128L * 1024;

std::shared_ptr<grpc::Channel> OwnChannel(const std::string& address, int n) {
  grpc::ChannelArguments args;
  args.SetInt("factdesk.test.channel", n);  // a connection of its own
  return grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args);
}

struct FloodDesk {
  std::string owner;   // ana, admin of "desk"
  std::string viewer;  // vic, a viewer
  std::int64_t workspace = 0;
};

FloodDesk PrepareFloodDesk(const std::string& data, const std::string& address) {
  FloodDesk d;
  Admin(data, {"create-user", "ana", "--name", "Ana"});
  Admin(data, {"create-workspace", "desk", "--name", "Desk", "--owner", "ana"});
  Admin(data, {"create-user", "vic", "--name", "Vic"});
  Admin(data, {"add-member", "desk", "vic", "--role", "viewer"});
  d.owner = Admin(data, {"issue-token", "ana"});
  d.viewer = Admin(data, {"issue-token", "vic"});
  v1::GetWorkspaceRequest get;
  get.set_slug("desk");
  v1::Workspace ws;
  EXPECT_TRUE(v1::WorkspaceService::NewStub(OwnChannel(address, 0))
                  ->GetWorkspace(Ctx(d.owner).get(), get, &ws)
                  .ok());
  d.workspace = ws.id();
  return d;
}

// Subscribe streams opened and never read, each on a connection of its own.
class DeafSubscribers {
 public:
  DeafSubscribers(const std::string& address, const std::string& token, std::int64_t ws) {
    v1::SubscribeRequest req;
    req.set_workspace_id(ws);
    for (int i = 0; i < kDeafStreams; ++i) {
      auto stub = v1::LiveService::NewStub(OwnChannel(address, i + 1));
      contexts_.push_back(Ctx(token));
      readers_.push_back(stub->Subscribe(contexts_.back().get(), req));
      stubs_.push_back(std::move(stub));
    }
  }
  ~DeafSubscribers() {
    v1::SubscribeResponse ignored;
    for (std::size_t i = 0; i < readers_.size(); ++i) {
      contexts_[i]->TryCancel();
      while (readers_[i]->Read(&ignored)) {
      }
      (void)readers_[i]->Finish();
    }
  }

 private:
  std::vector<std::unique_ptr<v1::LiveService::Stub>> stubs_;
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts_;
  std::vector<std::unique_ptr<grpc::ClientReader<v1::SubscribeResponse>>> readers_;
};

struct FloodResult {
  int accepted = 0;
  int limited = 0;
  std::string limited_message;
  std::string other_failure;
  double seconds = 0;
};

// kPresenceCalls UpdatePresence calls from `token`, on 8 threads, each to a new segment
// (a move, so each one is broadcast); `sessions` distinct session ids among them.
FloodResult Flood(const std::string& address, const std::string& token, std::int64_t ws,
                  int sessions) {
  FloodResult out;
  std::mutex mu;
  std::atomic<int> next{0};
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      auto live = v1::LiveService::NewStub(OwnChannel(address, 100 + t));
      for (int i = next++; i < kPresenceCalls; i = next++) {
        v1::UpdatePresenceRequest req;
        req.set_workspace_id(ws);
        req.set_session_id("vic-" + std::to_string(i % sessions));
        req.set_segment_id(i + 1);
        req.set_activity(v1::ACTIVITY_READING);
        v1::UpdatePresenceResponse ignored;
        const grpc::Status s = live->UpdatePresence(Ctx(token).get(), req, &ignored);
        std::lock_guard lock(mu);
        if (s.ok()) {
          ++out.accepted;
        } else if (s.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
          ++out.limited;
          out.limited_message = s.error_message();
        } else {
          out.other_failure = std::to_string(s.error_code()) + " " + s.error_message();
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

// The viewer's sessions online as a newcomer's stream tells them: what it was sent when
// it began, then each change in order.
std::set<std::string> SessionsSeenByNewcomer(const std::string& address, const FloodDesk& d) {
  StreamCollector newcomer(OwnChannel(address, 200), d.owner, d.workspace, 0);
  EXPECT_TRUE(newcomer.WaitUntil([&] { return !newcomer.presences().empty(); }, 30s));
  std::set<std::string> sessions;
  for (const auto& p : newcomer.presences()) {
    if (p.online()) {
      sessions.insert(p.session_id());
    } else {
      sessions.erase(p.session_id());
    }
  }
  return sessions;
}

TEST(PresenceFloodTest, TwentyThousandUpdatesAreRateLimitedAndMemoryStaysBounded) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  ServerProcess server({"--data-dir", data, "--unsafe-no-fsync"}, 0, SmallQuarantine());
  const FloodDesk d = PrepareFloodDesk(data, server.address());
  DeafSubscribers deaf(server.address(), d.owner, d.workspace);
  const long before = RssKiB(server.pid());

  const FloodResult flood = Flood(server.address(), d.viewer, d.workspace, 1);
  EXPECT_EQ(flood.other_failure, "");
  // The default limit: a burst of 20, then 4 per second.
  EXPECT_LE(flood.accepted, 20 + static_cast<int>(4 * flood.seconds) + 1);
  EXPECT_EQ(flood.accepted + flood.limited, kPresenceCalls);
  EXPECT_NE(flood.limited_message.find("presence updates are limited to 4 per second per user; "
                                       "retry in "),
            std::string::npos)
      << flood.limited_message;
  const long after = RssKiB(server.pid());
  EXPECT_LT(after - before, kMaxFloodGrowthKiB) << "RSS " << before << " -> " << after << " KiB";
  // Only the latest entry of the session counts.
  EXPECT_EQ(SessionsSeenByNewcomer(server.address(), d), std::set<std::string>{"vic-0"});
}

TEST(PresenceFloodTest, WithTheLimitLiftedQueuesAndSessionsStayBoundedWhateverFillsThem) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  ServerProcess server({"--data-dir", data, "--unsafe-no-fsync", "--presence-rate", "10000",
                        "--presence-burst", "100000"},
                       0, SmallQuarantine());
  const FloodDesk d = PrepareFloodDesk(data, server.address());
  DeafSubscribers deaf(server.address(), d.owner, d.workspace);
  const long before = RssKiB(server.pid());

  // A new session per call: each pushes out the user's oldest beyond the cap (8).
  const FloodResult flood = Flood(server.address(), d.viewer, d.workspace, kPresenceCalls);
  EXPECT_EQ(flood.other_failure, "");
  EXPECT_EQ(flood.accepted, kPresenceCalls);
  const long after = RssKiB(server.pid());
  EXPECT_LT(after - before, kMaxGrowthUnlimitedKiB)
      << "RSS " << before << " -> " << after << " KiB";
  EXPECT_LE(SessionsSeenByNewcomer(server.address(), d).size(), 8U);
}

}  // namespace
}  // namespace factdesk::testing
