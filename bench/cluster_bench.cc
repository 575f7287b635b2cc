// cluster_bench: the figures a runbook quotes about deploy/'s topology, measured on
// deploy/local-cluster.sh (etcd, three PostgreSQL nodes under Patroni, three replicas,
// HAProxy), with the writers and watchers of the cluster test (tests/cluster):
//   failover  the primary's machine is killed (Patroni and PostgreSQL, kill -9) under
//             writers going through HAProxy, N times: the longest time no write
//             succeeded, as the writers saw it (median), acknowledged writes missing from
//             the event log afterwards (must be 0), and copies made by retries.
//   throughput  CreateClaim calls acknowledged per second by W writers for D seconds:
//             straight to one replica, through HAProxy with one replica, and through
//             HAProxy with three; the ratios to the first, from the same run.
// It starts the cluster itself in its own directory and ports, and destroys it at the end.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "bench/bench_support.h"
#include "tests/cluster/cluster_client.h"
#include "tests/support/process.h"

namespace {

namespace cluster = factdesk::cluster;
using namespace std::chrono_literals;

struct Options {
  int failovers = 5;
  int writers = 10;
  double duration = 20;
  int rounds = 2;
  int port = 27600;
  std::string dir = "/tmp/fdcluster-bench";
  std::string server_bin = FACTDESK_SERVER_BIN;
};

Options g;

factdesk::testing::ProcessResult Cluster(const std::vector<std::string>& args) {
  factdesk::testing::ProcessOptions o;
  o.argv = {"/bin/bash", FACTDESK_SOURCE_DIR "/deploy/local-cluster.sh"};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  o.env = {{"FACTDESK_CLUSTER_DIR", g.dir},
           {"FACTDESK_CLUSTER_PORT", std::to_string(g.port)},
           {"FACTDESK_SERVER_BIN", g.server_bin}};
  auto r = factdesk::testing::RunProcess(o, 300s);
  if (r.exit_code != 0 && args[0] != "destroy" && args[0] != "primary") {
    throw std::runtime_error("local-cluster.sh " + args[0] + ": " + r.out + r.err);
  }
  return r;
}

std::string Primary() {
  auto out = Cluster({"primary"});
  std::string s = out.exit_code == 0 ? out.out : "";
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

std::string Address(int offset) {
  return "127.0.0.1:" + std::to_string(g.port + offset);
}

std::string DatabaseUrl() {
  std::ifstream in(g.dir + "/etc/app1.env");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("FACTDESK_DATABASE=", 0) == 0) return line.substr(18);
  }
  throw std::runtime_error("no FACTDESK_DATABASE in " + g.dir + "/etc/app1.env");
}

struct Failover {
  double silence = 0;
  int missing = 0;
  int duplicates = 0;
};

Failover MeasureFailover(const cluster::Desk& desk) {
  cluster::Watcher watcher(Address(50), desk);
  cluster::Writers writers(Address(50), desk, g.writers);
  if (!writers.WaitForMore(30, 60s)) throw std::runtime_error("writers made no progress");
  const std::string old_primary = Primary();
  const auto killed_at = cluster::Clock::now();
  Cluster({"kill", old_primary});
  const auto deadline = killed_at + 120s;
  while (Primary().empty() || Primary() == old_primary) {
    if (cluster::Clock::now() > deadline) throw std::runtime_error("no standby was promoted");
    std::this_thread::sleep_for(200ms);
  }
  if (!writers.WaitForMore(30, 120s)) throw std::runtime_error("writes did not resume");
  const auto resumed_at = cluster::Clock::now();
  writers.Stop();
  Failover f;
  const auto acks = writers.acks();
  f.silence = cluster::LongestSilenceSeconds(acks, killed_at, resumed_at);
  if (!watcher.WaitForSeq(cluster::LastSeq(Address(50), desk, 60s), 120s)) {
    throw std::runtime_error("the watcher did not catch up");
  }
  const auto created = watcher.created_by_key();
  for (const auto& a : acks) {
    const auto it = created.find(a.key);
    f.missing += it == created.end() ? 1 : 0;
    f.duplicates += it != created.end() && it->second > 1 ? it->second - 1 : 0;
  }
  Cluster({"start", old_primary});  // back as a standby, then the cluster is whole again
  Cluster({"wait"});
  return f;
}

double Throughput(const std::string& address, const cluster::Desk& desk) {
  cluster::Writers writers(address, desk, g.writers);
  std::this_thread::sleep_for(2s);  // warm up: connections, prepared statements
  const std::size_t start = writers.ack_count();
  std::this_thread::sleep_for(std::chrono::duration<double>(g.duration));
  const std::size_t done = writers.ack_count() - start;
  writers.Stop();
  return static_cast<double>(done) / g.duration;
}

void RunThroughput(const cluster::Desk& desk) {
  std::vector<double> direct;
  std::vector<double> one;
  std::vector<double> three;
  for (int r = 0; r < g.rounds; ++r) {
    Cluster({"stop", "app2", "app3"});
    Cluster({"wait"});
    direct.push_back(Throughput(Address(31), desk));
    one.push_back(Throughput(Address(50), desk));
    Cluster({"start", "app2", "app3"});
    Cluster({"wait"});
    three.push_back(Throughput(Address(50), desk));
    std::cout << fmt::format(
                     "round {}: direct {:.0f}/s, balancer+1 {:.0f}/s, balancer+3 {:.0f}/s\n", r + 1,
                     direct.back(), one.back(), three.back())
              << std::flush;
  }
  const double base = factdesk::bench::Median(direct);
  std::cout << fmt::format(
      "throughput ({} writers, {} s, median of {}): one replica direct {:.0f} writes/s; "
      "through HAProxy with 1 replica {:.0f}/s ({:.2f}x); with 3 replicas {:.0f}/s ({:.2f}x)\n",
      g.writers, g.duration, g.rounds, base, factdesk::bench::Median(one),
      factdesk::bench::Median(one) / base, factdesk::bench::Median(three),
      factdesk::bench::Median(three) / base);
}

void RunFailovers(const cluster::Desk& desk) {
  std::vector<double> silences;
  int missing = 0;
  int duplicates = 0;
  for (int i = 0; i < g.failovers; ++i) {
    const Failover f = MeasureFailover(desk);
    silences.push_back(f.silence);
    missing += f.missing;
    duplicates += f.duplicates;
    std::cout << fmt::format(
                     "failover {}: no write succeeded for {:.1f} s; missing {}, copies {}\n", i + 1,
                     f.silence, f.missing, f.duplicates)
              << std::flush;
  }
  std::sort(silences.begin(), silences.end());
  std::cout << fmt::format(
      "failover (median of {}): {:.1f} s without a primary as writers saw it (min {:.1f}, max "
      "{:.1f}); acknowledged writes lost: {}; copies from retries: {}\n",
      g.failovers, factdesk::bench::Median(silences), silences.front(), silences.back(), missing,
      duplicates);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cluster_bench: failover and throughput of deploy/'s topology"};
  app.add_option("--failovers", g.failovers, "Primary machines killed (default 5)");
  app.add_option("--writers", g.writers, "Concurrent writers (default 10)");
  app.add_option("--duration", g.duration, "Seconds per throughput measurement (default 20)");
  app.add_option("--rounds", g.rounds, "Throughput rounds (default 2)");
  app.add_option("--port", g.port, "First port of the cluster (default 27600)");
  app.add_option("--dir", g.dir, "The cluster's directory (default /tmp/fdcluster-bench)");
  app.add_option("--server", g.server_bin, "factdesk-server binary");
  CLI11_PARSE(app, argc, argv);
  std::cout << factdesk::bench::MachineDescription() << "\nload " << factdesk::bench::LoadAverage()
            << "\n";
  int rc = 0;
  try {
    Cluster({"destroy"});
    Cluster({"start"});
    const cluster::Desk desk =
        cluster::PrepareDesk(g.server_bin, DatabaseUrl(), Address(50), "bench");
    RunThroughput(desk);
    RunFailovers(desk);
  } catch (const std::exception& e) {
    std::cerr << "cluster_bench: " << e.what() << "\n";
    rc = 1;
  }
  Cluster({"destroy"});
  std::cout << "load " << factdesk::bench::LoadAverage() << "\n";
  return rc;
}
