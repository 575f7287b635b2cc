// open_bench: a checker opening a three-hour transcript with 2,000 claims in the desktop,
// timed from Connect to the first frame that shows it (issue 18, goal 4: at most 300 ms
// on loopback). Headless: the real controller and views in a real ImGui context
// (tests/ui/headless_ui.h), no GL, over loopback gRPC to an in-process server. The
// transcript is the first two presidential debates of 2016, read in place and imported
// as one (2,706 sentences, about three hours of speech); the claims are seeded as
// bench/debate_workspace.h seeds them (every status, reviews, sources, notes, disputes).
//
// Each repetition is a new desktop: a new channel and sign-in, the workspace's snapshot
// (workspace, members, transcripts, every claim, in pages of 500), then the transcript's
// segments page by page and its suggestions, a frame after every arrival. Two instants:
//   first frame   the transcript's first rows drawn, with the workspace's claims loaded;
//   complete      every segment in and the rows drawn.
// Baseline in the same run: the same rows read straight from PostgreSQL with libpq in one
// read-only transaction (the workspace's claims, the transcript's segments), in text, no
// mapping. Medians of interleaved repetitions, and the ratios to the baseline.
//
// --cue-words N imports the same speech as captions instead: a WebVTT cue of at most N
// words each (a segment each, as a broadcast's captions arrive), where the TSV makes a
// segment of each speaker turn.
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "bench/bench_support.h"
#include "bench/debate_workspace.h"
#include "export/formatting.h"
#include "tests/ui/headless_ui.h"

namespace {

namespace bench = factdesk::bench;
using bench::Clock;

constexpr const char* kDebates[] = {"clef2018-task1-english-1st-Presidential.tsv",
                                    "clef2018-task1-english-2nd-Presidential.tsv"};

// The two debates as one TSV in `dir` (line numbers run on), read from `debates_dir`.
void WriteThreeHours(const std::string& debates_dir, const std::string& dir) {
  std::ofstream out(dir + "/three-hours.tsv");
  int line_number = 0;
  for (const char* name : kDebates) {
    std::ifstream in(debates_dir + "/" + name);
    if (!in) throw std::runtime_error("cannot read " + debates_dir + "/" + name);
    for (std::string line; std::getline(in, line);) {
      const auto tab = line.find('\t');
      if (tab == std::string::npos) continue;
      out << ++line_number << line.substr(tab) << "\n";
    }
  }
  if (!out) throw std::runtime_error("cannot write " + dir + "/three-hours.tsv");
}

// The two debates as one WebVTT in `dir`: each sentence cut into cues of at most
// `words` words, each cue voiced by its speaker and 320 ms a word long (the debates' pace:
// 33,171 words in about three hours).
void WriteThreeHoursAsCaptions(const std::string& debates_dir, const std::string& dir, int words) {
  std::ofstream out(dir + "/three-hours.vtt");
  out << "WEBVTT\n";
  std::int64_t at_ms = 0;
  for (const char* name : kDebates) {
    std::ifstream in(debates_dir + "/" + name);
    if (!in) throw std::runtime_error("cannot read " + debates_dir + "/" + name);
    for (std::string line; std::getline(in, line);) {
      // line number, speaker, sentence, label
      std::vector<std::string> fields;
      std::istringstream split(line);
      for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
      if (fields.size() < 3) continue;
      std::istringstream sentence(fields[2]);
      std::vector<std::string> cue;
      const auto flush = [&] {
        if (cue.empty()) return;
        const std::int64_t end_ms = at_ms + 320 * static_cast<std::int64_t>(cue.size());
        out << "\n"
            << factdesk::exporting::ClockTime(at_ms) << " --> "
            << factdesk::exporting::ClockTime(end_ms) << "\n<v " << fields[1] << ">";
        for (std::size_t i = 0; i < cue.size(); ++i) out << (i == 0 ? "" : " ") << cue[i];
        out << "\n";
        at_ms = end_ms;
        cue.clear();
      };
      for (std::string word; sentence >> word;) {
        cue.push_back(word);
        if (static_cast<int>(cue.size()) == words) flush();
      }
      flush();
    }
  }
  if (!out) throw std::runtime_error("cannot write " + dir + "/three-hours.vtt");
}

struct Opened {
  double first_frame_ms = 0;
  double complete_ms = 0;
  int frames = 0;
};

// A new desktop opening transcript `transcript_id` of workspace "debates".
Opened OpenInDesktop(int port, const std::string& token, std::int64_t transcript_id) {
  factdesk::testing::HeadlessUi ui(factdesk::app::Controller::Options{}, ImVec2(1600, 1000));
  factdesk::client::ConnectionOptions connection;
  connection.address = "127.0.0.1:" + std::to_string(port);
  connection.token = token;
  Opened out;
  const auto start = Clock::now();
  ui.controller().Connect(connection, "debates");
  ui.state().transcript_id = transcript_id;
  const auto deadline = start + std::chrono::seconds(60);
  for (;;) {
    ui.Frame();
    ++out.frames;
    const auto& session = ui.controller().session();
    const bool shown = session.connection.phase == factdesk::ui::ConnectionInfo::Phase::kLive &&
                       session.transcript_id == transcript_id && !ui.state().visible_rows.empty();
    if (shown && out.first_frame_ms == 0) out.first_frame_ms = bench::Millis(Clock::now() - start);
    if (shown && session.segments_complete) break;
    if (Clock::now() > deadline) throw std::runtime_error("the transcript did not open in 60 s");
    ui.controller().queue().WaitFor(std::chrono::milliseconds(20));
  }
  out.complete_ms = bench::Millis(Clock::now() - start);
  return out;
}

// The rows the desktop asks for, read by libpq in text: what PostgreSQL itself takes.
double RawRead(bench::PgConn& conn, std::int64_t workspace, std::int64_t transcript) {
  const auto start = Clock::now();
  conn.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  const auto claims = conn.Query("SELECT * FROM claims WHERE workspace_id = $1 ORDER BY id",
                                 {std::to_string(workspace)});
  const auto segments =
      conn.Query("SELECT * FROM segments WHERE transcript_id = $1 ORDER BY ordinal",
                 {std::to_string(transcript)});
  conn.Exec("COMMIT");
  if (claims.empty() || segments.empty()) throw std::runtime_error("the raw read found no rows");
  return bench::Millis(Clock::now() - start);
}

int Main(int argc, char** argv) {
  CLI::App app{"open_bench: opening a three-hour transcript with 2,000 claims in the desktop"};
  bench::DebateBenchOptions options;
  options.claims = 2000;
  bench::AddDebateBenchOptions(app, options);
  int cue_words = 0;
  app.add_option("--cue-words", cue_words,
                 "Import the speech as WebVTT captions of at most this many words a cue "
                 "(0: the TSV, a segment per speaker turn)")
      ->check(CLI::Range(0, 100));
  CLI11_PARSE(app, argc, argv);
  spdlog::set_default_logger(spdlog::stderr_logger_mt("server"));

  bench::ScratchDir input;
  if (cue_words > 0) {
    WriteThreeHoursAsCaptions(options.debates_dir, input.path(), cue_words);
  } else {
    WriteThreeHours(options.debates_dir, input.path());
  }
  options.debates_dir = input.path();
  const auto run = bench::StartDebateBench(options);
  const bench::DebateWorkspace& ws = run->workspace;
  bench::PgConn conn(run->url);
  conn.Exec("VACUUM ANALYZE");
  const std::string transcript = std::to_string(ws.first_transcript);
  std::cout << "open_bench: " << bench::MachineDescription() << "\n"
            << "PostgreSQL: " << conn.Value("SHOW server_version") << ", fsync "
            << conn.Value("SHOW fsync") << "\n"
            << fmt::format(
                   "transcript: {} segments, {} claims on it (seeded in {:.1f} s), {} reviews, "
                   "{} active sources in the workspace\n",
                   conn.Value("SELECT count(*) FROM segments WHERE transcript_id = $1",
                              {transcript}),
                   conn.Value("SELECT count(*) FROM claims WHERE transcript_id = $1", {transcript}),
                   ws.seed_seconds, conn.Value("SELECT count(*) FROM reviews"),
                   conn.Value("SELECT count(*) FROM sources WHERE removed_at IS NULL"));

  const int port = run->server.server->port();
  std::vector<double> first, complete, raw;
  int frames = 0;
  constexpr int kWarmUp = 1;
  for (int i = 0; i < kWarmUp + options.reps; ++i) {
    // Alternate which runs first, so neither always meets a cold cache.
    const bool raw_first = i % 2 == 0;
    double raw_ms = raw_first ? RawRead(conn, ws.id, ws.first_transcript) : 0;
    const Opened opened = OpenInDesktop(port, ws.token, ws.first_transcript);
    if (!raw_first) raw_ms = RawRead(conn, ws.id, ws.first_transcript);
    if (i < kWarmUp) continue;
    first.push_back(opened.first_frame_ms);
    complete.push_back(opened.complete_ms);
    raw.push_back(raw_ms);
    frames = opened.frames;
  }

  const double baseline = bench::Median(raw);
  std::cout << fmt::format("\nmedians of {} interleaved repetitions (after {} warm-up):\n",
                           options.reps, kWarmUp);
  std::cout << fmt::format("{:<44} {:>9} {:>9} {:>10}\n", "", "p50 ms", "max ms", "x raw");
  const auto row = [&](const char* name, const std::vector<double>& v) {
    std::cout << fmt::format("{:<44} {:>9.1f} {:>9.1f} {:>10.2f}\n", name, bench::Median(v),
                             bench::Max(v), bench::Median(v) / baseline);
  };
  row("raw: the claims and segments read by libpq", raw);
  row("desktop: connect to the first frame shown", first);
  row("desktop: connect to every segment drawn", complete);
  std::cout << fmt::format("frames drawn on the way (last repetition): {}\n", frames)
            << "load average at the end: " << bench::LoadAverage() << "\n";
  run->server.server->Shutdown();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return factdesk::bench::RunTool("open_bench", Main, argc, argv);
}
