// factdesk-server when its database dies, as operators meet it: the embedded PostgreSQL
// killed with -9 under ten writers and a watcher (the server restarts it by itself), an
// external PostgreSQL stopped and started again behind a multi-host URL, and an embedded
// PostgreSQL that keeps dying (the server gives up, loudly, and exits non-zero). Health
// checking says NOT_SERVING during the outage and SERVING after; every acknowledged
// write is there afterwards and the watcher's stream stays gap-free without reconnecting.
#include <atomic>
#include <csignal>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "server/store/database.h"
#include "server/store/pg_errors.h"
#include "tests/e2e/cli_fixture.h"
#include "tests/integration/live_helpers.h"
#include "tests/support/health_check.h"
#include "tests/support/http_get.h"
#include "tests/support/test_server.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

constexpr auto kRecover = 90s;
const char* const kClaimService = "factdesk.v1.ClaimService";

std::shared_ptr<grpc::Channel> Channel(const std::string& address) {
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

std::string Admin(const std::vector<std::string>& storage, std::vector<std::string> args) {
  ProcessOptions o;
  o.argv = {ServerBinary(), "admin"};
  o.argv.insert(o.argv.end(), storage.begin(), storage.end());
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  const ProcessResult r = RunProcess(o, 120s);
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  return r.out.substr(0, r.out.find('\n'));
}

struct Desk {
  std::string token;
  std::int64_t workspace = 0;
  std::vector<std::int64_t> segments;
};

// A user, a workspace and a transcript, made with the admin commands and the API.
Desk Prepare(const std::vector<std::string>& storage, const std::string& address) {
  Desk d;
  Admin(storage, {"create-user", "ana", "--name", "Ana"});
  Admin(storage, {"create-workspace", "desk", "--name", "Desk", "--owner", "ana"});
  d.token = Admin(storage, {"issue-token", "ana"});
  v1::GetWorkspaceRequest get;
  get.set_slug("desk");
  v1::Workspace ws;
  EXPECT_TRUE(v1::WorkspaceService::NewStub(Channel(address))
                  ->GetWorkspace(Ctx(d.token).get(), get, &ws)
                  .ok());
  d.workspace = ws.id();
  std::string text;
  for (int i = 0; i < 20; ++i) text += "Lena Ortiz: Claim number " + std::to_string(i) + ".\n\n";
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(d.workspace);
  req.set_filename("t.txt");
  req.set_content(text);
  v1::ImportTranscriptResponse imported;
  auto transcripts = v1::TranscriptService::NewStub(Channel(address));
  EXPECT_TRUE(transcripts->ImportTranscript(Ctx(d.token).get(), req, &imported).ok());
  v1::ListSegmentsRequest list;
  list.set_transcript_id(imported.transcript().id());
  v1::ListSegmentsResponse segments;
  EXPECT_TRUE(transcripts->ListSegments(Ctx(d.token).get(), list, &segments).ok());
  for (const auto& seg : segments.segments()) d.segments.push_back(seg.id());
  return d;
}

// Writers creating claims as fast as the server lets them, each call with a 2 s
// deadline; what was acknowledged, and the first UNAVAILABLE message of each wording
// (a write cut mid-commit and a refusal while the database is down say different things).
class Writers {
 public:
  Writers(const std::string& address, const Desk& desk, int count) {
    for (int w = 0; w < count; ++w) {
      threads_.emplace_back([this, address, &desk, w] { Run(address, desk, w); });
    }
  }
  ~Writers() { Stop(); }

  void Stop() {
    stop_ = true;
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
  }
  std::size_t acknowledged_count() {
    std::lock_guard lock(mu_);
    return acknowledged_.size();
  }
  // Waits until `more` writes beyond those acknowledged now are acknowledged.
  bool WaitForMore(std::size_t more, std::chrono::milliseconds timeout) {
    const std::size_t target = acknowledged_count() + more;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (acknowledged_count() < target) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(20ms);
    }
    return true;
  }
  std::set<std::int64_t> acknowledged() {
    std::lock_guard lock(mu_);
    return acknowledged_;
  }
  std::string unavailable_message() {
    std::lock_guard lock(mu_);
    std::string all;
    for (const auto& [wording, message] : unavailable_) all += message + "\n";
    return all;
  }

 private:
  void Run(const std::string& address, const Desk& desk, int w) {
    auto claims = v1::ClaimService::NewStub(Channel(address));
    for (std::size_t i = 0; !stop_; ++i) {
      v1::CreateClaimRequest req;
      req.set_segment_id(desk.segments[(i + static_cast<std::size_t>(w)) % desk.segments.size()]);
      req.set_start_byte(0);
      req.set_end_byte(5);
      v1::Claim claim;
      auto ctx = Ctx(desk.token);
      ctx->set_deadline(std::chrono::system_clock::now() + 2s);
      const grpc::Status s = claims->CreateClaim(ctx.get(), req, &claim);
      std::lock_guard lock(mu_);
      if (s.ok()) {
        acknowledged_.insert(claim.id());
      } else if (s.error_code() == grpc::StatusCode::UNAVAILABLE) {
        const std::string& m = s.error_message();
        unavailable_.try_emplace(m.substr(0, m.find(" (error id")), m);
      }
    }
  }

  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::set<std::int64_t> acknowledged_;
  std::map<std::string, std::string> unavailable_;
  std::vector<std::thread> threads_;
};

// Asks health checking every 50 ms, overall and for one service, keeping the sequence
// of distinct answers (e.g. SERVING, NOT_SERVING, SERVING).
class HealthLog {
 public:
  explicit HealthLog(const std::string& address)
      : channel_(Channel(address)), thread_([this] { Run(); }) {}
  ~HealthLog() {
    stop_ = true;
    thread_.join();
  }

  // Waits until the overall and the service's answers have both gone through `states`.
  bool WaitFor(const std::vector<std::string>& states, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      {
        std::lock_guard lock(mu_);
        if (Contains(overall_, states) && Contains(service_, states)) return true;
      }
      std::this_thread::sleep_for(20ms);
    }
    return false;
  }
  std::string Describe() {
    std::lock_guard lock(mu_);
    std::string out = "overall:";
    for (const auto& s : overall_) out += " " + s;
    out += "; " + std::string(kClaimService) + ":";
    for (const auto& s : service_) out += " " + s;
    return out;
  }

 private:
  // `states` appear in this order in `seen` (not necessarily adjacent).
  static bool Contains(const std::vector<std::string>& seen,
                       const std::vector<std::string>& states) {
    std::size_t next = 0;
    for (const auto& s : seen) {
      if (next < states.size() && s == states[next]) ++next;
    }
    return next == states.size();
  }
  void Run() {
    while (!stop_) {
      const std::string overall = HealthCheck(channel_, "", 1s);
      const std::string service = HealthCheck(channel_, kClaimService, 1s);
      {
        std::lock_guard lock(mu_);
        if (overall_.empty() || overall_.back() != overall) overall_.push_back(overall);
        if (service_.empty() || service_.back() != service) service_.push_back(service);
      }
      std::this_thread::sleep_for(50ms);
    }
  }

  std::shared_ptr<grpc::Channel> channel_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::vector<std::string> overall_;
  std::vector<std::string> service_;
  std::thread thread_;
};

int MetricsPort(const ServerProcess& server) {
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  const std::string kLine = "metrics on port ";
  while (std::chrono::steady_clock::now() < deadline) {
    const std::string log = server.log();
    if (const auto at = log.find(kLine); at != std::string::npos) {
      return std::atoi(log.c_str() + at + kLine.size());
    }
    std::this_thread::sleep_for(50ms);
  }
  return 0;
}

// The value of an unlabelled sample on /metrics ("" when absent).
std::string Metric(int port, const std::string& name) {
  const std::string body = HttpGet(port, "/metrics").body;
  const std::string key = "\n" + name + " ";
  const auto at = body.find(key);
  if (at == std::string::npos) return "";
  const auto start = at + key.size();
  return body.substr(start, body.find('\n', start) - start);
}

// Whether the counter `name` reaches `at_least` within `timeout`.
bool WaitForMetricAtLeast(int port, const std::string& name, double at_least,
                          std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::atof(Metric(port, name).c_str()) < at_least) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(100ms);
  }
  return true;
}

pid_t PostmasterPid(const std::string& data_dir) {
  std::ifstream in(data_dir + "/pg/postmaster.pid");
  pid_t pid = 0;
  in >> pid;
  return pid;
}

// Every acknowledged claim can be read, and the watcher, whose stream stayed open
// through the outage, has every event up to the workspace's last seq exactly once.
void ExpectNothingLost(const std::string& address, const Desk& desk,
                       const std::set<std::int64_t>& acknowledged, StreamCollector& watcher) {
  auto claims = v1::ClaimService::NewStub(Channel(address));
  for (const auto id : acknowledged) {
    v1::GetClaimRequest get;
    get.set_claim_id(id);
    v1::Claim claim;
    EXPECT_TRUE(claims->GetClaim(Ctx(desk.token).get(), get, &claim).ok()) << "claim " << id;
  }
  v1::GetWorkspaceRequest get;
  get.set_workspace_id(desk.workspace);
  v1::Workspace ws;
  ASSERT_TRUE(v1::WorkspaceService::NewStub(Channel(address))
                  ->GetWorkspace(Ctx(desk.token).get(), get, &ws)
                  .ok());
  ASSERT_TRUE(watcher.WaitForSeq(ws.last_seq(), 60s))
      << "the watcher stopped at seq " << watcher.last_seq() << " of " << ws.last_seq();
  const auto events = watcher.events();
  EXPECT_EQ(CheckGapFree(events), "");
  std::set<std::int64_t> created;
  for (const auto& e : events) {
    if (e.kind() == v1::EVENT_KIND_CLAIM_CREATED) created.insert(e.claim().id());
  }
  for (const auto id : acknowledged) EXPECT_TRUE(created.contains(id)) << "claim " << id;
}

TEST(DatabaseOutageTest, EmbeddedPostgresKilledUnderWritersIsRestartedAndNothingIsLost) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  // With fsync (not --unsafe-no-fsync, whose synchronous_commit=off acknowledges commits
  // before their WAL leaves PostgreSQL's memory, which kill -9 then loses).
  ServerProcess server({"--data-dir", data, "--metrics-listen", "127.0.0.1:0"}, 0);
  const int metrics = MetricsPort(server);
  ASSERT_GT(metrics, 0) << server.log();
  const Desk desk = Prepare({"--data-dir", data}, server.address());
  StreamCollector watcher(Channel(server.address()), desk.token, desk.workspace, 0);
  HealthLog health(server.address());
  ASSERT_TRUE(health.WaitFor({"SERVING"}, 30s)) << health.Describe();
  EXPECT_EQ(Metric(metrics, "factdesk_database_up"), "1");

  Writers writers(server.address(), desk, 10);
  ASSERT_TRUE(writers.WaitForMore(20, 60s));
  const pid_t killed = PostmasterPid(data);
  ASSERT_GT(killed, 0);
  ASSERT_EQ(kill(killed, SIGKILL), 0);

  ASSERT_TRUE(health.WaitFor({"SERVING", "NOT_SERVING", "SERVING"}, kRecover))
      << health.Describe() << "\n"
      << server.log();
  EXPECT_NE(PostmasterPid(data), killed) << "PostgreSQL was not started again";
  ASSERT_TRUE(writers.WaitForMore(20, 60s)) << "writes did not resume\n" << server.log();
  writers.Stop();
  EXPECT_NE(server.log().find("embedded PostgreSQL restarted"), std::string::npos) << server.log();
  EXPECT_EQ(Metric(metrics, "factdesk_embedded_database_restarts_total"), "1");
  EXPECT_EQ(Metric(metrics, "factdesk_database_up"), "1");
  EXPECT_EQ(Metric(metrics, "factdesk_serving"), "1");
  EXPECT_GE(std::atof(Metric(metrics, "factdesk_database_outages_total").c_str()), 1);
  ExpectNothingLost(server.address(), desk, writers.acknowledged(), watcher);
}

TEST(DatabaseOutageTest, ExternalPostgresStoppedAndStartedBehindAMultiHostUrl) {
  // The first host is a socket directory where nothing listens, as a dead node would be.
  std::string url = TestPostgres::Get().FreshDatabase();
  const std::string database =
      url.substr(url.find(":///") + 4, url.find('?') - url.find(":///") - 4);
  url.replace(url.find("host="), 5, "host=/nonexistent-fd-node,");
  url += "&target_session_attrs=read-write";
  const std::vector<std::string> storage = {"--database", url};
  ServerProcess server({"--database", url, "--metrics-listen", "127.0.0.1:0"}, 0);
  const int metrics = MetricsPort(server);
  ASSERT_GT(metrics, 0) << server.log();
  const Desk desk = Prepare(storage, server.address());
  StreamCollector watcher(Channel(server.address()), desk.token, desk.workspace, 0);
  HealthLog health(server.address());
  ASSERT_TRUE(health.WaitFor({"SERVING"}, 30s)) << health.Describe();

  Writers writers(server.address(), desk, 10);
  ASSERT_TRUE(writers.WaitForMore(20, 60s));
  TestPostgres::Get().Stop();
  ASSERT_TRUE(health.WaitFor({"SERVING", "NOT_SERVING"}, kRecover)) << health.Describe();
  EXPECT_EQ(Metric(metrics, "factdesk_database_up"), "0");
  EXPECT_EQ(Metric(metrics, "factdesk_serving"), "0");
  // A request now is refused as retryable, naming the database, and writes nothing.
  v1::CreateClaimRequest req;
  req.set_segment_id(desk.segments[0]);
  req.set_start_byte(0);
  req.set_end_byte(5);
  v1::Claim claim;
  const grpc::Status refused = v1::ClaimService::NewStub(Channel(server.address()))
                                   ->CreateClaim(Ctx(desk.token).get(), req, &claim);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAVAILABLE) << refused.error_message();
  EXPECT_NE(refused.error_message().find("the database \"" + database + "\""), std::string::npos)
      << refused.error_message();
  TestPostgres::Get().Start();

  ASSERT_TRUE(health.WaitFor({"SERVING", "NOT_SERVING", "SERVING"}, kRecover))
      << health.Describe() << "\n"
      << server.log();
  ASSERT_TRUE(writers.WaitForMore(20, 60s)) << "writes did not resume\n" << server.log();
  writers.Stop();
  EXPECT_NE(writers.unavailable_message().find("is unavailable; try again"), std::string::npos)
      << writers.unavailable_message();
  EXPECT_EQ(Metric(metrics, "factdesk_database_up"), "1");
  // The LISTEN connection comes back on its own backoff (up to 2 s), after writes resume.
  EXPECT_TRUE(WaitForMetricAtLeast(metrics, "factdesk_live_listen_reconnects_total", 1, kRecover))
      << Metric(metrics, "factdesk_live_listen_reconnects_total");
  ExpectNothingLost(server.address(), desk, writers.acknowledged(), watcher);
}

TEST(DatabaseOutageTest, EmbeddedPostgresThatKeepsDyingMakesTheServerGiveUpAndExitNonZero) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  ServerProcess server(data, 0);
  // Kill every PostgreSQL the server starts, until it stops trying.
  pid_t last_killed = 0;
  int kills = 0;
  const auto deadline = std::chrono::steady_clock::now() + 180s;
  while (server.running() && std::chrono::steady_clock::now() < deadline) {
    const pid_t pid = PostmasterPid(data);
    if (pid > 0 && pid != last_killed && kill(pid, SIGKILL) == 0) {
      last_killed = pid;
      ++kills;
    }
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_FALSE(server.running()) << "still running after " << kills << " kills\n" << server.log();
  EXPECT_EQ(server.Stop(), 3) << server.log();
  // The first crash and up to 5 restarts (a restart that fails by itself counts too).
  EXPECT_GE(kills, 1);
  EXPECT_LE(kills, 6);
  EXPECT_NE(server.log().find("embedded PostgreSQL failed 6 times within 300 s; giving up"),
            std::string::npos)
      << server.log();
}

// What UNAVAILABLE messages and logs call the database: its name and hosts, never the
// password or other parameters of the URL.
TEST(DatabaseUrlTest, MessagesNameTheDatabaseAndItsHostsButNeverThePassword) {
  EXPECT_EQ(store::DescribeDatabase("postgresql://factdesk:s3cret@db1:5432,db2:5433/factdesk"
                                    "?target_session_attrs=read-write"),
            "\"factdesk\" on db1:5432,db2:5433");
  EXPECT_EQ(store::DescribeDatabase("host=db1,db2 port=6432 dbname=desk password=s3cret"),
            "\"desk\" on db1:6432,db2:6432");
  EXPECT_EQ(store::DescribeDatabase("postgresql:///factdesk?host=/tmp/fd/run&user=factdesk"),
            "\"factdesk\" (local socket)");
}

TEST(DatabaseUrlTest, FailureTimeoutsAreAddedUnlessTheUrlSetsThem) {
  const std::string uri =
      store::WithFailureTimeouts("postgresql://db1,db2/factdesk?connect_timeout=10");
  EXPECT_NE(uri.find("?connect_timeout=10&keepalives_idle=10&"), std::string::npos) << uri;
  EXPECT_EQ(uri.find("connect_timeout=3"), std::string::npos) << uri;
  EXPECT_NE(uri.find("&tcp_user_timeout=15000"), std::string::npos) << uri;
  const std::string plain = store::WithFailureTimeouts("postgresql://db1/factdesk");
  EXPECT_NE(plain.find("/factdesk?connect_timeout=3&"), std::string::npos) << plain;
  const std::string conninfo = store::WithFailureTimeouts("host=db1 dbname=factdesk");
  EXPECT_NE(conninfo.find("host=db1 dbname=factdesk connect_timeout=3 keepalives_idle=10"),
            std::string::npos)
      << conninfo;
}

}  // namespace
}  // namespace factdesk::testing
