// dashboard_bench: GetDashboard over gRPC on a workspace with 10,000 claims, as a ratio
// against raw PostgreSQL measured in the same run.
//
// The workspace holds the three debates (imported through the server) and --claims
// claims written straight into the tables with set-based SQL (bench/debate_workspace.h).
// Then, interleaved, --reps times each:
//   factdesk   GetDashboard(workspace) over loopback gRPC to an in-process server
//              (authentication, membership check, nine queries in one REPEATABLE READ
//              snapshot, mapping to protobuf, serialization);
//   same SQL   the dashboard's own nine statements (store::DashboardStatements(),
//              prepared once) in one REPEATABLE READ READ ONLY transaction via libpq,
//              every value read: what PostgreSQL alone needs for the same figures;
//   count(*)   one `SELECT count(*) FROM claims WHERE workspace_id = $1` round trip:
//              the floor of any request that touches the claims.
// and the same for one transcript's dashboard. Medians, and their ratios, are printed.
#include <algorithm>
#include <cstring>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <grpcpp/grpcpp.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "bench/bench_support.h"
#include "bench/debate_workspace.h"
#include "factdesk/v1/dashboard.grpc.pb.h"
#include "server/server.h"
#include "server/store/connection_pool.h"
#include "server/store/dashboard_store.h"
#include "server/store/statement.h"
#include "tests/support/test_server.h"

namespace {

namespace bench = factdesk::bench;
namespace v1 = factdesk::v1;
using bench::Clock;

// The dashboard's own statements on a plain libpq connection.
class RawDashboard {
 public:
  explicit RawDashboard(const std::string& url) : conn_(url) {
    for (const auto& s : factdesk::store::DashboardStatements()) {
      const int params = std::strstr(s.sql, "$2") != nullptr ? 2 : 1;
      PGresult* res = PQprepare(conn_.get(), s.name, s.sql, params, nullptr);
      const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
      PQclear(res);
      if (!ok) throw std::runtime_error(std::string("prepare ") + s.name);
      statements_.push_back({s.name, params});
    }
    PGresult* res = PQprepare(conn_.get(), "count",
                              "SELECT count(*) FROM claims WHERE workspace_id = $1", 1, nullptr);
    PQclear(res);
  }

  // Milliseconds for the whole transaction; `per_statement` gets each statement's.
  double Run(std::int64_t ws, std::int64_t transcript,
             std::map<std::string, std::vector<double>>* per_statement) {
    const std::string w = std::to_string(ws);
    const std::string t = std::to_string(transcript);
    const char* values[] = {w.c_str(), t.c_str()};
    const auto start = Clock::now();
    Simple("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    for (const auto& [name, params] : statements_) {
      const auto s0 = Clock::now();
      PGresult* res = PQexecPrepared(conn_.get(), name, params, values, nullptr, nullptr, 0);
      if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        PQclear(res);
        throw std::runtime_error(std::string(name) + ": " + PQerrorMessage(conn_.get()));
      }
      for (int r = 0; r < PQntuples(res); ++r) {
        for (int c = 0; c < PQnfields(res); ++c) sink_ += PQgetlength(res, r, c);
      }
      PQclear(res);
      if (per_statement != nullptr)
        (*per_statement)[name].push_back(bench::Millis(Clock::now() - s0));
    }
    Simple("COMMIT");
    return bench::Millis(Clock::now() - start);
  }

  double Count(std::int64_t ws) {
    const std::string w = std::to_string(ws);
    const char* values[] = {w.c_str()};
    const auto start = Clock::now();
    PGresult* res = PQexecPrepared(conn_.get(), "count", 1, values, nullptr, nullptr, 0);
    if (PQresultStatus(res) != PGRES_TUPLES_OK) throw std::runtime_error("count failed");
    sink_ += std::strtoll(PQgetvalue(res, 0, 0), nullptr, 10);
    PQclear(res);
    return bench::Millis(Clock::now() - start);
  }

 private:
  void Simple(const char* sql) {
    PGresult* res = PQexec(conn_.get(), sql);
    PQclear(res);
  }

  bench::PgConn conn_;
  std::vector<std::pair<const char*, int>> statements_;
  std::int64_t sink_ = 0;
};

int Main(int argc, char** argv) {
  CLI::App app{"dashboard_bench: GetDashboard on a 10,000-claim workspace vs raw PostgreSQL"};
  bench::DebateBenchOptions options;
  options.reps = 20;
  bench::AddDebateBenchOptions(app, options);
  CLI11_PARSE(app, argc, argv);
  // The in-process server logs a line per request, as in production: to stderr here, so
  // the results on stdout stay readable.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("server"));

  const auto run = bench::StartDebateBench(options);
  const std::string& url = run->url;
  bench::PgConn conn(url);
  auto& server = run->server.server;
  const auto& channel = run->channel;
  const int claims = options.claims;
  const int reps = options.reps;
  auto dashboards = v1::DashboardService::NewStub(channel);
  const bench::DebateWorkspace& workspace = run->workspace;
  const std::int64_t ws = workspace.id;
  const std::string& token = workspace.token;
  const std::int64_t first_transcript = workspace.first_transcript;
  const double seed_s = workspace.seed_seconds;

  auto get_dashboard = [&](std::int64_t transcript, v1::Dashboard* out) {
    v1::GetDashboardRequest req;
    req.set_workspace_id(ws);
    req.set_transcript_id(transcript);
    const auto start = Clock::now();
    const auto status = dashboards->GetDashboard(factdesk::testing::Ctx(token).get(), req, out);
    const double ms = bench::Millis(Clock::now() - start);
    if (!status.ok()) throw std::runtime_error("GetDashboard: " + status.error_message());
    return ms;
  };

  v1::Dashboard whole;
  get_dashboard(0, &whole);
  std::cout << "dashboard_bench: " << bench::MachineDescription() << "\n"
            << "PostgreSQL: " << conn.Value("SHOW server_version") << ", fsync "
            << conn.Value("SHOW fsync") << "\n";
  std::cout << fmt::format(
      "workspace: {} transcripts, {} claims (seeded in {:.1f} s), {} reviews, {} sources, {} "
      "notes, {} open and {} closed disputes, {} checkers, {} claimants, {} resolved; dashboard "
      "message {} bytes\n",
      workspace.transcripts, whole.total_claims(), seed_s,
      conn.Value("SELECT count(*) FROM reviews"), conn.Value("SELECT count(*) FROM sources"),
      conn.Value("SELECT count(*) FROM notes"), whole.open_disputes_size(),
      conn.Value("SELECT count(*) FROM disputes WHERE status = 'CLOSED'"), whole.checkers_size(),
      whole.speakers_size(), whole.resolved_claims(), whole.ByteSizeLong());
  std::cout << "by status:";
  for (const auto& s : whole.by_status()) {
    std::cout << " " << v1::ClaimStatus_Name(s.status()).substr(13) << "=" << s.count();
  }
  std::cout << "; without source: " << whole.claims_without_source() << "\n";
  if (whole.total_claims() != claims) throw std::runtime_error("the dashboard miscounts claims");

  RawDashboard raw(url);
  struct Scope {
    const char* name;
    std::int64_t transcript;
    int claims = 0;
    std::vector<double> fd, sql, count;
    std::map<std::string, std::vector<double>> per_statement;
  };
  std::vector<Scope> scopes = {{"whole workspace", 0, 0, {}, {}, {}, {}},
                               {"one transcript", first_transcript, 0, {}, {}, {}, {}}};
  constexpr int kWarmUp = 3;
  for (int i = 0; i < kWarmUp + reps; ++i) {
    for (auto& scope : scopes) {
      v1::Dashboard d;
      // Rotate the order so no measurement always runs first (or last).
      double times[3] = {0, 0, 0};
      for (int k = 0; k < 3; ++k) {
        switch ((i + k) % 3) {
          case 0:
            times[0] = get_dashboard(scope.transcript, &d);
            break;
          case 1:
            times[1] = raw.Run(ws, scope.transcript, i >= kWarmUp ? &scope.per_statement : nullptr);
            break;
          default:
            times[2] = raw.Count(ws);
        }
      }
      scope.claims = d.total_claims();
      if (i < kWarmUp) continue;
      scope.fd.push_back(times[0]);
      scope.sql.push_back(times[1]);
      scope.count.push_back(times[2]);
    }
  }

  std::cout << fmt::format("\nmedians of {} interleaved repetitions (after {} warm-up):\n", reps,
                           kWarmUp);
  std::cout << fmt::format("{:<30} {:>14} {:>12} {:>12} {:>16} {:>16}\n", "dashboard",
                           "GetDashboard", "same SQL", "count(*)", "GetDashboard /",
                           "GetDashboard /");
  std::cout << fmt::format("{:<30} {:>14} {:>12} {:>12} {:>16} {:>16}\n", "", "ms (gRPC)",
                           "ms (libpq)", "ms (libpq)", "same SQL", "count(*)");
  for (const auto& s : scopes) {
    const double fd = bench::Median(s.fd);
    const double sql = bench::Median(s.sql);
    const double count = bench::Median(s.count);
    std::cout << fmt::format("{:<30} {:>14.2f} {:>12.2f} {:>12.3f} {:>16.2f} {:>16.1f}\n",
                             fmt::format("{} ({} claims)", s.name, s.claims), fd, sql, count,
                             fd / sql, fd / count);
  }
  std::cout << "\nthe dashboard's statements, median ms each (whole workspace):\n";
  std::vector<std::pair<double, std::string>> stmts;
  for (const auto& [name, times] : scopes[0].per_statement) {
    stmts.emplace_back(bench::Median(times), name);
  }
  std::sort(stmts.rbegin(), stmts.rend());
  for (const auto& [ms, name] : stmts) std::cout << fmt::format("  {:<28} {:>8.3f}\n", name, ms);
  std::cout << "load average at the end: " << bench::LoadAverage() << "\n";
  server->Shutdown();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return factdesk::bench::RunTool("dashboard_bench", Main, argc, argv);
}
