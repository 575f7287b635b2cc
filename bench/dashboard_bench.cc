// dashboard_bench: GetDashboard over gRPC on a workspace with 10,000 claims, as a ratio
// against raw PostgreSQL measured in the same run.
//
// The workspace holds the three debates (imported through the server) and --claims
// claims written straight into the tables with set-based SQL (fast, deterministic): a
// mix of every status (30% OPEN, 25% IN_REVIEW, 3% DISPUTED with an open dispute each,
// 22% RESOLVED, 14% PUBLISHED, 6% DISMISSED), final verdicts from the default rating
// scale, 1-2 of 8 checkers assigned, 1-3 reviews on reviewed claims, 1-3 sources on most
// claims (some removed), notes, closed disputes, the debates' speakers as claimants.
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
#include <filesystem>
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
#include "factdesk/v1/dashboard.grpc.pb.h"
#include "factdesk/v1/transcript.grpc.pb.h"
#include "server/admin.h"
#include "server/server.h"
#include "server/store/connection_pool.h"
#include "server/store/dashboard_store.h"
#include "server/store/statement.h"
#include "tests/support/test_server.h"

namespace {

namespace fs = std::filesystem;
namespace bench = factdesk::bench;
namespace v1 = factdesk::v1;
using bench::Clock;

using bench::Must;

// The claims, reviews, sources, notes and disputes, in one transaction. `ws` and `n` are
// integers formatted by this program (no outside input reaches the SQL).
void Seed(bench::PgConn& conn, std::int64_t ws, std::int64_t editor, int n) {
  const std::string w = std::to_string(ws);
  const std::string e = std::to_string(editor);
  conn.Exec("BEGIN");
  conn.Exec("SELECT setseed(0.42)");
  conn.Exec(
      "CREATE TEMP TABLE ck ON COMMIT DROP AS SELECT array_agg(u.id ORDER BY u.handle) AS ids "
      "FROM users u JOIN memberships m ON m.user_id = u.id "
      "WHERE m.workspace_id = " +
      w + " AND m.role = 'checker'");
  conn.Exec(
      "CREATE TEMP TABLE labels ON COMMIT DROP AS SELECT * FROM (VALUES "
      "(1, 'True', true, 5.0), (2, 'Mostly true', true, 4.0), (3, 'Half true', true, 3.0), "
      "(4, 'Mostly false', true, 2.0), (5, 'False', true, 1.0), "
      "(6, 'Unverifiable', false, NULL), (7, 'Needs context', false, NULL)) "
      "AS v(n, label, ordered, value)");
  conn.Exec(
      "CREATE TEMP TABLE seg ON COMMIT DROP AS SELECT s.id, s.transcript_id, s.text, "
      "coalesce(sp.name, '') AS speaker, row_number() OVER (ORDER BY s.id) - 1 AS rn "
      "FROM segments s LEFT JOIN speakers sp ON sp.id = s.speaker_id "
      "WHERE s.workspace_id = " +
      w + " AND s.kind = 'speech' AND octet_length(s.text) >= 24");
  // Status by (i * 37) % 100, so statuses do not follow the transcript order.
  conn.Exec(
      "CREATE TEMP TABLE plan ON COMMIT DROP AS SELECT i, "
      "  CASE WHEN b < 30 THEN 'OPEN' WHEN b < 55 THEN 'IN_REVIEW' WHEN b < 58 THEN 'DISPUTED' "
      "       WHEN b < 80 THEN 'RESOLVED' WHEN b < 94 THEN 'PUBLISHED' ELSE 'DISMISSED' END "
      "    AS status, "
      "  CASE WHEN r < 0.15 THEN 1 WHEN r < 0.30 THEN 2 WHEN r < 0.50 THEN 3 WHEN r < 0.70 "
      "       THEN 4 WHEN r < 0.90 THEN 5 WHEN r < 0.95 THEN 6 ELSE 7 END AS label_n, "
      "  now() - random() * interval '30 days' AS created_at, "
      "  interval '10 minutes' + random() * interval '72 hours' AS to_resolve "
      "FROM (SELECT i, (i * 37) % 100 AS b, random() AS r "
      "      FROM generate_series(0, " +
      std::to_string(n - 1) + ") i) x");
  conn.Exec(
      "INSERT INTO claims (workspace_id, transcript_id, segment_id, start_byte, end_byte, "
      "  quote, prefix, suffix, summary, claimant, status, dismiss_reason, verdict_label, "
      "  verdict_ordered, verdict_value, verdict_best, verdict_worst, version, created_by, "
      "  created_at, updated_at, resolved_at, published_at) "
      "SELECT " +
      w +
      ", seg.transcript_id, seg.id, 0, octet_length(left(seg.text, 24)), left(seg.text, 24), "
      "  '', substr(seg.text, 25, 32), left(seg.text, 200), seg.speaker, p.status, "
      "  CASE WHEN p.status = 'DISMISSED' THEN 'OPINION' END, "
      "  CASE WHEN d THEN l.label END, CASE WHEN d THEN l.ordered END, "
      "  CASE WHEN d THEN l.value END, CASE WHEN d THEN 5.0 END, CASE WHEN d THEN 1.0 END, "
      "  1 + p.i % 5, ck.ids[1 + p.i % 8], p.created_at, p.created_at + p.to_resolve, "
      "  CASE WHEN d THEN p.created_at + p.to_resolve END, "
      "  CASE WHEN p.status = 'PUBLISHED' THEN p.created_at + p.to_resolve + interval '1 hour' "
      "  END "
      "FROM (SELECT *, status IN ('RESOLVED', 'PUBLISHED') AS d FROM plan) p "
      "JOIN seg ON seg.rn = p.i % (SELECT count(*) FROM seg) "
      "JOIN labels l ON l.n = p.label_n CROSS JOIN ck ORDER BY p.i");
  const std::string scope = " c.workspace_id = " + w + " ";
  conn.Exec(
      "INSERT INTO claim_assignees (claim_id, user_id, workspace_id, assigned_by) "
      "SELECT c.id, ck.ids[1 + (c.id + k * 3) % 8], c.workspace_id, " +
      e + " FROM claims c CROSS JOIN ck CROSS JOIN generate_series(0, 1) k WHERE" + scope +
      "AND c.status NOT IN ('OPEN', 'DISMISSED') AND (k = 0 OR c.id % 3 = 0)");
  conn.Exec(
      "INSERT INTO reviews (workspace_id, claim_id, reviewer_id, verdict_label, verdict_ordered, "
      "  verdict_value, verdict_best, verdict_worst, rationale, confidence, submitted_at) "
      "SELECT c.workspace_id, c.id, ck.ids[1 + (c.id + k * 5) % 8], l.label, l.ordered, "
      "  l.value, 5.0, 1.0, 'Checked against the cited sources and the full transcript.', "
      "  (ARRAY['LOW', 'MEDIUM', 'HIGH'])[1 + (c.id + k) % 3], "
      "  c.created_at + (k + 1) * interval '20 minutes' "
      "FROM claims c CROSS JOIN ck CROSS JOIN generate_series(0, 2) k "
      "LEFT JOIN labels fl ON fl.label = c.verdict_label "
      "JOIN labels l ON l.n = coalesce(fl.n, 1 + (c.id + k) % 7) WHERE" +
      scope +
      "AND ((c.status = 'IN_REVIEW' AND k = 0 AND c.id % 2 = 0) OR c.status = 'DISPUTED' "
      "  OR (c.status IN ('RESOLVED', 'PUBLISHED') AND k < 2 + c.id % 2))");
  conn.Exec(
      "INSERT INTO sources (workspace_id, claim_id, url, title, publisher, excerpt, stance, "
      "  is_primary, added_by, added_at, removed_by, removed_at) "
      "SELECT c.workspace_id, c.id, 'https://example.org/evidence/' || c.id || '/' || k, "
      "  'Evidence ' || k || ' for claim ' || c.id, 'Example Agency', "
      "  'The passage of the source that bears on the claim.', "
      "  (ARRAY['SUPPORTS', 'REFUTES', 'CONTEXT'])[1 + (c.id + k) % 3], k = 0, "
      "  ck.ids[1 + c.id % 8], c.created_at + interval '5 minutes', "
      "  CASE WHEN (c.id + k) % 20 = 0 THEN ck.ids[1] END, "
      "  CASE WHEN (c.id + k) % 20 = 0 THEN c.created_at + interval '1 hour' END "
      "FROM claims c CROSS JOIN ck CROSS JOIN generate_series(0, 2) k WHERE" +
      scope + "AND c.id % 10 <> 0 AND NOT (c.status = 'OPEN' AND c.id % 2 = 0) AND k <= c.id % 3");
  conn.Exec(
      "INSERT INTO notes (workspace_id, claim_id, body, author_id, created_at) "
      "SELECT c.workspace_id, c.id, 'Looked at the context in the transcript; see the sources.', "
      "  ck.ids[1 + (c.id + 1) % 8], c.created_at + interval '30 minutes' "
      "FROM claims c CROSS JOIN ck WHERE" +
      scope + "AND c.id % 3 = 0");
  conn.Exec(
      "INSERT INTO disputes (workspace_id, claim_id, status, opened_at) "
      "SELECT c.workspace_id, c.id, 'OPEN', c.created_at + interval '1 hour' FROM claims c "
      "WHERE" +
      scope + "AND c.status = 'DISPUTED'");
  conn.Exec(
      "INSERT INTO disputes (workspace_id, claim_id, status, opened_at, closed_at, resolution, "
      "  decided_by, verdict_label, verdict_ordered, verdict_value, verdict_best, verdict_worst, "
      "  reasoning) "
      "SELECT c.workspace_id, c.id, 'CLOSED', c.created_at + interval '1 hour', c.resolved_at, "
      "  'EDITOR_DECISION', " +
      e +
      ", c.verdict_label, c.verdict_ordered, c.verdict_value, 5.0, 1.0, "
      "  'Decided on the primary source.' FROM claims c WHERE" +
      scope + "AND c.status IN ('RESOLVED', 'PUBLISHED') AND c.id % 5 = 0");
  conn.Exec(
      "UPDATE workspaces SET last_seq = last_seq + (SELECT count(*) FROM claims) + "
      "(SELECT count(*) FROM reviews) + (SELECT count(*) FROM sources) + "
      "(SELECT count(*) FROM notes) WHERE id = " +
      w);
  conn.Exec("COMMIT");
  conn.Exec("VACUUM ANALYZE");
}

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
  int claims = 10000;
  int reps = 20;
  bool fsync = false;
  std::string debates_dir = std::string(FACTDESK_SHARED_DIR) + "/data/debates";
  app.add_option("--claims", claims, "Claims in the workspace (10000)")
      ->check(CLI::Range(100, 1000000));
  app.add_option("--reps", reps, "Timed repetitions of each, interleaved (20)")
      ->check(CLI::Range(1, 1000));
  app.add_flag("--fsync", fsync, "Run PostgreSQL with fsync on (default off)");
  app.add_option("--debates", debates_dir, "Directory of the debate .tsv files");
  CLI11_PARSE(app, argc, argv);
  // The in-process server logs a line per request, as in production: to stderr here, so
  // the results on stdout stay readable.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("server"));

  bench::ScratchDir dir;
  auto pg = bench::StartPostgres(dir.path(), fsync);
  const std::string url = pg->Url();
  bench::BenchServer bs = bench::StartServer(url);
  auto& server = bs.server;
  factdesk::store::Db& db = *bs.db;

  // People: an admin who owns the workspace, an editor, eight checkers.
  Must(factdesk::server::AdminCreateUser(db, "admin", "Desk Admin", false));
  Must(factdesk::server::AdminCreateWorkspace(db, "debates", "Debate night", "admin", false));
  Must(factdesk::server::AdminCreateUser(db, "editor", "Eda Editor", false));
  Must(factdesk::server::AdminAddMember(db, "debates", "editor", "editor"));
  for (int i = 1; i <= 8; ++i) {
    const std::string handle = fmt::format("checker{}", i);
    Must(factdesk::server::AdminCreateUser(db, handle, fmt::format("Checker {}", i), false));
    Must(factdesk::server::AdminAddMember(db, "debates", handle, "checker"));
  }
  const std::string token = Must(factdesk::server::AdminIssueToken(db, "checker1"));
  bench::PgConn conn(url);
  const auto ws = std::stoll(conn.Value("SELECT id FROM workspaces WHERE slug = 'debates'"));
  const auto editor = std::stoll(conn.Value("SELECT id FROM users WHERE handle = 'editor'"));

  grpc::ChannelArguments args;
  args.SetMaxSendMessageSize(64 << 20);
  args.SetMaxReceiveMessageSize(64 << 20);
  auto channel = grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(server->port()),
                                           grpc::InsecureChannelCredentials(), args);
  auto transcripts = v1::TranscriptService::NewStub(channel);
  auto dashboards = v1::DashboardService::NewStub(channel);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(debates_dir)) {
    if (entry.path().extension() == ".tsv") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::int64_t first_transcript = 0;
  for (const auto& file : files) {
    v1::ImportTranscriptRequest req;
    req.set_workspace_id(ws);
    req.set_filename(file.filename().string());
    req.set_content(factdesk::testing::ReadFile(file.string()));
    v1::ImportTranscriptResponse resp;
    const auto status =
        transcripts->ImportTranscript(factdesk::testing::Ctx(token).get(), req, &resp);
    if (!status.ok()) throw std::runtime_error("import: " + status.error_message());
    if (first_transcript == 0) first_transcript = resp.transcript().id();
  }
  const auto seed_start = Clock::now();
  Seed(conn, ws, editor, claims);
  const double seed_s = bench::Seconds(Clock::now() - seed_start);

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
      files.size(), whole.total_claims(), seed_s, conn.Value("SELECT count(*) FROM reviews"),
      conn.Value("SELECT count(*) FROM sources"), conn.Value("SELECT count(*) FROM notes"),
      whole.open_disputes_size(),
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
