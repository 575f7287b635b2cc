// write_throughput: mutations per second through factdesk-server, against pgbench running
// the same transactions straight on PostgreSQL, in the same run and on the same cluster.
//
// The tool starts the project's embedded PostgreSQL (in /tmp/fdb-XXXXXX) and, for each
// factdesk measurement, a fresh factdesk-server as a child process on it (`serve
// --listen 127.0.0.1:0 --database URL`). Two sides, same client counts:
//   factdesk  M writer threads, one gRPC channel (TCP connection) each; writer i works in
//             workspace i mod K. Each writer does what a checker does with a sentence:
//             CreateClaim (a claim over 20 bytes of a debate segment), AddNote on it,
//             SubmitReview of it (a first review, which moves the claim to IN_REVIEW),
//             and again: one third each, every call with its own idempotency key as the
//             CLI and the desktop send. Closed loop: each writer sends its next call when
//             the last one returns.
//   pgbench   K pgbench processes (-M prepared), one per workspace, with as many clients
//             as factdesk has writers there, running bench/pgbench/mutations.sql: the
//             same cycle, each mutation one transaction of the statements that write
//             (read off log_statement = all): the idempotency key, the claim's row lock,
//             the inserts and updates, the seq update, the event row and its NOTIFY,
//             which a LISTEN connection of the tool reads, as the server's listener does.
// Light load: one writer, paced (--light-rate calls/s), against `pgbench -c 1 -R`: the
// median latency of a call against that of the raw transaction.
// Correctness beside every figure: every OK call committed exactly one event of its kind
// (counted in the events table), every pgbench transaction one event, and every
// workspace's seqs are gap-free (count of events = last_seq).
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <grpcpp/grpcpp.h>
#include <poll.h>

#include "bench/bench_grpc.h"
#include "bench/bench_support.h"
#include "bench/server_process.h"
#include "factdesk/v1/claim.grpc.pb.h"
#include "factdesk/v1/note.grpc.pb.h"
#include "factdesk/v1/review.grpc.pb.h"
#include "proto/factdesk/v1/metadata.h"
#include "server/admin.h"
#include "server/store/connection_pool.h"
#include "server/store/db.h"
#include "server/store/migrations.h"
#include "server/store/statement.h"
#include "tests/support/process.h"
#include "tests/support/test_server.h"

namespace {

namespace bench = factdesk::bench;
namespace fs = std::filesystem;
namespace v1 = factdesk::v1;
using bench::Clock;
using namespace std::chrono_literals;

struct Options {
  int writers = 8;
  std::vector<int> workspaces = {1, 8};
  double duration = 5;
  int rounds = 3;
  double light_rate = 50;
  bool fsync = false;
  std::string server_bin = FACTDESK_SERVER_BIN;
  std::string before_bin;  // another factdesk-server measured alongside, e.g. before a change
  std::string scripts = FACTDESK_PGBENCH_SCRIPTS;
  std::string pgbench;
};

enum Op { kCreateClaim, kAddNote, kSubmitReview, kOps };
constexpr const char* kOpNames[kOps] = {"CreateClaim", "AddNote", "SubmitReview"};
// The event each kind of call appends.
constexpr const char* kOpEvents[kOps] = {"claim.created", "note.added", "review.submitted"};

struct Space {
  std::int64_t id = 0;
  bench::ImportedDebate debate;
};

struct Desk {
  std::string url;
  std::vector<std::string> tokens;  // writer i's
  std::vector<std::int64_t> users;  // writer i's id
  std::vector<Space> spaces;        // as many as the largest K
};

// One measurement of one side.
struct Stats {
  double per_second = 0;
  double p50 = 0, p99 = 0;  // ms
  std::int64_t ok = 0, failed = 0;
  std::int64_t lost = 0;        // OK calls (or transactions) without their event
  std::int64_t duplicated = 0;  // events beyond the OK calls
  std::int64_t gaps = 0;        // workspaces whose event count differs from last_seq
  double cpu_us = 0;            // factdesk: server CPU per mutation
};

// ---------------------------------------------------------------------------------------
// What the database says: events per kind and workspace, and the seq check.

using EventCounts = std::map<std::pair<std::int64_t, std::string>, std::int64_t>;

EventCounts CountEvents(bench::PgConn& conn) {
  EventCounts counts;
  for (const auto& row :
       conn.Query("SELECT workspace_id, kind, count(*) FROM events GROUP BY 1, 2")) {
    counts[{std::stoll(row[0]), row[1]}] = std::stoll(row[2]);
  }
  return counts;
}

// Workspaces whose seqs are not exactly 1..last_seq.
std::int64_t SeqGaps(bench::PgConn& conn) {
  return std::stoll(conn.Value(
      "SELECT count(*) FROM workspace_seqs q WHERE q.last_seq <> (SELECT count(*) FROM events e "
      "WHERE e.workspace_id = q.workspace_id) OR q.last_seq <> (SELECT coalesce(max(seq), 0) "
      "FROM events e WHERE e.workspace_id = q.workspace_id)"));
}

// Compares the events appended since `before` with the OK calls per (workspace, kind).
void CheckEvents(bench::PgConn& conn, const EventCounts& before, const EventCounts& expected,
                 Stats& s) {
  const EventCounts after = CountEvents(conn);
  for (const auto& [key, want] : expected) {
    const auto b = before.find(key);
    const auto a = after.find(key);
    const std::int64_t got =
        (a == after.end() ? 0 : a->second) - (b == before.end() ? 0 : b->second);
    if (got < want) s.lost += want - got;
    if (got > want) s.duplicated += got - want;
  }
  s.gaps = SeqGaps(conn);
}

void Summarize(std::vector<double>& latencies, double seconds, Stats& s) {
  s.per_second = static_cast<double>(s.ok) / seconds;
  s.p50 = bench::Percentile(latencies, 50);
  s.p99 = bench::Percentile(latencies, 99);
}

// ---------------------------------------------------------------------------------------
// factdesk

// Tells the writers of one measurement from those of another: their keys must differ,
// or the server would answer a later measurement's calls from the first one's.
int NextRun() {
  static std::atomic<int> runs{0};
  return runs++;
}

class Writer {
 public:
  Writer(int port, int id, const std::string& token, const Space& space)
      : channel_(bench::OwnChannel(port, id)),
        claims_(v1::ClaimService::NewStub(channel_)),
        notes_(v1::NoteService::NewStub(channel_)),
        reviews_(v1::ReviewService::NewStub(channel_)),
        token_(token),
        space_(space),
        key_prefix_(fmt::format("wt-{}-{}-{}", getpid(), NextRun(), id)) {}

  // Runs the next call of the cycle; its latency in ms, or a negative number on failure.
  double Next() {
    const Op op = static_cast<Op>(n_ % kOps);
    auto ctx = factdesk::testing::Ctx(token_);
    ctx->AddMetadata(v1::kIdempotencyKey, fmt::format("{}-{}", key_prefix_, n_++));
    const auto start = Clock::now();
    const grpc::Status status = Call(op, ctx.get());
    const double ms = bench::Millis(Clock::now() - start);
    ++calls_[op];
    if (!status.ok()) {
      if (failed_[op]++ == 0) {
        std::cerr << kOpNames[op] << ": " << status.error_message() << "\n";
      }
      return -1;
    }
    return ms;
  }

  std::int64_t ok(Op op) const { return calls_[op] - failed_[op]; }
  std::int64_t failed() const { return failed_[0] + failed_[1] + failed_[2]; }
  std::int64_t workspace() const { return space_.id; }

 private:
  grpc::Status Call(Op op, grpc::ClientContext* ctx) {
    switch (op) {
      case kCreateClaim: {
        v1::CreateClaimRequest req;
        const auto& segments = space_.debate.segments;
        req.set_segment_id(segments[static_cast<std::size_t>(n_ / kOps) % segments.size()]);
        req.set_end_byte(20);
        v1::Claim claim;
        const grpc::Status status = claims_->CreateClaim(ctx, req, &claim);
        claim_ = status.ok() ? claim.id() : 0;
        return status;
      }
      case kAddNote: {
        v1::AddNoteRequest req;
        req.set_claim_id(claim_);
        req.set_body("The quoted figure matches the 2015 annual report, table 3.");
        v1::Note note;
        return notes_->AddNote(ctx, req, &note);
      }
      case kSubmitReview:
      case kOps:
        break;
    }
    v1::SubmitReviewRequest req;
    req.set_claim_id(claim_);
    req.set_verdict("Mostly true");
    req.set_rationale("The report's figure is close enough; the rounding is fair.");
    req.set_confidence(v1::CONFIDENCE_MEDIUM);
    v1::SubmitReviewResponse resp;
    return reviews_->SubmitReview(ctx, req, &resp);
  }

  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::ClaimService::Stub> claims_;
  std::unique_ptr<v1::NoteService::Stub> notes_;
  std::unique_ptr<v1::ReviewService::Stub> reviews_;
  std::string token_;
  const Space& space_;
  std::string key_prefix_;
  std::int64_t claim_ = 0;  // the claim this cycle created (0 when that failed)
  std::int64_t n_ = 0;
  std::int64_t calls_[kOps] = {};
  std::int64_t failed_[kOps] = {};
};

// `writers` writers over the first `k` workspaces, closed loop for `seconds`, or paced at
// `rate` calls/s when it is positive.
Stats RunFactdesk(const std::string& server_bin, const Options& o, const Desk& desk, int k,
                  int writers, double rate) {
  bench::ServerProcess server(server_bin, desk.url);
  bench::PgConn conn(desk.url);
  std::vector<std::unique_ptr<Writer>> ws;
  for (int i = 0; i < writers; ++i) {
    ws.push_back(std::make_unique<Writer>(server.port(), i,
                                          desk.tokens[static_cast<std::size_t>(i)],
                                          desk.spaces[static_cast<std::size_t>(i % k)]));
  }
  for (auto& w : ws) {  // warm-up: connections, pools, prepared statements, one full cycle
    for (int c = 0; c < kOps; ++c) w->Next();
  }
  const EventCounts before = CountEvents(conn);
  std::vector<std::int64_t> warm_ok(ws.size() * kOps);
  for (std::size_t i = 0; i < ws.size(); ++i) {
    for (int op = 0; op < kOps; ++op) warm_ok[i * kOps + op] = ws[i]->ok(static_cast<Op>(op));
  }
  const double cpu_start = bench::CpuSeconds(server.pid());
  std::vector<std::vector<double>> latencies(ws.size());
  const auto start = Clock::now();
  const auto end = start + std::chrono::duration_cast<Clock::duration>(
                               std::chrono::duration<double>(o.duration));
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < ws.size(); ++i) {
    threads.emplace_back([&, i] {
      for (std::int64_t n = 0;; ++n) {
        if (rate > 0) {
          std::this_thread::sleep_until(
              start + std::chrono::duration_cast<Clock::duration>(
                          std::chrono::duration<double>(static_cast<double>(n) / rate)));
        }
        if (Clock::now() >= end) break;
        const double ms = ws[i]->Next();
        if (ms >= 0) latencies[i].push_back(ms);
      }
    });
  }
  for (auto& t : threads) t.join();
  const double seconds = bench::Seconds(Clock::now() - start);
  Stats s;
  EventCounts expected;
  for (std::size_t i = 0; i < ws.size(); ++i) {
    for (int op = 0; op < kOps; ++op) {
      const std::int64_t ok = ws[i]->ok(static_cast<Op>(op)) - warm_ok[i * kOps + op];
      expected[{ws[i]->workspace(), kOpEvents[op]}] += ok;
      s.ok += ok;
    }
    s.failed += ws[i]->failed();
  }
  const double cpu_s = bench::CpuSeconds(server.pid()) - cpu_start;
  std::vector<double> all;
  for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  Summarize(all, seconds, s);
  if (s.ok > 0) s.cpu_us = cpu_s * 1e6 / static_cast<double>(s.ok);
  CheckEvents(conn, before, expected, s);
  return s;
}

// ---------------------------------------------------------------------------------------
// pgbench

std::string PgbenchPath() {
  if (auto bin = factdesk::store::FindPostgresBinDir(); bin.ok() && fs::exists(*bin + "/pgbench")) {
    return *bin + "/pgbench";
  }
  return "/usr/bin/pgbench";
}

// The variables bench/pgbench/mutations.sql reads: who writes, and where.
std::vector<std::string> ScriptVariables(const Desk& desk, const Space& space, int writer) {
  const std::vector<std::pair<std::string, std::int64_t>> vars = {
      {"ws", space.id},
      {"transcript", space.debate.transcript_id},
      {"seg_lo", space.debate.segments.front()},
      {"seg_hi", space.debate.segments.back()},
      {"user", desk.users[static_cast<std::size_t>(writer)]},
      {"n", 0}};
  std::vector<std::string> out;
  for (const auto& [name, value] : vars) {
    out.push_back("-D");
    out.push_back(fmt::format("{}={}", name, value));
  }
  return out;
}

struct PgbenchLog {
  std::vector<double> latencies;  // ms, schedule lag excluded
  std::int64_t per_op[kOps] = {};
  std::int64_t failed = 0;
};

// pgbench -l lines: client_id transaction_no time script_no time_epoch time_us [lag];
// `time` is "failed" (or another word) for a transaction that did not commit. The script
// runs the cycle's mutations in turn, so (transaction_no - 1) mod 3 (numbers start at 1)
// says which one it was.
void ReadPgbenchLogs(const std::string& dir, const std::string& prefix, PgbenchLog& log) {
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.path().filename().string().starts_with(prefix)) continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string client, tx, time, script, epoch, us, lag = "0";
      fields >> client >> tx >> time >> script >> epoch >> us >> lag;
      if (time.empty() || !std::isdigit(static_cast<unsigned char>(time[0]))) {
        ++log.failed;
        continue;
      }
      ++log.per_op[(std::stoll(tx) - 1) % kOps];
      log.latencies.push_back((std::stod(time) - std::stod(lag)) / 1000.0);
    }
    fs::remove(entry.path());
  }
}

// What the server's listener does beside its writes, for the baseline: one connection
// LISTENs on the events channel and reads every notification as it comes. Without it
// pgbench's COMMITs would signal no one, where each of the server's wakes its listener.
class EventListener {
 public:
  explicit EventListener(const std::string& url) : conn_(url) {
    conn_.Exec(fmt::format("LISTEN {}", factdesk::store::kEventsChannel));
    thread_ = std::thread([this] { Loop(); });
  }
  ~EventListener() {
    stop_ = true;
    thread_.join();
  }
  EventListener(const EventListener&) = delete;
  EventListener& operator=(const EventListener&) = delete;

 private:
  void Loop() {
    pollfd fd{PQsocket(conn_.get()), POLLIN, 0};
    while (!stop_) {
      if (poll(&fd, 1, 100) <= 0) continue;
      if (PQconsumeInput(conn_.get()) == 0) return;  // the connection is gone
      while (PGnotify* n = PQnotifies(conn_.get())) PQfreemem(n);
    }
  }

  bench::PgConn conn_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// K processes (one per workspace) with the factdesk side's clients, at once.
Stats RunPgbench(const Options& o, const Desk& desk, const std::string& dir, int k, int writers,
                 double rate) {
  bench::PgConn conn(desk.url);
  const EventCounts before = CountEvents(conn);
  const EventListener listener(desk.url);
  std::vector<std::unique_ptr<factdesk::testing::ChildProcess>> procs;
  const auto start = Clock::now();
  for (int w = 0; w < k && w < writers; ++w) {
    const int clients = (writers - w + k - 1) / k;
    factdesk::testing::ProcessOptions p;
    p.argv = {o.pgbench,
              "-n",
              "-M",
              "prepared",
              "-c",
              std::to_string(clients),
              "-j",
              "1",
              "-T",
              fmt::format("{:.0f}", o.duration),
              "-l",
              "--log-prefix",
              dir + "/pgb-" + std::to_string(w)};
    if (rate > 0) p.argv.insert(p.argv.end(), {"-R", fmt::format("{:.0f}", rate)});
    for (const auto& v : ScriptVariables(desk, desk.spaces[static_cast<std::size_t>(w)], w)) {
      p.argv.push_back(v);
    }
    p.argv.push_back("-f");
    p.argv.push_back(o.scripts + "/mutations.sql");
    p.argv.push_back(desk.url);
    procs.push_back(std::make_unique<factdesk::testing::ChildProcess>(p));
  }
  for (auto& p : procs) {
    const auto rc = p->Wait(std::chrono::milliseconds(static_cast<int>(o.duration * 1000)) + 60s);
    if (rc != 0) throw std::runtime_error("pgbench failed: " + p->err() + p->out());
  }
  const double seconds = bench::Seconds(Clock::now() - start);
  Stats s;
  EventCounts expected;
  std::vector<double> all;
  for (int w = 0; w < k && w < writers; ++w) {
    PgbenchLog log;
    ReadPgbenchLogs(dir, "pgb-" + std::to_string(w) + ".", log);
    for (int op = 0; op < kOps; ++op) {
      expected[{desk.spaces[static_cast<std::size_t>(w)].id, kOpEvents[op]}] += log.per_op[op];
      s.ok += log.per_op[op];
    }
    s.failed += log.failed;
    all.insert(all.end(), log.latencies.begin(), log.latencies.end());
  }
  // pgbench times -T itself, from its own start; a run far shorter than asked failed.
  if (seconds < 0.9 * o.duration) throw std::runtime_error("pgbench ended early");
  Summarize(all, o.duration, s);
  CheckEvents(conn, before, expected, s);
  return s;
}

// ---------------------------------------------------------------------------------------
// Setup

Desk Setup(const std::string& url, const Options& o, int spaces) {
  auto migrated = factdesk::store::Migrate(url);
  if (!migrated.ok()) throw std::runtime_error("migrate: " + migrated.status().message());
  factdesk::store::ConnectionPool pool({url, 2, std::chrono::milliseconds(5000)},
                                       factdesk::store::AllStatements());
  factdesk::store::Db db(pool);
  bench::PgConn conn(url);
  Desk desk;
  desk.url = url;
  bench::Must(factdesk::server::AdminCreateUser(db, "owner", "Desk Owner", false));
  for (int i = 0; i < o.writers; ++i) {
    const std::string handle = fmt::format("writer{}", i);
    bench::Must(factdesk::server::AdminCreateUser(db, handle, "Writer", false));
    desk.tokens.push_back(bench::Must(factdesk::server::AdminIssueToken(db, handle)));
    desk.users.push_back(
        std::stoll(conn.Value("SELECT id FROM users WHERE handle = $1", {handle})));
  }
  for (int w = 0; w < spaces; ++w) {
    const std::string slug = fmt::format("desk{}", w);
    bench::Must(factdesk::server::AdminCreateWorkspace(db, slug, "Write bench", "owner", false));
    for (int i = 0; i < o.writers; ++i) {
      bench::Must(
          factdesk::server::AdminAddMember(db, slug, fmt::format("writer{}", i), "checker"));
    }
    Space space;
    space.id = std::stoll(conn.Value("SELECT id FROM workspaces WHERE slug = $1", {slug}));
    // A review needs no source here, so a writer can review the claim it just marked.
    conn.Exec(fmt::format("UPDATE workspaces SET require_source = false WHERE id = {}", space.id));
    desk.spaces.push_back(std::move(space));
  }
  return desk;
}

// A debate in every workspace, imported through the server.
void ImportDebates(const Options& o, Desk& desk) {
  bench::ServerProcess server(o.server_bin, desk.url);
  bench::PgConn conn(desk.url);
  for (Space& space : desk.spaces) {
    space.debate = bench::ImportDebate(server.port(), desk.tokens[0], space.id, conn);
  }
  // The server scores imported transcripts for suggestions in the background: done
  // before anything is measured.
  const auto deadline = Clock::now() + 10min;
  while (conn.Value("SELECT count(*) FROM scoring_queue WHERE state = 'pending'") != "0") {
    if (Clock::now() > deadline) throw std::runtime_error("scoring did not finish");
    std::this_thread::sleep_for(200ms);
  }
}

// ---------------------------------------------------------------------------------------
// Report

// One side's measurements: per K at saturation, and at light load.
struct Series {
  std::string name;
  std::string server_bin;  // "" for pgbench
  std::map<int, std::vector<Stats>> saturated;
  std::vector<Stats> light;
};

std::string Line(const std::string& who, const Stats& s) {
  return fmt::format(
      "{}: {:.0f}/s, p50 {:.2f} p99 {:.2f} ms, {} ok, {} failed, {} lost, {} duplicated, "
      "{} workspaces with seq gaps{}",
      who, s.per_second, s.p50, s.p99, s.ok, s.failed, s.lost, s.duplicated, s.gaps,
      s.cpu_us > 0 ? fmt::format(", server CPU {:.0f} us/mutation", s.cpu_us) : "");
}

double Med(const std::vector<Stats>& v, double Stats::*field) {
  std::vector<double> x;
  for (const auto& s : v) x.push_back(s.*field);
  return bench::Median(x);
}

std::int64_t Sum(const std::vector<Stats>& v, std::int64_t Stats::*field) {
  std::int64_t total = 0;
  for (const auto& s : v) total += s.*field;
  return total;
}

std::string Ratio(double a, double b) {
  return b <= 0 ? std::string("n/a") : fmt::format("{:.2f}", a / b);
}

std::string Correctness(const std::vector<Stats>& v) {
  return fmt::format("{} lost, {} dup, {} gaps, {} failed", Sum(v, &Stats::lost),
                     Sum(v, &Stats::duplicated), Sum(v, &Stats::gaps), Sum(v, &Stats::failed));
}

// The last series is pgbench, the baseline of every ratio.
void PrintTables(const Options& o, const std::vector<Series>& series) {
  const Series& pg = series.back();
  std::cout << fmt::format(
      "\nsaturation: {} writers, closed loop, medians over {} rounds; x = / pgbench\n"
      "{:>2} {:<10} | {:>9} {:>7} {:>7} | {:>6} {:>6} | {:>6} | {}\n",
      o.writers, o.rounds, "K", "side", "per s", "p50 ms", "p99 ms", "x/s", "x p50", "CPU us",
      "correctness");
  for (const auto& [k, p] : pg.saturated) {
    for (const Series& side : series) {
      const auto& f = side.saturated.at(k);
      std::cout << fmt::format(
          "{:>2} {:<10} | {:>9.0f} {:>7.2f} {:>7.2f} | {:>6} {:>6} | {:>6.0f} | {}\n", k, side.name,
          Med(f, &Stats::per_second), Med(f, &Stats::p50), Med(f, &Stats::p99),
          Ratio(Med(f, &Stats::per_second), Med(p, &Stats::per_second)),
          Ratio(Med(f, &Stats::p50), Med(p, &Stats::p50)), Med(f, &Stats::cpu_us), Correctness(f));
    }
  }
  std::cout << fmt::format(
      "\nlight load: 1 writer at {:.0f} calls/s (pgbench -c 1 -R {:.0f}), medians over {} rounds\n"
      "{:<10} | {:>7} {:>7} | {:>6} | {}\n",
      o.light_rate, o.light_rate, o.rounds, "side", "p50 ms", "p99 ms", "x p50", "correctness");
  for (const Series& side : series) {
    std::cout << fmt::format("{:<10} | {:>7.2f} {:>7.2f} | {:>6} | {}\n", side.name,
                             Med(side.light, &Stats::p50), Med(side.light, &Stats::p99),
                             Ratio(Med(side.light, &Stats::p50), Med(pg.light, &Stats::p50)),
                             Correctness(side.light));
  }
}

Stats Measure(const Series& side, const Options& o, const Desk& desk, const std::string& dir, int k,
              int writers, double rate) {
  // Every CreateClaim queues its claim for matching against the archive, which the
  // server's worker does beside the writes. What an earlier measurement queued (pgbench's
  // claims, which no server ever matched, or the rest of another server's) would be
  // matched on this one's time: thousands of claims, six statements each, which made
  // every round after the first slower for the server than for pgbench.
  bench::PgConn(desk.url).Exec("DELETE FROM claim_match_queue");
  if (side.server_bin.empty()) return RunPgbench(o, desk, dir, k, writers, rate);
  return RunFactdesk(side.server_bin, o, desk, k, writers, rate);
}

// Each round measures every side for each K and at light load, the sides' order reversed
// every other round.
void RunRounds(const Options& o, const Desk& desk, const std::string& dir,
               std::vector<Series>& series) {
  for (int round = 1; round <= o.rounds; ++round) {
    std::vector<Series*> order;
    for (Series& side : series) order.push_back(&side);
    if (round % 2 == 0) std::reverse(order.begin(), order.end());
    for (int k : o.workspaces) {
      for (Series* side : order) {
        const Stats s = Measure(*side, o, desk, dir, k, o.writers, 0);
        side->saturated[k].push_back(s);
        std::cout << fmt::format("round {} K={} {}\n", round, k, Line(side->name, s)) << std::flush;
      }
    }
    for (Series* side : order) {
      const Stats s = Measure(*side, o, desk, dir, 1, 1, o.light_rate);
      side->light.push_back(s);
      std::cout << fmt::format("round {} light {}\n", round, Line(side->name, s)) << std::flush;
    }
  }
}

int Main(int argc, char** argv) {
  Options o;
  o.pgbench = PgbenchPath();
  CLI::App app{"write_throughput: mutations/s through factdesk vs pgbench, same statements"};
  std::string workspaces = "1,8";
  app.add_option("--writers", o.writers, "Writer threads / pgbench clients M (8)")
      ->check(CLI::Range(1, 64));
  app.add_option("--workspaces", workspaces, "Workspace counts K, comma-separated (1,8)");
  app.add_option("--duration", o.duration, "Seconds per measurement (5)")
      ->check(CLI::Range(1.0, 600.0));
  app.add_option("--rounds", o.rounds, "Rounds; medians are over them (3)")
      ->check(CLI::Range(1, 50));
  app.add_option("--light-rate", o.light_rate, "Calls/s of the one paced writer (50)")
      ->check(CLI::Range(1.0, 1000.0));
  app.add_option("--server", o.server_bin, "factdesk-server binary");
  app.add_option("--before", o.before_bin,
                 "Another factdesk-server binary measured alongside (e.g. before a change)");
  app.add_option("--pgbench", o.pgbench, "pgbench binary");
  app.add_option("--scripts", o.scripts, "Directory of the pgbench scripts");
  app.add_flag("--fsync", o.fsync, "Run PostgreSQL with fsync on (default off)");
  CLI11_PARSE(app, argc, argv);
  o.workspaces = bench::ParseIntList(workspaces);
  for (int k : o.workspaces) {
    if (k < 1 || k > o.writers) throw std::runtime_error("each K must be between 1 and M");
  }

  bench::RaiseFileLimit();
  bench::ScratchDir dir;
  auto pg = bench::StartPostgres(dir.path(), o.fsync, 150);
  Desk desk = Setup(pg->Url(), o, *std::max_element(o.workspaces.begin(), o.workspaces.end()));
  ImportDebates(o, desk);
  bench::PgConn conn(pg->Url());
  std::cout << "write_throughput: " << bench::MachineDescription() << "\n"
            << "PostgreSQL " << conn.Value("SHOW server_version") << ", fsync "
            << conn.Value("SHOW fsync") << ", synchronous_commit "
            << conn.Value("SHOW synchronous_commit") << "; " << o.pgbench << "\n"
            << fmt::format(
                   "{} writers; CreateClaim, AddNote, SubmitReview in turn (1:1:1); {:.0f} "
                   "s per measurement, {} rounds, sides alternating\n",
                   o.writers, o.duration, o.rounds)
            << "factdesk: " << o.server_bin << "\n"
            << (o.before_bin.empty() ? "" : "before: " + o.before_bin + "\n") << std::flush;

  std::vector<Series> series;
  if (!o.before_bin.empty()) series.push_back({"before", o.before_bin, {}, {}});
  series.push_back({"factdesk", o.server_bin, {}, {}});
  series.push_back({"pgbench", "", {}, {}});
  RunRounds(o, desk, dir.path(), series);
  PrintTables(o, series);
  std::cout << "load average at the end: " << bench::LoadAverage() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return factdesk::bench::RunTool("write_throughput", Main, argc, argv);
}
