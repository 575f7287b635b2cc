// archive_server_eval: issue 15's "checked before?" figures measured through the product.
//
// The tool starts the project's embedded PostgreSQL (in /tmp/fdb-XXXXXX) and the real
// factdesk-server binary on it, makes an owner, a checker and two workspaces with the
// admin code, and then:
//   quality  writes the 10,373 verified claims of ../shared/data/claim-retrieval-2020 as a
//            ClaimReview DataFeed, imports it with the real `factdesk archive import`
//            (timed), and sends every tweet through MatchChecks over gRPC, the RPC
//            `factdesk match` calls. MAP@1, MAP@5 and recall@5 on the held-out tweets (id
//            divisible by 5) and the tuning ones, beside the same figures for the
//            in-process index (archive/tools/retrieval_eval.h, as eval_matching computes
//            them) and the plain BM25 baseline; tweets whose top 5 differ from the
//            in-process one are counted (there should be none).
//   scale    the claims copied `--copies` times (10: about 100,000 checks) imported into a
//            second workspace (throughput, server RSS before and after, and after the
//            first match, which builds the workspace's index), then every tweet through
//            MatchChecks for `--rounds` rounds against the in-process index's search of the
//            same checks in the same run: p50 and p99 per round, medians of the rounds.
// Import baseline: the same rows COPY'd with libpq into a scratch table of the same
// database (url primary key, as the archive keys checks by url), in the same run.
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <grpcpp/grpcpp.h>
#include <nlohmann/json.hpp>

#include "archive/claimreview_reader.h"
#include "archive/tools/claim_retrieval_data.h"
#include "archive/tools/retrieval_eval.h"
#include "bench/bench_support.h"
#include "bench/server_process.h"
#include "factdesk/v1/archive.grpc.pb.h"
#include "server/admin.h"
#include "server/store/migrations.h"
#include "tests/support/process.h"
#include "tests/support/test_server.h"

namespace {

namespace archive = factdesk::archive;
namespace bench = factdesk::bench;
namespace v1 = factdesk::v1;
using bench::Clock;

struct Options {
  std::string data = std::string(FACTDESK_SHARED_DIR) + "/data/claim-retrieval-2020";
  int copies = 10;
  int rounds = 3;
  bool fsync = false;
  std::string server_bin = FACTDESK_SERVER_BIN;
  std::string cli_bin = FACTDESK_CLI_BIN;
};

// The database, the checker's token and the two workspaces' ids.
struct Desk {
  std::string url;
  std::string token;
  std::int64_t quality = 0;
  std::int64_t scale = 0;
};

Desk Setup(const std::string& url) {
  auto migrated = factdesk::store::Migrate(url);
  if (!migrated.ok()) throw std::runtime_error("migrate: " + migrated.status().message());
  factdesk::store::ConnectionPool pool({url, 2, std::chrono::milliseconds(5000)},
                                       factdesk::store::AllStatements());
  factdesk::store::Db db(pool);
  namespace admin = factdesk::server;
  bench::Must(admin::AdminCreateUser(db, "owner", "Desk Owner", false));
  bench::Must(admin::AdminCreateUser(db, "checker", "Archive Checker", false));
  for (const char* slug : {"quality", "scale"}) {
    bench::Must(admin::AdminCreateWorkspace(db, slug, slug, "owner", false));
    bench::Must(admin::AdminAddMember(db, slug, "checker", "checker"));
  }
  Desk desk;
  desk.url = url;
  desk.token = bench::Must(admin::AdminIssueToken(db, "checker"));
  bench::PgConn conn(url);
  const auto id = [&](const char* slug) {
    return std::stoll(conn.Value("SELECT id FROM workspaces WHERE slug = $1", {slug}));
  };
  desk.quality = id("quality");
  desk.scale = id("scale");
  return desk;
}

// ---------------------------------------------------------------------------------------
// Import: the CLI against COPY

struct Import {
  double seconds = 0;
  std::int64_t created = 0;
  std::int64_t malformed = 0;
};

// `factdesk archive import FILE -w SLUG --json` as the checker, timed from start to exit.
Import CliImport(const Options& o, const bench::ServerProcess& server, const Desk& desk,
                 const std::string& file, const std::string& slug) {
  factdesk::testing::ProcessOptions p;
  p.argv = {o.cli_bin, "archive", "import", file, "-w", slug, "--json"};
  p.env = {{"FACTDESK_SERVER", server.address()}, {"FACTDESK_TOKEN", desk.token}};
  p.unset_env = {"FACTDESK_CA"};
  const auto start = Clock::now();
  const auto r = factdesk::testing::RunProcess(p, std::chrono::hours(1));
  Import out;
  out.seconds = bench::Seconds(Clock::now() - start);
  if (r.exit_code != 0) throw std::runtime_error("archive import: " + r.err + r.out);
  const auto json = nlohmann::json::parse(r.out);
  out.created = json.at("created").get<std::int64_t>();
  out.malformed = json.at("malformed").get<std::int64_t>();
  return out;
}

// COPY's text format: backslash, tab and line breaks escaped.
void AppendCopyField(std::string& row, const std::string& text) {
  for (const char c : text) {
    switch (c) {
      case '\\':
        row += "\\\\";
        break;
      case '\t':
        row += "\\t";
        break;
      case '\n':
        row += "\\n";
        break;
      case '\r':
        row += "\\r";
        break;
      default:
        row += c;
    }
  }
}

// The checks as the archive reads them, one COPY row each (url, claim, headline, author).
std::string CopyRows(const std::string& feed, std::int64_t& count) {
  std::istringstream in(feed);
  std::string rows;
  const auto read = archive::ReadClaimReviews(in, [&](archive::ArchivedCheck c) {
    for (const std::string* field : {&c.url, &c.claim_reviewed, &c.headline}) {
      AppendCopyField(rows, *field);
      rows += '\t';
    }
    AppendCopyField(rows, c.author_name);
    rows += '\n';
    ++count;
    return factdesk::Status::Ok();
  });
  if (!read.ok()) throw std::runtime_error("feed: " + read.status().message());
  return rows;
}

void PutCopy(bench::PgConn& conn, const std::string& table, const std::string& rows) {
  PGresult* res = PQexec(conn.get(), fmt::format("COPY {} FROM STDIN", table).c_str());
  const bool copying = PQresultStatus(res) == PGRES_COPY_IN;
  PQclear(res);
  if (!copying) throw std::runtime_error(std::string("COPY: ") + PQerrorMessage(conn.get()));
  if (PQputCopyData(conn.get(), rows.data(), static_cast<int>(rows.size())) != 1 ||
      PQputCopyEnd(conn.get(), nullptr) != 1) {
    throw std::runtime_error(std::string("COPY data: ") + PQerrorMessage(conn.get()));
  }
  res = PQgetResult(conn.get());
  const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  while ((res = PQgetResult(conn.get())) != nullptr) PQclear(res);
  if (!ok) throw std::runtime_error(std::string("COPY: ") + PQerrorMessage(conn.get()));
}

// Seconds to COPY the feed's rows into a fresh scratch table (the rows are made first).
Import CopyImport(const std::string& url, const std::string& feed, const std::string& table) {
  bench::PgConn conn(url);
  conn.Exec(fmt::format(
      "CREATE TABLE {} (url text PRIMARY KEY, claim_reviewed text NOT NULL, headline text NOT "
      "NULL, author_name text NOT NULL)",
      table));
  Import out;
  const std::string rows = CopyRows(feed, out.created);
  const auto start = Clock::now();
  PutCopy(conn, table, rows);
  out.seconds = bench::Seconds(Clock::now() - start);
  return out;
}

// ---------------------------------------------------------------------------------------
// Matching over gRPC

class Matcher {
 public:
  Matcher(const bench::ServerProcess& server, std::string token, std::int64_t workspace)
      : stub_(v1::ArchiveService::NewStub(
            grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials()))),
        token_(std::move(token)),
        workspace_(workspace) {}

  // The server's top 5 for the text, as verified claim ids; throws when the RPC fails.
  std::vector<std::int64_t> TopFive(const std::string& text) const {
    v1::MatchChecksRequest req;
    req.set_workspace_id(workspace_);
    req.set_text(text);
    req.set_limit(5);
    v1::MatchChecksResponse resp;
    const grpc::Status status =
        stub_->MatchChecks(factdesk::testing::Ctx(token_).get(), req, &resp);
    if (!status.ok()) throw std::runtime_error("MatchChecks: " + status.error_message());
    std::vector<std::int64_t> ids;
    for (const v1::CheckMatch& m : resp.matches()) {
      ids.push_back(archive::ClaimIdOfUrl(m.check().url()));
    }
    return ids;
  }

 private:
  std::unique_ptr<v1::ArchiveService::Stub> stub_;
  std::string token_;
  std::int64_t workspace_;
};

// ---------------------------------------------------------------------------------------
// Quality

struct SplitScores {
  archive::RetrievalScores tuning, held_out;
};

SplitScores ScoreBoth(const archive::Ranker& rank,
                      const std::vector<archive::RetrievalQuery>& queries) {
  return {archive::Evaluate(rank, queries, archive::Split::kTuning),
          archive::Evaluate(rank, queries, archive::Split::kHeldOut)};
}

void PrintScoreRow(const std::string& name, const SplitScores& s) {
  std::cout << fmt::format("| {} | {:.4f} | {:.4f} | {:.4f} | {:.4f} | {:.4f} | {:.4f} |\n", name,
                           s.tuning.map1, s.tuning.map5, s.tuning.recall5, s.held_out.map1,
                           s.held_out.map5, s.held_out.recall5);
}

void RunQuality(const Options& o, const bench::ServerProcess& server, const Desk& desk,
                const std::string& dir) {
  const std::string feed = archive::ClaimRetrievalFeed(o.data);
  const std::string file = dir + "/claim-retrieval-feed.json";
  std::ofstream(file, std::ios::binary) << feed;
  const Import cli = CliImport(o, server, desk, file, "quality");
  const Import raw = CopyImport(desk.url, feed, "copy_quality");
  std::cout << fmt::format(
      "quality: {} checks imported by `factdesk archive import` in {:.2f} s ({:.0f} checks/s; "
      "{} malformed); COPY of the same rows {:.2f} s ({:.0f} checks/s); ratio {:.1f}\n\n",
      cli.created, cli.seconds, static_cast<double>(cli.created) / cli.seconds, cli.malformed,
      raw.seconds, static_cast<double>(raw.created) / raw.seconds, cli.seconds / raw.seconds);

  const auto queries = archive::ClaimRetrievalQueries(o.data);
  const archive::MatchIndex ours = archive::IndexFeed(feed, {});
  const archive::MatchIndex plain = archive::PlainBm25Index(feed);
  const Matcher matcher(server, desk.token, desk.quality);
  std::map<std::int64_t, std::vector<std::int64_t>> served;
  const SplitScores via_server = ScoreBoth(
      [&](const archive::RetrievalQuery& q) { return served[q.id] = matcher.TopFive(q.text); },
      queries);
  int differ = 0;
  for (const auto& q : queries) differ += served[q.id] != archive::TopFive(ours, q) ? 1 : 0;

  std::cout << fmt::format("{} tweets ({} held out)\n\n", queries.size(),
                           via_server.held_out.queries);
  std::cout << "| | tune MAP@1 | tune MAP@5 | tune R@5 | held-out MAP@1 | held-out MAP@5 | "
               "held-out R@5 |\n|---|---|---|---|---|---|---|\n";
  PrintScoreRow("plain BM25, in process (baseline)",
                ScoreBoth([&](const auto& q) { return archive::TopFive(plain, q); }, queries));
  PrintScoreRow("Factdesk matching, in process (eval_matching)",
                ScoreBoth([&](const auto& q) { return archive::TopFive(ours, q); }, queries));
  PrintScoreRow("Factdesk matching, `archive import` + MatchChecks over gRPC", via_server);
  std::cout << fmt::format(
      "\ntweets whose top 5 over gRPC differ from the in-process top 5: {}\n\n", differ);
}

// ---------------------------------------------------------------------------------------
// Scale: import throughput, memory and latency at about 100,000 checks

struct Latency {
  double p50 = 0, p99 = 0;
};

// Every tweet once through `search`, milliseconds each: p50 and p99.
template <typename Fn>
Latency TimeEach(const std::vector<archive::RetrievalQuery>& queries, Fn search) {
  std::vector<double> ms;
  ms.reserve(queries.size());
  for (const auto& q : queries) {
    const auto start = Clock::now();
    search(q.text);
    ms.push_back(bench::Millis(Clock::now() - start));
  }
  return {bench::Percentile(ms, 50), bench::Percentile(ms, 99)};
}

// Medians over the rounds of each round's p50 and p99.
Latency MedianOf(const std::vector<Latency>& rounds) {
  std::vector<double> p50, p99;
  for (const Latency& l : rounds) {
    p50.push_back(l.p50);
    p99.push_back(l.p99);
  }
  return {bench::Median(p50), bench::Median(p99)};
}

std::string Mib(std::int64_t kib) {
  return fmt::format("{:.0f} MiB", static_cast<double>(kib) / 1024.0);
}

struct ScaleImport {
  Import cli, raw;
  std::int64_t rss_before = 0, rss_after = 0, rss_indexed = 0;
  double first_match_s = 0;
};

ScaleImport ImportAtScale(const Options& o, const bench::ServerProcess& server, const Desk& desk,
                          const std::string& feed, const std::string& dir, const Matcher& m) {
  const std::string file = dir + "/claim-retrieval-feed-x" + std::to_string(o.copies) + ".json";
  std::ofstream(file, std::ios::binary) << feed;
  ScaleImport s;
  s.rss_before = bench::ResidentKiB(server.pid());
  s.cli = CliImport(o, server, desk, file, "scale");
  s.rss_after = bench::ResidentKiB(server.pid());
  const auto start = Clock::now();
  m.TopFive("warm up: the first match builds the workspace's index");
  s.first_match_s = bench::Seconds(Clock::now() - start);
  s.rss_indexed = bench::ResidentKiB(server.pid());
  s.raw = CopyImport(desk.url, feed, "copy_scale");
  return s;
}

void PrintScale(const ScaleImport& s, const Latency& server, const Latency& local,
                const Options& o) {
  const auto rate = [](const Import& i) { return static_cast<double>(i.created) / i.seconds; };
  std::cout << fmt::format("| | result | ratio to the baseline |\n|---|---|---|\n");
  std::cout << fmt::format(
      "| import: COPY of the same rows with libpq (baseline) | {:.2f} s, "
      "{:.0f} checks/s | 1.00 |\n",
      s.raw.seconds, rate(s.raw));
  std::cout << fmt::format(
      "| import: `factdesk archive import` ({} checks, {} malformed) | "
      "{:.2f} s, {:.0f} checks/s | {:.1f} |\n",
      bench::Thousands(s.cli.created), s.cli.malformed, s.cli.seconds, rate(s.cli),
      s.cli.seconds / s.raw.seconds);
  std::cout << fmt::format("| first match after the import (builds the index) | {:.2f} s | |\n",
                           s.first_match_s);
  std::cout << fmt::format(
      "| server RSS: before the import / after it / after the first match | {} / {} / {} | |\n",
      Mib(s.rss_before), Mib(s.rss_after), Mib(s.rss_indexed));
  std::cout << fmt::format(
      "| match p50 / p99, in-process index search (baseline) | {:.2f} / "
      "{:.2f} ms | 1.00 |\n",
      local.p50, local.p99);
  std::cout << fmt::format(
      "| match p50 / p99, MatchChecks over gRPC | {:.2f} / {:.2f} ms | "
      "{:.2f} / {:.2f} |\n",
      server.p50, server.p99, server.p50 / local.p50, server.p99 / local.p99);
  std::cout << fmt::format(
      "\n(latency: every tweet once per round, {} rounds, medians of the "
      "rounds' p50 and p99)\n",
      o.rounds);
}

void RunScale(const Options& o, const bench::ServerProcess& server, const Desk& desk,
              const std::string& dir) {
  const std::string feed = archive::ClaimRetrievalFeed(o.data, o.copies);
  const Matcher matcher(server, desk.token, desk.scale);
  const ScaleImport imported = ImportAtScale(o, server, desk, feed, dir, matcher);
  const auto queries = archive::ClaimRetrievalQueries(o.data);
  const archive::MatchIndex local = archive::IndexFeed(feed, {});
  std::vector<Latency> via_server, in_process;
  for (int round = 0; round < o.rounds; ++round) {
    via_server.push_back(TimeEach(queries, [&](const std::string& t) { matcher.TopFive(t); }));
    in_process.push_back(TimeEach(queries, [&](const std::string& t) { local.Search(t, 5); }));
    std::cout << fmt::format(
        "round {}: gRPC p50 {:.2f} p99 {:.2f} ms; in process p50 {:.2f} "
        "p99 {:.2f} ms\n",
        round + 1, via_server.back().p50, via_server.back().p99, in_process.back().p50,
        in_process.back().p99);
  }
  std::cout << "\n";
  PrintScale(imported, MedianOf(via_server), MedianOf(in_process), o);
}

int Main(int argc, char** argv) {
  Options o;
  CLI::App app{"archive_server_eval: checked-before quality and speed through the server"};
  app.add_option("--data", o.data, "The claim-retrieval-2020 directory");
  app.add_option("--copies", o.copies, "Copies of the claims for the scale run (10)")
      ->check(CLI::Range(1, 100));
  app.add_option("--rounds", o.rounds, "Latency rounds; medians are over them (3)")
      ->check(CLI::Range(1, 50));
  app.add_option("--server", o.server_bin, "factdesk-server binary");
  app.add_option("--cli", o.cli_bin, "factdesk binary");
  app.add_flag("--fsync", o.fsync, "Run PostgreSQL with fsync on (default off)");
  CLI11_PARSE(app, argc, argv);

  bench::ScratchDir dir;
  auto pg = bench::StartPostgres(dir.path(), o.fsync);
  const Desk desk = Setup(pg->Url());
  bench::ServerProcess server(o.server_bin, desk.url);
  bench::PgConn conn(desk.url);
  std::cout << "archive_server_eval: " << bench::MachineDescription() << "\nPostgreSQL "
            << conn.Value("SHOW server_version") << ", fsync " << conn.Value("SHOW fsync") << "\n\n"
            << std::flush;
  RunQuality(o, server, desk, dir.path());
  RunScale(o, server, desk, dir.path());
  std::cout << "\nload average at the end: " << bench::LoadAverage() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return bench::RunTool("archive_server_eval", Main, argc, argv);
}
