// live_feed: a debate night end to end. A caption file is written cue by cue, as a
// caption tool writes it while the broadcast airs (here at --speedup times real time),
// `factdesk ingest FILE --follow --close` feeds it into a live transcript, and N viewers
// follow the workspace's stream. Everything is the real thing: the factdesk-server and
// factdesk binaries as child processes, the embedded PostgreSQL, gRPC over loopback.
//
// It checks what a desk relies on: every segment the caption file holds (as the
// project's CaptionFollower reads the whole file, the oracle) is stored once, in order,
// with its text and times, and reaches every viewer once, without a seq gap. It reports
// how long a cue took from the moment its bytes hit the file to its arrival at a viewer
// (which includes the feed's --poll-ms and, for a cue the roll-up merger holds until
// the next one shows it was not rolled up, the next cue's interval), and the resident
// memory of the server and of the feed over the whole run: flat means no growth with
// the number of segments.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <grpcpp/grpcpp.h>

#include "bench/bench_grpc.h"
#include "bench/bench_support.h"
#include "bench/event_stream.h"
#include "bench/server_process.h"
#include "factdesk/v1/live.grpc.pb.h"
#include "import/caption_follower.h"
#include "proto/factdesk/v1/metadata.h"
#include "server/admin.h"
#include "server/store/connection_pool.h"
#include "server/store/migrations.h"
#include "server/store/statement.h"
#include "tests/support/process.h"
#include "tests/support/test_server.h"

namespace {

namespace bench = factdesk::bench;
namespace import = factdesk::import;
namespace v1 = factdesk::v1;
using bench::Clock;
using namespace std::chrono_literals;

struct Options {
  double hours = 3;       // broadcast time fed
  double speedup = 10;    // times real time
  int cue_ms = 500;       // broadcast time per cue
  int subscribers = 100;  // viewers following the workspace
  int poll_ms = 250;      // the feed's --poll-ms
  double sample_s = 5;    // how often memory is sampled
  bool fsync = false;
  std::string server_bin = FACTDESK_SERVER_BIN;
  std::string cli_bin = FACTDESK_CLI_BIN;
  std::string debates_dir;
};

// One cue of the caption file.
struct Cue {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::string speaker;
  std::string text;
};

std::string VttTime(std::int64_t ms) {
  return fmt::format("{:02}:{:02}:{:02}.{:03}", ms / 3600000, ms / 60000 % 60, ms / 1000 % 60,
                     ms % 1000);
}

std::string CueBytes(const Cue& cue) {
  return fmt::format("{} --> {}\n<v {}>{}\n\n", VttTime(cue.start_ms), VttTime(cue.end_ms),
                     cue.speaker, cue.text);
}

// The debates' lines (CLEF tsv: line, speaker, text[, label]) one cue each, over and
// over until the broadcast time is filled.
std::vector<Cue> MakeCues(const Options& o) {
  std::vector<std::pair<std::string, std::string>> lines;
  for (const char* name : {"clef2018-task1-english-1st-Presidential.tsv",
                           "clef2018-task1-english-2nd-Presidential.tsv",
                           "clef2018-task1-english-Vice-Presidential.tsv"}) {
    std::ifstream in(o.debates_dir + "/" + name);
    if (!in) throw std::runtime_error(fmt::format("cannot read {}/{}", o.debates_dir, name));
    for (std::string line; std::getline(in, line);) {
      const auto a = line.find('\t');
      const auto b = line.find('\t', a + 1);
      if (a == std::string::npos || b == std::string::npos) continue;
      const auto c = line.find('\t', b + 1);
      lines.emplace_back(line.substr(a + 1, b - a - 1), line.substr(b + 1, c - b - 1));
    }
  }
  const auto count = static_cast<std::size_t>(o.hours * 3600 * 1000 / o.cue_ms);
  std::vector<Cue> cues;
  cues.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const auto start = static_cast<std::int64_t>(i) * o.cue_ms;
    const auto& [speaker, text] = lines[i % lines.size()];
    cues.push_back({start, start + o.cue_ms - 20, speaker, text});
  }
  return cues;
}

// What the follower makes of the whole file: the segments the server must end up with.
std::vector<import::Segment> Expected(const std::vector<Cue>& cues) {
  std::string file = "WEBVTT\n\n";
  for (const auto& cue : cues) file += CueBytes(cue);
  import::CaptionFollower follower(import::Format::kVtt);
  std::vector<import::Segment> out;
  if (!follower.Feed(file, out).ok() || !follower.Finish(out).ok()) {
    throw std::runtime_error("the caption file does not follow");
  }
  return out;
}

// One viewer's Subscribe stream: the appended segments' ordinals and arrival times.
class Viewer : public bench::EventStream {
 public:
  struct Arrival {
    int ordinal = 0;
    Clock::time_point at;
  };

  Viewer(v1::LiveService::Stub& stub, const std::string& token, std::int64_t workspace,
         std::size_t expected) {
    arrivals_.reserve(expected);
    Start(stub, token, workspace, 0);
  }
  ~Viewer() override { Stop(); }

  std::size_t count() const { return count_.load(std::memory_order_acquire); }
  // After WaitDone.
  const std::vector<Arrival>& arrivals() const { return arrivals_; }

 private:
  void OnEvent(const v1::Event& e, Clock::time_point at) override {
    if (e.kind() != v1::EVENT_KIND_SEGMENTS_APPENDED) return;
    for (const auto& s : e.segments()) arrivals_.push_back({s.ordinal(), at});
    count_.store(arrivals_.size(), std::memory_order_release);
  }

  std::vector<Arrival> arrivals_;
  std::atomic<std::size_t> count_{0};
};

// Writes the caption file cue by cue, each once its end has aired (at the speed-up),
// and remembers when each cue's bytes reached the file.
class CaptionWriter {
 public:
  CaptionWriter(const std::string& path, const std::vector<Cue>& cues, double speedup)
      : out_(path, std::ios::binary), cues_(cues), speedup_(speedup), written_(cues.size()) {
    out_ << "WEBVTT\n\n" << std::flush;
  }
  void Run() {
    const auto start = Clock::now();
    for (std::size_t i = 0; i < cues_.size(); ++i) {
      std::this_thread::sleep_until(
          start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                      static_cast<double>(cues_[i].end_ms) / 1000.0 / speedup_)));
      out_ << CueBytes(cues_[i]) << std::flush;
      written_[i] = Clock::now();
    }
    seconds_ = bench::Seconds(Clock::now() - start);
  }
  // After Run: when cue i was written, and how long writing took.
  Clock::time_point written(std::size_t i) const { return written_[i]; }
  double seconds() const { return seconds_; }

 private:
  std::ofstream out_;
  const std::vector<Cue>& cues_;
  double speedup_;
  std::vector<Clock::time_point> written_;
  double seconds_ = 0;
};

// Resident memory of the server and of the feed, every few seconds, with how many
// segments the first viewer had by then.
struct MemorySample {
  double at_s = 0;
  std::size_t segments = 0;
  std::int64_t server_kib = 0;
  std::int64_t feed_kib = 0;
};

class MemorySampler {
 public:
  MemorySampler(int server_pid, int feed_pid, const Viewer& viewer, double every_s)
      : thread_([=, this, &viewer] {
          const auto start = Clock::now();
          std::unique_lock lock(mu_);
          bool last = false;
          while (!last) {
            last = stop_;  // one more sample when asked to stop: the end is a figure
            samples_.push_back({bench::Seconds(Clock::now() - start), viewer.count(),
                                bench::ResidentKiB(server_pid), bench::ResidentKiB(feed_pid)});
            if (!last) {
              cv_.wait_for(lock, std::chrono::duration<double>(every_s), [&] { return stop_; });
            }
          }
        }) {}
  ~MemorySampler() { Stop(); }
  MemorySampler(const MemorySampler&) = delete;
  MemorySampler& operator=(const MemorySampler&) = delete;
  void Stop() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  // After Stop.
  const std::vector<MemorySample>& samples() const { return samples_; }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::vector<MemorySample> samples_;
  std::thread thread_;
};

// The least-squares slope of resident KiB per 1,000 segments over the second half of
// the samples (the first half holds warm-up: pools, caches, the first allocations).
double GrowthPer1000(const std::vector<MemorySample>& samples, std::int64_t MemorySample::*kib) {
  const std::size_t from = samples.size() / 2;
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t i = from; i < samples.size(); ++i) {
    const double x = static_cast<double>(samples[i].segments) / 1000.0;
    const double y = static_cast<double>(samples[i].*kib);
    n += 1;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const double d = n * sxx - sx * sx;
  return d <= 0 ? 0 : (n * sxy - sx * sy) / d;
}

struct Desk {
  std::int64_t workspace = 0;
  std::string viewer_token;
  std::string feed_token;
};

Desk MakeDesk(const std::string& url) {
  auto migrated = factdesk::store::Migrate(url);
  if (!migrated.ok()) throw std::runtime_error("migrate: " + migrated.status().message());
  factdesk::store::ConnectionPool pool({url, 2, std::chrono::milliseconds(5000)},
                                       factdesk::store::AllStatements());
  factdesk::store::Db db(pool);
  bench::Must(factdesk::server::AdminCreateUser(db, "owner", "Desk Owner", false));
  bench::Must(factdesk::server::AdminCreateWorkspace(db, "debate", "Debate night", "owner", false));
  Desk desk;
  desk.viewer_token = bench::AddMemberWithToken(db, "debate", "viewer", "viewer");
  desk.feed_token = bench::AddMemberWithToken(db, "debate", "feed", "checker");
  bench::PgConn conn(url);
  desk.workspace = std::stoll(conn.Value("SELECT id FROM workspaces WHERE slug = 'debate'"));
  return desk;
}

// The stored segments against the oracle: how many are missing, duplicated or differ.
struct StoreCheck {
  std::size_t stored = 0, missing = 0, extra = 0, differ = 0;
  std::string state;
};

StoreCheck CheckStore(const std::string& url, const std::vector<import::Segment>& expected) {
  bench::PgConn conn(url);
  StoreCheck check;
  check.state = conn.Value("SELECT state FROM transcripts ORDER BY id DESC LIMIT 1");
  const auto rows = conn.Query(
      "SELECT s.ordinal, s.text, s.start_ms, s.end_ms FROM segments s JOIN transcripts t ON "
      "t.id = s.transcript_id ORDER BY s.ordinal");
  check.stored = rows.size();
  for (std::size_t i = 0; i < std::max(rows.size(), expected.size()); ++i) {
    if (i >= rows.size()) {
      ++check.missing;
    } else if (i >= expected.size()) {
      ++check.extra;
    } else if (std::stoul(rows[i][0]) != i || rows[i][1] != expected[i].text ||
               std::stoll(rows[i][2]) != expected[i].start_ms.value_or(-1) ||
               std::stoll(rows[i][3]) != expected[i].end_ms.value_or(-1)) {
      ++check.differ;
    }
  }
  return check;
}

// Every viewer against the oracle: duplicates, missing ordinals, gaps, and latencies
// from the cue's write to its arrival.
struct ViewerCheck {
  std::int64_t duplicates = 0, missing = 0, gaps = 0, cut = 0;
  std::vector<double> latency_ms;
};

ViewerCheck CheckViewers(const std::vector<std::unique_ptr<Viewer>>& viewers,
                         const std::vector<import::Segment>& expected,
                         const std::map<std::int64_t, std::size_t>& cue_of_start,
                         const CaptionWriter& writer) {
  ViewerCheck check;
  for (const auto& viewer : viewers) {
    std::vector<int> seen(expected.size(), 0);
    for (const auto& a : viewer->arrivals()) {
      const auto ordinal = static_cast<std::size_t>(a.ordinal);
      if (ordinal >= expected.size()) continue;
      if (seen[ordinal]++ > 0) {
        ++check.duplicates;
        continue;
      }
      const auto cue = cue_of_start.find(expected[ordinal].start_ms.value_or(-1));
      if (cue != cue_of_start.end()) {
        check.latency_ms.push_back(bench::Millis(a.at - writer.written(cue->second)));
      }
    }
    check.missing += std::count(seen.begin(), seen.end(), 0);
    check.gaps += viewer->gaps();
    check.cut += viewer->cut() ? 1 : 0;
  }
  return check;
}

void WaitUntil(const std::function<bool()>& done, std::chrono::seconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!done() && Clock::now() < deadline) std::this_thread::sleep_for(20ms);
}

int Main(int argc, char** argv) {
  Options o;
  o.debates_dir = factdesk::testing::SharedPath("data/debates");
  CLI::App app{"live_feed: a caption file fed live through `factdesk ingest --follow`"};
  app.add_option("--hours", o.hours, "Broadcast hours fed (3)")->check(CLI::Range(0.001, 24.0));
  app.add_option("--speedup", o.speedup, "Times real time (10)")->check(CLI::Range(0.1, 1000.0));
  app.add_option("--cue-ms", o.cue_ms, "Broadcast milliseconds per cue (500)")
      ->check(CLI::Range(40, 60000));
  app.add_option("--subscribers", o.subscribers, "Viewers following the workspace (100)")
      ->check(CLI::Range(1, 5000));
  app.add_option("--poll-ms", o.poll_ms, "The feed's --poll-ms (250)")
      ->check(CLI::Range(10, 60000));
  app.add_option("--sample-s", o.sample_s, "Seconds between memory samples (5)")
      ->check(CLI::Range(0.1, 600.0));
  app.add_option("--server", o.server_bin, "factdesk-server binary");
  app.add_option("--cli", o.cli_bin, "factdesk binary");
  app.add_option("--debates", o.debates_dir, "Directory of the debate .tsv files");
  app.add_flag("--fsync", o.fsync, "Run PostgreSQL with fsync on (default off)");
  CLI11_PARSE(app, argc, argv);

  const std::vector<Cue> cues = MakeCues(o);
  const std::vector<import::Segment> expected = Expected(cues);
  std::map<std::int64_t, std::size_t> cue_of_start;
  for (std::size_t i = 0; i < cues.size(); ++i) cue_of_start[cues[i].start_ms] = i;

  bench::RaiseFileLimit();
  bench::ScratchDir dir;
  auto pg = bench::StartPostgres(dir.path(), o.fsync, o.subscribers + 100);
  const Desk desk = MakeDesk(pg->Url());
  bench::ServerProcess server(o.server_bin, pg->Url());
  std::cout << "live_feed: " << bench::MachineDescription() << "\n"
            << fmt::format(
                   "{:.2f} broadcast hours, {} cues ({} segments), one every {} ms, fed at {}x "
                   "({:.1f} cues/s), {} viewers (one TCP connection each), feed --poll-ms {}\n",
                   o.hours, cues.size(), expected.size(), o.cue_ms, o.speedup,
                   1000.0 * o.speedup / o.cue_ms, o.subscribers, o.poll_ms)
            << std::flush;

  std::vector<std::shared_ptr<grpc::Channel>> channels;
  std::vector<std::unique_ptr<v1::LiveService::Stub>> stubs;
  std::vector<std::unique_ptr<Viewer>> viewers;
  for (int i = 0; i < o.subscribers; ++i) {
    channels.push_back(bench::OwnChannel(server.port(), i));
    stubs.push_back(v1::LiveService::NewStub(channels.back()));
    viewers.push_back(std::make_unique<Viewer>(*stubs.back(), desk.viewer_token, desk.workspace,
                                               expected.size()));
  }

  const std::string file = dir.path() + "/captions.vtt";
  CaptionWriter writer(file, cues, o.speedup);
  factdesk::testing::ProcessOptions feed_options;
  feed_options.argv = {o.cli_bin,
                       "ingest",
                       file,
                       "--follow",
                       "--close",
                       "--title",
                       "Debate night",
                       "-w",
                       "debate",
                       "--poll-ms",
                       std::to_string(o.poll_ms)};
  feed_options.env = {{"FACTDESK_SERVER", server.address()}, {"FACTDESK_TOKEN", desk.feed_token}};
  factdesk::testing::ChildProcess feed(feed_options);
  MemorySampler sampler(server.pid(), feed.pid(), *viewers.front(), o.sample_s);
  writer.Run();
  const auto all_but_held = [&] {
    return std::all_of(viewers.begin(), viewers.end(),
                       [&](const auto& v) { return v->count() + 1 >= expected.size(); });
  };
  WaitUntil(all_but_held, 60s);
  sampler.Stop();  // while the feed still runs: its /proc entry goes when it ends
  const double feed_cpu_s = bench::CpuSeconds(feed.pid());
  feed.Signal(SIGINT);  // --close: the held segment goes out, then the transcript closes
  const auto feed_exit = feed.Wait(60s);
  const auto all = [&] {
    return std::all_of(viewers.begin(), viewers.end(),
                       [&](const auto& v) { return v->count() >= expected.size(); });
  };
  WaitUntil(all, 30s);
  for (auto& v : viewers) v->Cancel();
  for (auto& v : viewers) v->WaitDone(30s);

  const StoreCheck stored = CheckStore(pg->Url(), expected);
  ViewerCheck seen = CheckViewers(viewers, expected, cue_of_start, writer);
  const auto& samples = sampler.samples();
  const auto rss = [&](std::size_t i) { return samples[std::min(i, samples.size() - 1)]; };
  const MemorySample early = rss(samples.size() / 10);
  const MemorySample last = samples.back();
  std::int64_t server_max = 0, feed_max = 0;
  for (const auto& s : samples) {
    server_max = std::max(server_max, s.server_kib);
    feed_max = std::max(feed_max, s.feed_kib);
  }
  std::cout << fmt::format(
      "fed {} cues in {:.1f} s ({:.1f} cues/s); the feed exited {}{}\n"
      "stored: {} of {} segments, {} missing, {} extra, {} differ; transcript {}\n"
      "viewers: {} arrivals, {} duplicates, {} missing, {} seq gaps, {} streams cut\n"
      "cue written -> arrival at a viewer: p50 {:.0f} ms, p99 {:.0f} ms, max {:.0f} ms\n"
      "server RSS: {} KiB at 10% ({} segments), {} KiB at the end ({} segments), max {} KiB; "
      "second half {:+.1f} KiB per 1,000 segments\n"
      "feed RSS: {} KiB at 10%, {} KiB at the end, max {} KiB; second half {:+.1f} KiB per "
      "1,000 segments; feed CPU {:.1f} s\n",
      cues.size(), writer.seconds(), static_cast<double>(cues.size()) / writer.seconds(),
      feed_exit ? std::to_string(*feed_exit) : std::string("(killed)"),
      feed.err().empty() ? "" : ", saying: " + feed.err().substr(0, 400), stored.stored,
      expected.size(), stored.missing, stored.extra, stored.differ, stored.state,
      seen.latency_ms.size(), seen.duplicates, seen.missing, seen.gaps, seen.cut,
      bench::Percentile(seen.latency_ms, 50), bench::Percentile(seen.latency_ms, 99),
      bench::Max(seen.latency_ms), early.server_kib, early.segments, last.server_kib, last.segments,
      server_max, GrowthPer1000(samples, &MemorySample::server_kib), early.feed_kib, last.feed_kib,
      feed_max, GrowthPer1000(samples, &MemorySample::feed_kib), feed_cpu_s);
  std::cout << "load average at the end: " << bench::LoadAverage() << "\n";
  const bool ok = stored.missing == 0 && stored.extra == 0 && stored.differ == 0 &&
                  seen.duplicates == 0 && seen.missing == 0 && seen.gaps == 0;
  return ok ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  return factdesk::bench::RunTool("live_feed", Main, argc, argv);
}
