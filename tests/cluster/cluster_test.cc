// The production topology of deploy/, started by deploy/local-cluster.sh from its own
// files, with writers and watchers going through HAProxy, through the failures issue 16
// names: the PostgreSQL primary's machine lost (Patroni promotes the synchronous standby),
// a server replica killed, the balancer restarted, the whole cluster stopped and started,
// and one replica cut off from the database (a proxy between it and PostgreSQL). After
// each: every acknowledged write is present, every watcher's seqs are gap-free.
//
// Run by tests/cluster/run_cluster_test.sh (from scripts/test.sh), not by ctest: it needs
// Patroni, etcd and HAProxy, and takes about five minutes.
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "tests/cluster/cluster_client.h"
#include "tests/support/health_check.h"
#include "tests/support/http_get.h"
#include "tests/support/process.h"

namespace factdesk::cluster {
namespace {

using namespace std::chrono_literals;
using testing::ChildProcess;
using testing::ProcessOptions;
using testing::ProcessResult;

const char* Env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : fallback;
}

const std::string kDir = Env("FACTDESK_CLUSTER_DIR", "/tmp/fdcluster-test");
const int kBase = std::atoi(Env("FACTDESK_CLUSTER_PORT", "27500"));
const std::string kServerBin = FACTDESK_BINARY_DIR "/server/factdesk-server";
const std::string kScript = FACTDESK_SOURCE_DIR "/deploy/local-cluster.sh";
const std::string kBalancer = "127.0.0.1:" + std::to_string(kBase + 50);

std::string AppAddress(int n) {
  return "127.0.0.1:" + std::to_string(kBase + 30 + n);
}

// deploy/local-cluster.sh ARGS with this test's directory, ports and binary; replica 3
// reaches PostgreSQL through the proxy.
ProcessResult Cluster(const std::vector<std::string>& args, std::chrono::seconds timeout = 300s) {
  ProcessOptions o;
  o.argv = {"/bin/bash", kScript};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  o.env = {{"FACTDESK_CLUSTER_DIR", kDir},
           {"FACTDESK_CLUSTER_PORT", std::to_string(kBase)},
           {"FACTDESK_SERVER_BIN", kServerBin},
           {"FACTDESK_CLUSTER_APP3_DB_HOSTS", fmt::format("127.0.0.1:{},127.0.0.1:{},127.0.0.1:{}",
                                                          kBase + 61, kBase + 62, kBase + 63)}};
  return testing::RunProcess(o, timeout);
}

std::string Describe(const ProcessResult& r) {
  return fmt::format("exit {}{}\n{}{}", r.exit_code, r.timed_out ? " (timed out)" : "", r.out,
                     r.err);
}

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string Primary() {
  const ProcessResult r = Cluster({"primary"}, 30s);
  return r.exit_code == 0 ? Trimmed(r.out) : "";
}

// The database URL the replicas use (from the env file local-cluster.sh wrote for app1).
std::string DatabaseUrl() {
  std::ifstream in(kDir + "/etc/app1.env");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("FACTDESK_DATABASE=", 0) == 0) return line.substr(18);
  }
  return "";
}

// CreateClaim calls a replica has answered, from its /metrics.
double CreateClaimCalls(int app) {
  const std::string body = testing::HttpGet(kBase + 40 + app, "/metrics").body;
  double total = 0;
  std::size_t at = 0;
  while ((at = body.find("\nfactdesk_requests_total{", at)) != std::string::npos) {
    const std::size_t end = body.find('\n', at + 1);
    const std::string line = body.substr(at + 1, end - at - 1);
    if (line.find("method=\"CreateClaim\"") != std::string::npos) {
      total += std::atof(line.c_str() + line.rfind(' ') + 1);
    }
    at = end;
  }
  return total;
}

// HAProxy's state for a replica ("UP", "DOWN", ...), from its stats CSV.
std::string BalancerState(const std::string& app) {
  const std::string csv = testing::HttpGet(kBase + 51, "/stats;csv").body;
  const std::string key = "factdesk_replicas," + app + ",";
  const std::size_t at = csv.find(key);
  if (at == std::string::npos) return "";
  const std::string line = csv.substr(at, csv.find('\n', at) - at);
  std::size_t field = 0;
  std::size_t pos = 0;
  while (field < 17 && pos != std::string::npos) {
    pos = line.find(',', pos) + 1;
    ++field;
  }
  return line.substr(pos, line.find(',', pos) - pos);
}

bool WaitUntil(const std::function<bool()>& done, std::chrono::seconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!done()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(200ms);
  }
  return true;
}

// The load every scenario runs under: ten writers and four watchers, all through HAProxy.
struct Load {
  explicit Load(const Desk& desk) : writers(kBalancer, desk, 10) {
    for (int i = 0; i < 4; ++i) watchers.push_back(std::make_unique<Watcher>(kBalancer, desk));
  }
  Writers writers;
  std::vector<std::unique_ptr<Watcher>> watchers;
};

class ClusterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ProcessOptions proxy;
    proxy.argv = {FACTDESK_BINARY_DIR "/tests/cluster/db_proxy"};
    for (int n = 1; n <= 3; ++n) {
      proxy.argv.push_back(fmt::format("{}:{}", kBase + 60 + n, kBase + 10 + n));
    }
    proxy_ = std::make_unique<ChildProcess>(proxy);
    ASSERT_TRUE(proxy_->WaitFor("db_proxy ready", 10s)) << proxy_->err();
    (void)Cluster({"destroy"});
    const ProcessResult started = Cluster({"start"});
    ASSERT_EQ(started.exit_code, 0) << Describe(started);
    desk_ = PrepareDesk(kServerBin, DatabaseUrl(), kBalancer, "cluster");
  }
  static void TearDownTestSuite() {
    const ProcessResult stopped = Cluster({"stop"});
    EXPECT_EQ(stopped.exit_code, 0) << Describe(stopped);
    EXPECT_NE(stopped.out.find("no process left"), std::string::npos) << Describe(stopped);
    (void)Cluster({"destroy"});
    proxy_.reset();
  }
  void SetUp() override { ASSERT_FALSE(desk_.token.empty()) << "the suite's setup failed"; }

  // Stops the load and checks what every scenario must keep: each acknowledged write is
  // in the event log, once, and each watcher has every seq up to the last exactly once.
  static void ExpectNothingLost(Load& load, const std::string& scenario) {
    load.writers.Stop();
    const std::int64_t last = LastSeq(kBalancer, desk_, 120s);
    int reconnects = 0;
    for (auto& w : load.watchers) {
      EXPECT_TRUE(w->WaitForSeq(last, 120s)) << "a watcher stopped at " << w->last_seq();
      EXPECT_EQ(w->problems(), "");
      reconnects += w->reconnects();
    }
    const auto created = load.watchers.front()->created_by_key();
    int missing = 0;
    int duplicates = 0;
    int ambiguous = 0;
    for (const Ack& ack : load.writers.acks()) {
      const auto it = created.find(ack.key);
      const int copies = it == created.end() ? 0 : it->second;
      missing += copies == 0 ? 1 : 0;
      // A retry after an attempt that may have committed (a deadline, a connection lost
      // mid-call, an unknown commit outcome) carries the same idempotency key, so the
      // server answers it with the first claim: no copy, whatever the scenario killed.
      duplicates += copies > 1 ? copies - 1 : 0;
      ambiguous += ack.retried_after_ambiguous_failure ? 1 : 0;
    }
    std::cout << fmt::format(
        "[{}] acknowledged {}, missing {}, duplicates {}, retried after ambiguous failures {}, "
        "failed attempts {}, watcher reconnects {}, last seq {}\n",
        scenario, load.writers.acks().size(), missing, duplicates, ambiguous,
        load.writers.failed_attempts(), reconnects, last);
    EXPECT_EQ(missing, 0);
    EXPECT_EQ(duplicates, 0);
    for (auto& w : load.watchers) w->Stop();
  }

  static void WaitReady() {
    const ProcessResult ready = Cluster({"wait"});
    ASSERT_EQ(ready.exit_code, 0) << Describe(ready);
  }

  static std::unique_ptr<ChildProcess> proxy_;
  static Desk desk_;
};

std::unique_ptr<ChildProcess> ClusterTest::proxy_;
Desk ClusterTest::desk_;

TEST_F(ClusterTest, PrimaryMachineLostPatroniPromotesAndNoAcknowledgedWriteIsLost) {
  Load load(desk_);
  ASSERT_TRUE(load.writers.WaitForMore(30, 60s));
  const std::string old_primary = Primary();
  ASSERT_FALSE(old_primary.empty());
  const auto killed_at = Clock::now();
  const ProcessResult killed = Cluster({"kill", old_primary});
  ASSERT_EQ(killed.exit_code, 0) << Describe(killed);
  std::string new_primary;
  ASSERT_TRUE(WaitUntil(
      [&] {
        new_primary = Primary();
        return !new_primary.empty() && new_primary != old_primary;
      },
      120s))
      << "no standby was promoted";
  const auto promoted_at = Clock::now();
  ASSERT_TRUE(load.writers.WaitForMore(30, 120s)) << "writes did not resume";
  const auto resumed_at = Clock::now();
  const auto acks = load.writers.acks();
  std::size_t before = 0;
  std::size_t during = 0;
  for (const Ack& a : acks) {
    before += a.at < killed_at ? 1 : 0;
    during += a.at >= killed_at && a.at < promoted_at ? 1 : 0;
  }
  std::cout << fmt::format(
      "[primary lost] {} -> {}: acknowledged before {}, during {}, after {}; writers saw no "
      "write succeed for {:.1f} s\n",
      old_primary, new_primary, before, during, acks.size() - before - during,
      LongestSilenceSeconds(acks, killed_at, resumed_at));
  ExpectNothingLost(load, "primary lost");
  // The lost machine comes back as a standby (pg_rewind), and the cluster is whole again.
  const ProcessResult back = Cluster({"start", old_primary});
  ASSERT_EQ(back.exit_code, 0) << Describe(back);
  WaitReady();
}

TEST_F(ClusterTest, ServerReplicaKilledItsSubscribersResumeThroughTheBalancer) {
  Load load(desk_);
  ASSERT_TRUE(load.writers.WaitForMore(30, 60s));
  const ProcessResult killed = Cluster({"kill", "app1"});
  ASSERT_EQ(killed.exit_code, 0) << Describe(killed);
  ASSERT_TRUE(WaitUntil([] { return BalancerState("app1").rfind("DOWN", 0) == 0; }, 30s));
  ASSERT_TRUE(load.writers.WaitForMore(30, 60s)) << "writes did not go on without app1";
  ExpectNothingLost(load, "replica killed");
  ASSERT_EQ(Cluster({"start", "app1"}).exit_code, 0);
  WaitReady();
}

TEST_F(ClusterTest, BalancerRestartedNothingIsLost) {
  Load load(desk_);
  ASSERT_TRUE(load.writers.WaitForMore(30, 60s));
  ASSERT_EQ(Cluster({"kill", "lb"}).exit_code, 0);
  ASSERT_EQ(Cluster({"start", "lb"}).exit_code, 0);
  WaitReady();
  ASSERT_TRUE(load.writers.WaitForMore(30, 60s)) << "writes did not resume";
  ExpectNothingLost(load, "balancer restarted");
  int reconnects = 0;
  for (auto& w : load.watchers) reconnects += w->reconnects();
  EXPECT_GE(reconnects, 4) << "every watcher's stream went through the old balancer";
}

TEST_F(ClusterTest, WholeClusterStoppedAndStartedNothingIsLost) {
  Load load(desk_);
  ASSERT_TRUE(load.writers.WaitForMore(30, 60s));
  const ProcessResult stopped = Cluster({"stop"});
  ASSERT_EQ(stopped.exit_code, 0) << Describe(stopped);
  EXPECT_NE(stopped.out.find("no process left"), std::string::npos) << Describe(stopped);
  const ProcessResult started = Cluster({"start"});
  ASSERT_EQ(started.exit_code, 0) << Describe(started);
  ASSERT_TRUE(load.writers.WaitForMore(30, 120s)) << "writes did not resume";
  ExpectNothingLost(load, "cluster restarted");
}

TEST_F(ClusterTest, ReplicaCutFromTheDatabaseGoesNotReadyAndGetsNoTraffic) {
  const auto app3 = grpc::CreateChannel(AppAddress(3), grpc::InsecureChannelCredentials());
  ASSERT_EQ(testing::HealthCheck(app3, ""), "SERVING");
  Load load(desk_);
  ASSERT_TRUE(load.writers.WaitForMore(30, 60s));
  proxy_->Signal(SIGUSR1);
  ASSERT_TRUE(proxy_->WaitFor("cut", 10s));
  ASSERT_TRUE(WaitUntil([&] { return testing::HealthCheck(app3, "") == "NOT_SERVING"; }, 30s));
  EXPECT_EQ(testing::HealthCheck(app3, "factdesk.v1.ClaimService"), "NOT_SERVING");
  ASSERT_TRUE(WaitUntil([] { return BalancerState("app3").rfind("DOWN", 0) == 0; }, 30s))
      << "HAProxy still sends app3 traffic: " << BalancerState("app3");
  // With app3 out of rotation, writes go on, and none of them reaches app3. (Calls it
  // had already taken fail at once, the database being unreachable: let them finish.)
  std::this_thread::sleep_for(2s);
  const double app3_calls = CreateClaimCalls(3);
  ASSERT_TRUE(load.writers.WaitForMore(100, 60s));
  EXPECT_EQ(CreateClaimCalls(3), app3_calls);
  proxy_->Signal(SIGUSR2);
  ASSERT_TRUE(proxy_->WaitFor("restored", 10s));
  ASSERT_TRUE(WaitUntil([&] { return testing::HealthCheck(app3, "") == "SERVING"; }, 60s));
  ASSERT_TRUE(WaitUntil([] { return BalancerState("app3") == "UP"; }, 30s));
  // Clients keep the replica their connection is on (HAProxy reuses its connection to
  // that replica), so app3's traffic comes back with new clients.
  Writers newcomers(kBalancer, desk_, 6);
  ASSERT_TRUE(newcomers.WaitForMore(60, 60s));
  newcomers.Stop();
  EXPECT_GT(CreateClaimCalls(3), app3_calls) << "app3 got no traffic back";
  ExpectNothingLost(load, "replica cut");
}

}  // namespace
}  // namespace factdesk::cluster
