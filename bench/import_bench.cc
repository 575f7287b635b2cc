// import_bench: transcript import throughput through the real server, as a ratio against
// COPY of the same rows into the same table by psql, measured in the same run.
//
// The three debate transcripts (../shared/data/debates, read in place) are imported
// again and again, each file as one transcript, until about --segments segments are in
// (25 rounds of 3 files: 101,600 segments). A "factdesk" run sends them one after the
// other as ImportTranscript RPCs to an in-process FactdeskServer over loopback gRPC
// (each RPC: parse, validate, one transaction with the transcript, its speakers, its
// segments by COPY, the event and NOTIFY). A "COPY" run loads the very same segment rows
// (made by the project's importer) from one COPY text file with
// `psql -c "\copy segments(...) FROM file"` into the same table, after inserting the
// transcript and speaker rows they refer to (untimed). Both runs start from emptied
// tables (TRUNCATE ... RESTART IDENTITY, then CHECKPOINT), alternate (ABBA...), and the
// medians of --runs timed runs of each are compared. A checksum of the stored segments
// (text, kind, speaker, times, ordinal) must be the same after every run of either kind.
// The server scores imported segments into suggestions off the request path, as in
// production (one suggestion worker), while the imports run.
//
// `--scoring` measures what that scoring adds (issue 14): the three debates once per run,
// into a fresh in-process server with no suggestion worker, or with one; the time until
// the three RPCs returned, and until the last transcript's suggestions were stored.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <grpcpp/grpcpp.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "bench/bench_support.h"
#include "factdesk/v1/transcript.grpc.pb.h"
#include "import/importer.h"
#include "proto/factdesk/v1/metadata.h"
#include "server/admin.h"
#include "server/server.h"
#include "server/store/connection_pool.h"
#include "server/store/statement.h"
#include "tests/support/process.h"

namespace {

namespace fs = std::filesystem;
namespace bench = factdesk::bench;
namespace import = factdesk::import;
namespace v1 = factdesk::v1;
using bench::Clock;

struct Debate {
  std::string filename;
  std::string bytes;
  import::Transcript parsed;
};

// One transcript to load: which debate, under which title.
struct Item {
  const Debate* debate;
  std::string title;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// COPY text format: backslash escapes for the delimiter, newlines and backslash itself.
void AppendCopyText(std::string& out, const std::string& text) {
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
}

std::string OrNull(const std::optional<std::int64_t>& v) {
  return v ? std::to_string(*v) : "\\N";
}

class Bench {
 public:
  Bench(std::string url, std::int64_t workspace_id, std::int64_t user_id, std::string token,
        std::vector<Item> items, std::string copy_file, int port)
      : url_(std::move(url)),
        workspace_id_(workspace_id),
        user_id_(user_id),
        token_(std::move(token)),
        items_(std::move(items)),
        copy_file_(std::move(copy_file)),
        conn_(url_) {
    for (const auto& item : items_) segments_ += item.debate->parsed.segments.size();
    Connect(port);
  }

  // Points the RPCs at the server on `port` (the scoring comparison starts one per run).
  void Connect(int port) {
    grpc::ChannelArguments args;
    args.SetMaxSendMessageSize(64 << 20);
    args.SetMaxReceiveMessageSize(64 << 20);
    stub_ = v1::TranscriptService::NewStub(grpc::CreateCustomChannel(
        "127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials(), args));
  }

  std::size_t segments() const { return segments_; }

  // Empties what an import writes, so every run starts equal.
  void Reset() {
    conn_.Exec("TRUNCATE transcripts, speakers, segments, events RESTART IDENTITY CASCADE");
    conn_.Exec("UPDATE workspace_seqs SET last_seq = 0");
    conn_.Exec("CHECKPOINT");
  }

  // Seconds for the ImportTranscript RPCs, one after the other.
  double RunFactdesk() {
    Reset();
    const auto start = Clock::now();
    ImportAll();
    const double seconds = bench::Seconds(Clock::now() - start);
    Check("factdesk");
    return seconds;
  }

  // The same imports into a server that scores (`scoring`) or does not: seconds until
  // the RPCs returned, and until every transcript's suggestions were stored.
  struct Scored {
    double returned = 0;
    double scored = 0;
    std::int64_t suggestions = 0;
  };
  Scored RunScored(const std::string& url, bool scoring) {
    Reset();
    bench::BenchServer server = bench::StartServer(url, scoring ? 1 : 0);
    Connect(server.server->port());
    Scored out;
    const auto start = Clock::now();
    ImportAll();
    out.returned = bench::Seconds(Clock::now() - start);
    while (scoring &&
           conn_.Value("SELECT count(*) FROM scoring_queue WHERE state = 'pending'") != "0") {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    out.scored = bench::Seconds(Clock::now() - start);
    out.suggestions = std::stoll(conn_.Value("SELECT count(*) FROM suggestions"));
    server.server->Shutdown();
    Check(scoring ? "import with scoring" : "import without scoring");
    if ((out.suggestions > 0) != scoring) {
      throw std::runtime_error(fmt::format("{} suggestions stored by a server that {}",
                                           out.suggestions, scoring ? "scores" : "does not score"));
    }
    return out;
  }

  // Seconds for psql's \copy of the same rows; transcripts and speakers are made first.
  double RunCopy() {
    Reset();
    std::string data;
    data.reserve(std::size_t{16} << 20U);
    for (const auto& item : items_) {
      const auto& parsed = item.debate->parsed;
      const std::string transcript_id = conn_.Value(
          "INSERT INTO transcripts (workspace_id, title, format, segment_count, byte_size, "
          "imported_by) VALUES ($1, $2, 'tsv', $3, $4, $5) RETURNING id",
          {std::to_string(workspace_id_), item.title, std::to_string(parsed.segments.size()),
           std::to_string(item.debate->bytes.size()), std::to_string(user_id_)});
      std::map<std::string, std::string> speaker_ids;
      for (std::size_t i = 0; i < parsed.speakers.size(); ++i) {
        speaker_ids[parsed.speakers[i]] = conn_.Value(
            "INSERT INTO speakers (workspace_id, transcript_id, position, name) "
            "VALUES ($1, $2, $3, $4) RETURNING id",
            {std::to_string(workspace_id_), transcript_id, std::to_string(i), parsed.speakers[i]});
      }
      for (const auto& seg : parsed.segments) {
        const auto speaker = speaker_ids.find(seg.speaker);
        data += fmt::format(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t", workspace_id_, transcript_id, seg.ordinal,
            import::SegmentKindName(seg.kind),
            seg.speaker.empty() || speaker == speaker_ids.end() ? "\\N" : speaker->second,
            OrNull(seg.start_ms), OrNull(seg.end_ms));
        AppendCopyText(data, seg.text);
        data += '\n';
      }
    }
    {
      std::ofstream out(copy_file_, std::ios::binary | std::ios::trunc);
      out << data;
      if (!out) throw std::runtime_error("cannot write " + copy_file_);
    }
    conn_.Exec("CHECKPOINT");
    factdesk::testing::ProcessOptions psql;
    psql.argv = {bench::PsqlPath(),
                 "-X",
                 "-q",
                 "-v",
                 "ON_ERROR_STOP=1",
                 url_,
                 "-c",
                 "\\copy segments (workspace_id, transcript_id, ordinal, kind, speaker_id, "
                 "start_ms, end_ms, text) FROM '" +
                     copy_file_ + "'"};
    const auto start = Clock::now();
    const auto result = factdesk::testing::RunProcess(psql, std::chrono::minutes(3));
    const double seconds = bench::Seconds(Clock::now() - start);
    if (result.exit_code != 0) throw std::runtime_error("psql \\copy failed: " + result.err);
    Check("COPY");
    return seconds;
  }

 private:
  // Every item as one ImportTranscript RPC, one after the other.
  void ImportAll() {
    for (const auto& item : items_) {
      v1::ImportTranscriptRequest req;
      req.set_workspace_id(workspace_id_);
      req.set_title(item.title);
      req.set_filename(item.debate->filename);
      req.set_format(v1::TRANSCRIPT_FORMAT_TSV);
      req.set_content(item.debate->bytes);
      v1::ImportTranscriptResponse resp;
      grpc::ClientContext ctx;
      ctx.AddMetadata(v1::kAuthorizationKey, v1::kBearerPrefix + token_);
      ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(2));
      const grpc::Status status = stub_->ImportTranscript(&ctx, req, &resp);
      if (!status.ok()) throw std::runtime_error("ImportTranscript: " + status.error_message());
      if (static_cast<std::size_t>(resp.transcript().segment_count()) !=
          item.debate->parsed.segments.size()) {
        throw std::runtime_error("ImportTranscript stored an unexpected number of segments");
      }
    }
  }

  // Every run must leave the same rows.
  void Check(const char* what) {
    const std::string count = conn_.Value("SELECT count(*) FROM segments");
    if (count != std::to_string(segments_)) {
      throw std::runtime_error(
          fmt::format("{} run stored {} segments, expected {}", what, count, segments_));
    }
    const std::string sum = conn_.Value(
        "SELECT md5(string_agg(concat_ws('|', t.title, s.ordinal, s.kind, sp.name, s.start_ms, "
        "s.end_ms, s.text, s.tsv::text), E'\\n' ORDER BY t.id, s.ordinal)) "
        "FROM segments s JOIN transcripts t ON t.id = s.transcript_id "
        "LEFT JOIN speakers sp ON sp.id = s.speaker_id");
    if (checksum_.empty()) checksum_ = sum;
    if (sum != checksum_) {
      throw std::runtime_error(fmt::format("{} run stored different segments", what));
    }
  }

  const std::string url_;
  const std::int64_t workspace_id_;
  const std::int64_t user_id_;
  const std::string token_;
  const std::vector<Item> items_;
  const std::string copy_file_;
  bench::PgConn conn_;
  std::unique_ptr<v1::TranscriptService::Stub> stub_;
  std::size_t segments_ = 0;
  std::string checksum_;
};

// Issue 14's figure: what scoring adds to an import. Runs alternate (ABBA) between a
// server without suggestion workers and one with one; the table gives medians.
int RunScoring(Bench& b, const std::string& url, int runs) {
  b.RunScored(url, false);
  b.RunScored(url, true);
  std::vector<double> plain, returned, scored;
  std::int64_t suggestions = 0;
  std::cout << fmt::format("{:>4}  {:>14}  {:>22}  {:>22}\n", "run", "no scoring s",
                           "scoring: RPCs return s", "scoring: all scored s");
  for (int run = 1; run <= runs; ++run) {
    Bench::Scored without, with;
    if (run % 2 == 1) {
      without = b.RunScored(url, false);
      with = b.RunScored(url, true);
    } else {
      with = b.RunScored(url, true);
      without = b.RunScored(url, false);
    }
    plain.push_back(without.returned);
    returned.push_back(with.returned);
    scored.push_back(with.scored);
    suggestions = with.suggestions;
    std::cout << fmt::format("{:>4}  {:>14.3f}  {:>22.3f}  {:>22.3f}\n", run, without.returned,
                             with.returned, with.scored)
              << std::flush;
  }
  const double p = bench::Median(plain), r = bench::Median(returned), sc = bench::Median(scored);
  std::cout << fmt::format(
      "\nmedians of {} runs: import without scoring {:.3f} s; with scoring the RPCs return in "
      "{:.3f} s ({:.2f}x) and all {} suggestions are stored after {:.3f} s ({:.2f}x)\n",
      runs, p, r, r / p, bench::Thousands(suggestions), sc, sc / p);
  std::cout << "load average at the end: " << bench::LoadAverage() << "\n";
  return 0;
}

int Main(int argc, char** argv) {
  CLI::App app{"import_bench: ImportTranscript throughput vs psql \\copy of the same rows"};
  std::size_t target = 100000;
  int runs = 5;
  bool fsync = false;
  std::string debates_dir = std::string(FACTDESK_SHARED_DIR) + "/data/debates";
  app.add_option("--segments", target, "About how many segments to import per run (100000)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{2000000}));
  app.add_option("--runs", runs, "Timed runs of each kind, interleaved (5)")
      ->check(CLI::Range(1, 50));
  app.add_flag("--fsync", fsync, "Run PostgreSQL with fsync on (default off, as in tests)");
  app.add_option("--debates", debates_dir, "Directory of the debate .tsv files");
  bool scoring = false;
  app.add_flag("--scoring", scoring,
               "Instead: the debates once per run, into a server that scores them into "
               "suggestions and one that does not");
  CLI11_PARSE(app, argc, argv);
  // The in-process server logs a line per request, as in production: to stderr here, so
  // the results on stdout stay readable.
  spdlog::set_default_logger(spdlog::stderr_logger_mt("server"));

  std::vector<Debate> debates;
  for (const auto& entry : fs::directory_iterator(debates_dir)) {
    if (entry.path().extension() != ".tsv") continue;
    Debate d;
    d.filename = entry.path().filename().string();
    d.bytes = ReadFile(entry.path());
    auto parsed = import::Parse(d.bytes, import::Format::kTsv);
    if (!parsed.ok()) throw std::runtime_error(d.filename + ": " + parsed.status().message());
    d.parsed = std::move(parsed).value();
    debates.push_back(std::move(d));
  }
  if (debates.empty()) throw std::runtime_error("no .tsv files in " + debates_dir);
  std::sort(debates.begin(), debates.end(),
            [](const Debate& a, const Debate& b) { return a.filename < b.filename; });
  std::size_t per_round = 0;
  std::vector<std::size_t> per_debate;
  for (const auto& d : debates) {
    per_round += d.parsed.segments.size();
    per_debate.push_back(d.parsed.segments.size());
  }
  const std::size_t rounds =
      scoring ? 1 : std::max<std::size_t>(1, (target + per_round / 2) / per_round);
  std::vector<Item> items;
  for (std::size_t r = 1; r <= rounds; ++r) {
    for (const auto& d : debates) {
      items.push_back({&d, fmt::format("{} #{}", fs::path(d.filename).stem().string(), r)});
    }
  }

  bench::ScratchDir dir;
  auto pg = bench::StartPostgres(dir.path(), fsync);
  const std::string url = pg->Url();
  bench::BenchServer bs = bench::StartServer(url);
  auto& server = bs.server;
  factdesk::store::Db& db = *bs.db;
  const auto must = bench::Must;
  must(factdesk::server::AdminCreateUser(db, "importer", "Import Bench", false));
  must(factdesk::server::AdminCreateWorkspace(db, "import-bench", "Import bench", "importer",
                                              false));
  const std::string token = must(factdesk::server::AdminIssueToken(db, "importer"));
  bench::PgConn conn(url);
  const auto workspace_id = std::stoll(conn.Value("SELECT id FROM workspaces"));
  const auto user_id = std::stoll(conn.Value("SELECT id FROM users"));

  Bench b(url, workspace_id, user_id, token, std::move(items), dir.path() + "/segments.copy",
          server->port());
  std::cout << "import_bench: " << bench::MachineDescription() << "\n"
            << "PostgreSQL: " << conn.Value("SHOW server_version") << ", fsync "
            << conn.Value("SHOW fsync") << "\n"
            << fmt::format(
                   "{} debates x {} rounds = {} transcripts, {} segments per run ({} per "
                   "round: {})\n",
                   debates.size(), rounds, debates.size() * rounds,
                   bench::Thousands(static_cast<std::int64_t>(b.segments())),
                   bench::Thousands(static_cast<std::int64_t>(per_round)),
                   fmt::join(per_debate, " + "));
  if (scoring) {
    server->Shutdown();  // each run starts its own, scoring or not
    return RunScoring(b, url, runs);
  }
  std::cout << fmt::format("warm-up: factdesk {:.3f} s, COPY {:.3f} s (not counted)\n",
                           b.RunFactdesk(), b.RunCopy());

  std::vector<double> fd;
  std::vector<double> copy;
  std::cout << fmt::format("{:>4}  {:>12}  {:>10}  {:>16}\n", "run", "factdesk s", "COPY s",
                           "factdesk / COPY");
  for (int run = 1; run <= runs; ++run) {
    // ABBA order, so a drift in the machine's speed hits both alike.
    double f = 0;
    double c = 0;
    if (run % 2 == 1) {
      f = b.RunFactdesk();
      c = b.RunCopy();
    } else {
      c = b.RunCopy();
      f = b.RunFactdesk();
    }
    fd.push_back(f);
    copy.push_back(c);
    std::cout << fmt::format("{:>4}  {:>12.3f}  {:>10.3f}  {:>16.2f}\n", run, f, c, f / c)
              << std::flush;
  }
  const double fd_median = bench::Median(fd);
  const double copy_median = bench::Median(copy);
  const auto n = static_cast<double>(b.segments());
  std::cout << fmt::format(
      "\nmedian of {} runs: factdesk {:.3f} s = {:.0f} segments/s; COPY {:.3f} s = {:.0f} "
      "segments/s\nratio (factdesk time / COPY time, of the medians): {:.2f}\n",
      runs, fd_median, n / fd_median, copy_median, n / copy_median, fd_median / copy_median);
  std::cout << "every run stored the same " << bench::Thousands(static_cast<std::int64_t>(n))
            << " segments (checksum of text, kind, speaker, times, tsvector)\n";
  std::cout << "load average at the end: " << bench::LoadAverage() << "\n";
  server->Shutdown();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return factdesk::bench::RunTool("import_bench", Main, argc, argv);
}
