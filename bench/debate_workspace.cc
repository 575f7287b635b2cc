#include "bench/debate_workspace.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "bench/bench_support.h"
#include "factdesk/v1/transcript.grpc.pb.h"
#include "server/admin.h"
#include "tests/support/test_server.h"

namespace factdesk::bench {
namespace {

namespace fs = std::filesystem;

// The claims, reviews, sources, notes and disputes, in one transaction. `ws` and `n` are
// integers formatted by this program (no outside input reaches the SQL).
void SeedClaims(PgConn& conn, std::int64_t ws, std::int64_t editor, int n) {
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
      "UPDATE workspace_seqs SET last_seq = last_seq + (SELECT count(*) FROM claims) + "
      "(SELECT count(*) FROM reviews) + (SELECT count(*) FROM sources) + "
      "(SELECT count(*) FROM notes) WHERE workspace_id = " +
      w);
  conn.Exec("COMMIT");
  conn.Exec("VACUUM ANALYZE");
}

// Admin, editor and eight checkers in the workspace "debates"; returns checker1's token.
std::string AddPeople(store::Db& db) {
  Must(server::AdminCreateUser(db, "admin", "Desk Admin", false));
  Must(server::AdminCreateWorkspace(db, "debates", "Debate night", "admin", false));
  Must(server::AdminCreateUser(db, "editor", "Eda Editor", false));
  Must(server::AdminAddMember(db, "debates", "editor", "editor"));
  for (int i = 1; i <= 8; ++i) {
    const std::string handle = fmt::format("checker{}", i);
    Must(server::AdminCreateUser(db, handle, fmt::format("Checker {}", i), false));
    Must(server::AdminAddMember(db, "debates", handle, "checker"));
  }
  return Must(server::AdminIssueToken(db, "checker1"));
}

// Imports every .tsv and .vtt file of the directory, in name order; fills the transcript
// counts.
void ImportDebates(const std::shared_ptr<grpc::Channel>& channel, const std::string& debates_dir,
                   DebateWorkspace& ws) {
  auto transcripts = v1::TranscriptService::NewStub(channel);
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(debates_dir)) {
    const auto extension = entry.path().extension();
    if (extension == ".tsv" || extension == ".vtt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    v1::ImportTranscriptRequest req;
    req.set_workspace_id(ws.id);
    req.set_filename(file.filename().string());
    req.set_content(testing::ReadFile(file.string()));
    v1::ImportTranscriptResponse resp;
    const auto status = transcripts->ImportTranscript(testing::Ctx(ws.token).get(), req, &resp);
    if (!status.ok()) throw std::runtime_error("import: " + status.error_message());
    if (ws.first_transcript == 0) ws.first_transcript = resp.transcript().id();
    ++ws.transcripts;
  }
}

}  // namespace

DebateWorkspace MakeDebateWorkspace(store::Db& db, const std::string& database_url,
                                    const std::shared_ptr<grpc::Channel>& channel,
                                    const std::string& debates_dir, int claims) {
  DebateWorkspace ws;
  ws.token = AddPeople(db);
  PgConn conn(database_url);
  ws.id = std::stoll(conn.Value("SELECT id FROM workspaces WHERE slug = 'debates'"));
  const auto editor = std::stoll(conn.Value("SELECT id FROM users WHERE handle = 'editor'"));
  conn.Exec(
      "UPDATE workspaces SET publisher_name = 'Bench Desk', publisher_url = "
      "'https://bench.example/', claim_url_prefix = 'https://bench.example/checks/' WHERE id = " +
      std::to_string(ws.id));
  ImportDebates(channel, debates_dir, ws);
  const auto seed_start = Clock::now();
  SeedClaims(conn, ws.id, editor, claims);
  ws.seed_seconds = Seconds(Clock::now() - seed_start);
  return ws;
}

void AddDebateBenchOptions(CLI::App& app, DebateBenchOptions& options) {
  options.debates_dir = std::string(FACTDESK_SHARED_DIR) + "/data/debates";
  app.add_option("--claims", options.claims,
                 fmt::format("Claims in the workspace ({})", options.claims))
      ->check(CLI::Range(100, 1000000));
  app.add_option("--reps", options.reps,
                 fmt::format("Timed repetitions of each, interleaved ({})", options.reps))
      ->check(CLI::Range(1, 1000));
  app.add_flag("--fsync", options.fsync, "Run PostgreSQL with fsync on (default off)");
  app.add_option("--debates", options.debates_dir, "Directory of the debate .tsv files");
}

std::unique_ptr<DebateBench> StartDebateBench(const DebateBenchOptions& options) {
  auto bench = std::make_unique<DebateBench>();
  bench->pg = StartPostgres(bench->dir.path(), options.fsync);
  bench->url = bench->pg->Url();
  bench->server = StartServer(bench->url);
  grpc::ChannelArguments args;
  args.SetMaxSendMessageSize(64 << 20);
  args.SetMaxReceiveMessageSize(64 << 20);
  bench->channel =
      grpc::CreateCustomChannel("127.0.0.1:" + std::to_string(bench->server.server->port()),
                                grpc::InsecureChannelCredentials(), args);
  bench->workspace = MakeDebateWorkspace(*bench->server.db, bench->url, bench->channel,
                                         options.debates_dir, options.claims);
  return bench;
}

}  // namespace factdesk::bench
