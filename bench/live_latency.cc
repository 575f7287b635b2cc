// live_latency: how long a write takes to reach N live subscribers, against raw
// PostgreSQL LISTEN/NOTIFY measured in the same run, and the server's memory per
// subscriber. The write is a CreateClaim (`--write claim`, the default) or, for live
// transcripts, an AppendSegments of one caption segment (`--write append`: each writer
// feeds its own LIVE transcript, as one caption feed per broadcast does).
//
// The tool starts the project's embedded PostgreSQL (in /tmp/fdb-XXXXXX) and, for each
// measurement, a fresh factdesk-server as a child process on it (`serve --listen
// 127.0.0.1:0 --database URL`), so that the server's VmRSS (/proc/PID/status) is its
// own and starts clean. The server is the real binary; writers and subscribers live in
// this tool:
//   factdesk  N Subscribe streams (gRPC callback API, no thread per stream; by default
//             one channel, i.e. one TCP connection, per subscriber, as real clients have)
//             on one workspace, and M writers (threads, one channel each) calling
//             CreateClaim (or AppendSegments) at a fixed total rate for a fixed time.
//             Latency = when the claim.created (segments.appended) event reached a
//             subscriber - when that write's RPC returned OK, for every (write,
//             subscriber) pair, matched by claim (segment) id.
//   raw PG    N libpq connections that LISTEN (read with epoll by two threads), and M
//             libpq connections each running, at the same total rate,
//             `WITH c AS (INSERT ... RETURNING id) SELECT pg_notify('bench_raw', id)` -
//             an INSERT and a NOTIFY in one transaction. Latency = receipt of the
//             notification - return of that statement (its commit).
// An event can arrive before the writer has seen its OK (the server notifies at commit,
// the reply travels separately): such samples count as 0 ms and are reported as "early".
// Latencies from the moment the request was sent are printed too.
// Every subscriber must receive every write: missing ones and seq gaps are reported.
// Each round runs factdesk then raw PostgreSQL for each N; the table gives medians over
// the rounds, and ratios of those medians.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <grpcpp/grpcpp.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "bench/bench_grpc.h"
#include "bench/bench_support.h"
#include "bench/event_stream.h"
#include "bench/server_process.h"
#include "factdesk/v1/claim.grpc.pb.h"
#include "factdesk/v1/live.grpc.pb.h"
#include "factdesk/v1/transcript.grpc.pb.h"
#include "proto/factdesk/v1/metadata.h"
#include "server/admin.h"
#include "server/store/connection_pool.h"
#include "server/store/migrations.h"
#include "server/store/statement.h"
#include "tests/support/process.h"
#include "tests/support/test_server.h"

namespace {

namespace bench = factdesk::bench;
namespace v1 = factdesk::v1;
using bench::Clock;
using namespace std::chrono_literals;

enum class WriteKind { kClaim, kAppend };

struct Options {
  WriteKind write = WriteKind::kClaim;
  std::vector<int> subscribers = {1, 100, 1000};
  int writers = 4;
  double rate = 20;
  double duration = 10;
  int rounds = 3;
  int streams_per_channel = 1;
  bool fsync = false;
  std::string server_bin = FACTDESK_SERVER_BIN;
};

// One write: its id, when it was sent and when it returned OK.
struct Write {
  std::int64_t id = 0;
  Clock::time_point sent;
  Clock::time_point ok;
};

// One arrival at a subscriber.
struct Arrival {
  std::int64_t id = 0;
  Clock::time_point at;
};

struct Stats {
  double p50 = 0, p99 = 0, max = 0;                 // from the write's OK
  double send_p50 = 0, send_p99 = 0, send_max = 0;  // from the request's send
  std::int64_t writes = 0, samples = 0, missing = 0, early = 0;
  std::int64_t gaps = 0;        // out-of-order or missing seqs (factdesk)
  std::int64_t ended = 0;       // streams the server ended before the tool did (factdesk)
  double rate = 0;              // writes per second achieved
  double rss_per_sub_kib = 0;   // factdesk only
  double cpu_us_per_event = 0;  // factdesk only: server CPU per delivered event
  // factdesk only: this tool's own CPU (its subscribers and writers) per delivered event,
  // to tell a slow server from a saturated client on the same cores.
  double tool_cpu_us_per_event = 0;
  std::int64_t rss_before_kib = 0, rss_after_kib = 0;
};

Stats Compute(const std::vector<Write>& writes,
              const std::vector<const std::vector<Arrival>*>& arrivals) {
  std::unordered_map<std::int64_t, const Write*> by_id;
  for (const auto& w : writes) by_id[w.id] = &w;
  std::vector<double> from_ok;
  std::vector<double> from_send;
  from_ok.reserve(writes.size() * arrivals.size());
  from_send.reserve(writes.size() * arrivals.size());
  Stats s;
  for (const auto* list : arrivals) {
    for (const auto& a : *list) {
      const auto it = by_id.find(a.id);
      if (it == by_id.end()) continue;  // the probe or a warm-up write
      double ms = bench::Millis(a.at - it->second->ok);
      if (ms < 0) {
        ++s.early;
        ms = 0;
      }
      from_ok.push_back(ms);
      from_send.push_back(bench::Millis(a.at - it->second->sent));
    }
  }
  s.writes = static_cast<std::int64_t>(writes.size());
  s.samples = static_cast<std::int64_t>(from_ok.size());
  s.missing = static_cast<std::int64_t>(writes.size() * arrivals.size()) - s.samples;
  s.max = bench::Max(from_ok);
  s.p50 = bench::Percentile(from_ok, 50);
  s.p99 = bench::Percentile(from_ok, 99);
  s.send_p50 = bench::Percentile(from_send, 50);
  s.send_p99 = bench::Percentile(from_send, 99);
  s.send_max = bench::Max(from_send);
  if (writes.size() > 1) {
    auto [first, last] =
        std::minmax_element(writes.begin(), writes.end(),
                            [](const Write& a, const Write& b) { return a.sent < b.sent; });
    s.rate = static_cast<double>(writes.size() - 1) / bench::Seconds(last->sent - first->sent);
  }
  return s;
}

// M threads, each sending every M-th write at its scheduled time (open loop as long as
// the system keeps up; a write that is late goes at once).
template <typename Fn>
std::vector<Write> RunWriters(const Options& o, Fn write) {
  const auto total = static_cast<std::int64_t>(o.rate * o.duration);
  const auto start = Clock::now() + 50ms;
  std::vector<std::vector<Write>> done(static_cast<std::size_t>(o.writers));
  std::vector<std::thread> threads;
  for (int w = 0; w < o.writers; ++w) {
    threads.emplace_back([&, w] {
      for (std::int64_t k = w; k < total; k += o.writers) {
        std::this_thread::sleep_until(
            start + std::chrono::duration_cast<Clock::duration>(
                        std::chrono::duration<double>(static_cast<double>(k) / o.rate)));
        done[static_cast<std::size_t>(w)].push_back(write(w));
      }
    });
  }
  for (auto& t : threads) t.join();
  std::vector<Write> all;
  for (auto& d : done) all.insert(all.end(), d.begin(), d.end());
  return all;
}

bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  while (!done()) {
    if (Clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// factdesk

// One Subscribe stream: the arrivals of the writes' events, matched later by id.
class Subscriber : public bench::EventStream {
 public:
  Subscriber(v1::LiveService::Stub& stub, const std::string& token, std::int64_t workspace,
             std::int64_t after_seq, std::size_t expected, WriteKind kind)
      : kind_(kind) {
    arrivals_.reserve(expected);
    Start(stub, token, workspace, after_seq);
  }
  ~Subscriber() override { Stop(); }

  std::int64_t seen_seq() const { return seen_seq_.load(std::memory_order_acquire); }
  // After WaitDone.
  const std::vector<Arrival>& arrivals() const { return arrivals_; }

 private:
  void OnEvent(const v1::Event& e, Clock::time_point at) override {
    if (kind_ == WriteKind::kClaim && e.kind() == v1::EVENT_KIND_CLAIM_CREATED) {
      arrivals_.push_back({e.claim().id(), at});
    }
    if (kind_ == WriteKind::kAppend && e.kind() == v1::EVENT_KIND_SEGMENTS_APPENDED) {
      for (const auto& segment : e.segments()) arrivals_.push_back({segment.id(), at});
    }
    seen_seq_.store(e.seq(), std::memory_order_release);
  }

  const WriteKind kind_;
  std::vector<Arrival> arrivals_;
  std::atomic<std::int64_t> seen_seq_{0};
};

struct Desk {
  std::string url;  // the factdesk database
  std::int64_t workspace = 0;
  std::string reader_token;                // the subscribers' (a viewer)
  std::vector<std::string> writer_tokens;  // checkers
  std::vector<std::int64_t> segments;      // speech segments with 20 ASCII bytes
};

std::int64_t LastSeq(bench::PgConn& conn, std::int64_t workspace) {
  return std::stoll(conn.Value("SELECT last_seq FROM workspace_seqs WHERE workspace_id = $1",
                               {std::to_string(workspace)}));
}

// The writers' RPCs, one channel (TCP connection) each: a claim in a debate segment, or
// one caption segment appended to the writer's own live transcript.
class Writers {
 public:
  Writers(const Options& o, const Desk& desk, int port) : o_(o), desk_(desk) {
    for (int w = 0; w < o.writers; ++w) {
      auto channel = bench::OwnChannel(port, 100000 + w);
      claims_.push_back(v1::ClaimService::NewStub(channel));
      transcripts_.push_back(v1::TranscriptService::NewStub(channel));
    }
    if (o.write == WriteKind::kAppend) OpenFeeds();
  }

  Write operator()(int w) { return o_.write == WriteKind::kClaim ? CreateClaim(w) : Append(w); }
  std::int64_t errors() const { return errors_.load(); }

 private:
  struct Feed {
    std::int64_t transcript = 0;
    int next_ordinal = 0;  // only its writer's thread touches it
  };

  std::unique_ptr<grpc::ClientContext> Ctx(int w) const {
    return factdesk::testing::Ctx(desk_.writer_tokens[static_cast<std::size_t>(w)]);
  }

  void OpenFeeds() {
    for (int w = 0; w < o_.writers; ++w) {
      v1::OpenLiveTranscriptRequest req;
      req.set_workspace_id(desk_.workspace);
      req.set_title(fmt::format("Live feed {}", w));
      req.set_format(v1::TRANSCRIPT_FORMAT_VTT);
      v1::Transcript transcript;
      const grpc::Status status = transcripts_[static_cast<std::size_t>(w)]->OpenLiveTranscript(
          Ctx(w).get(), req, &transcript);
      if (!status.ok()) throw std::runtime_error("OpenLiveTranscript: " + status.error_message());
      feeds_.push_back({transcript.id(), 0});
    }
  }

  Write CreateClaim(int w) {
    v1::CreateClaimRequest req;
    req.set_segment_id(desk_.segments[next_segment_++ % desk_.segments.size()]);
    req.set_start_byte(0);
    req.set_end_byte(20);
    v1::Claim claim;
    Write out;
    auto ctx = Ctx(w);
    out.sent = Clock::now();
    const grpc::Status status =
        claims_[static_cast<std::size_t>(w)]->CreateClaim(ctx.get(), req, &claim);
    out.ok = Clock::now();
    Check("CreateClaim", status);
    out.id = claim.id();
    return out;
  }

  // One cue of about a caption line's length, two seconds after the previous one.
  Write Append(int w) {
    Feed& feed = feeds_[static_cast<std::size_t>(w)];
    v1::AppendSegmentsRequest req;
    req.set_transcript_id(feed.transcript);
    req.set_first_ordinal(feed.next_ordinal);
    auto* segment = req.add_segments();
    segment->set_speaker(w % 2 == 0 ? "MODERATOR" : "CANDIDATE");
    segment->set_start_ms(std::int64_t{2000} * feed.next_ordinal);
    segment->set_end_ms(std::int64_t{2000} * feed.next_ordinal + 1900);
    segment->set_text(fmt::format("the budget grew by {} percent last year", feed.next_ordinal));
    v1::AppendSegmentsResponse resp;
    Write out;
    auto ctx = Ctx(w);
    out.sent = Clock::now();
    const grpc::Status status =
        transcripts_[static_cast<std::size_t>(w)]->AppendSegments(ctx.get(), req, &resp);
    out.ok = Clock::now();
    Check("AppendSegments", status);
    if (status.ok() && resp.segments_size() == 1) {
      out.id = resp.segments(0).id();
      ++feed.next_ordinal;
    }
    return out;
  }

  void Check(const char* rpc, const grpc::Status& status) {
    if (status.ok()) return;
    ++errors_;
    std::cerr << rpc << ": " << status.error_message() << "\n";
  }

  const Options& o_;
  const Desk& desk_;
  std::vector<std::unique_ptr<v1::ClaimService::Stub>> claims_;
  std::vector<std::unique_ptr<v1::TranscriptService::Stub>> transcripts_;
  std::vector<Feed> feeds_;
  std::atomic<std::size_t> next_segment_{0};
  std::atomic<std::int64_t> errors_{0};
};

Stats RunFactdesk(const Options& o, const Desk& desk, int n) {
  bench::ServerProcess server(o.server_bin, desk.url);
  bench::PgConn conn(desk.url);
  Writers create(o, desk, server.port());

  // Warm-up: connections, pools, threads, the workspace's feed, with one subscriber.
  const std::size_t expected = static_cast<std::size_t>(o.rate * o.duration) + 64;
  {
    auto stub = v1::LiveService::NewStub(bench::OwnChannel(server.port(), 99999));
    Subscriber warm(*stub, desk.reader_token, desk.workspace, LastSeq(conn, desk.workspace), 64,
                    o.write);
    for (int i = 0; i < 3; ++i) {
      for (int w = 0; w < o.writers; ++w) create(w);
    }
    const auto last = LastSeq(conn, desk.workspace);
    if (!WaitUntil([&] { return warm.seen_seq() >= last; }, 30s)) {
      throw std::runtime_error("warm-up subscriber got nothing");
    }
    warm.Cancel();
    warm.WaitDone(10s);
  }
  std::this_thread::sleep_for(300ms);

  Stats s;
  s.rss_before_kib = bench::ResidentKiB(server.pid());
  const std::int64_t after_seq = LastSeq(conn, desk.workspace);
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  std::vector<std::unique_ptr<v1::LiveService::Stub>> stubs;
  std::vector<std::unique_ptr<Subscriber>> subs;
  // On every way out (errors included), no reactor is destroyed while its call runs.
  struct EndAll {
    std::vector<std::unique_ptr<Subscriber>>& subs;
    ~EndAll() {
      for (auto& sub : subs) sub->Cancel();
      for (auto& sub : subs) sub->WaitDone(10s);
    }
  } end_all{subs};
  for (int i = 0; i < n; ++i) {
    if (i % o.streams_per_channel == 0) {
      channels.push_back(bench::OwnChannel(server.port(), i));
      stubs.push_back(v1::LiveService::NewStub(channels.back()));
    }
    subs.push_back(std::make_unique<Subscriber>(*stubs.back(), desk.reader_token, desk.workspace,
                                                after_seq, expected, o.write));
  }
  // The probe: once every subscriber has it, every stream is set up on the server.
  create(0);
  const auto probe_seq = LastSeq(conn, desk.workspace);
  auto all_reached = [&](std::int64_t seq) {
    return std::all_of(subs.begin(), subs.end(),
                       [&](const auto& sub) { return sub->seen_seq() >= seq; });
  };
  if (!WaitUntil([&] { return all_reached(probe_seq); }, 120s)) {
    throw std::runtime_error("not every subscriber received the probe");
  }
  std::this_thread::sleep_for(300ms);
  s.rss_after_kib = bench::ResidentKiB(server.pid());

  const double cpu_start = bench::CpuSeconds(server.pid());
  const double tool_cpu_start = bench::CpuSeconds(getpid());
  const std::vector<Write> writes = RunWriters(o, [&](int w) { return create(w); });
  const auto last = LastSeq(conn, desk.workspace);
  WaitUntil([&] { return all_reached(last); }, 30s);
  const double cpu_s = bench::CpuSeconds(server.pid()) - cpu_start;
  const double tool_cpu_s = bench::CpuSeconds(getpid()) - tool_cpu_start;
  int ended = 0;
  for (auto& sub : subs) sub->Cancel();
  std::vector<const std::vector<Arrival>*> arrivals;
  for (auto& sub : subs) {
    if (!sub->WaitDone(30s)) throw std::runtime_error("a subscriber did not end");
    if (sub->cut()) {
      if (ended++ == 0) std::cerr << "a stream ended: " << sub->status().error_message() << "\n";
    }
    arrivals.push_back(&sub->arrivals());
  }
  Stats computed = Compute(writes, arrivals);
  computed.rss_before_kib = s.rss_before_kib;
  computed.rss_after_kib = s.rss_after_kib;
  computed.rss_per_sub_kib =
      static_cast<double>(s.rss_after_kib - s.rss_before_kib) / static_cast<double>(n);
  for (const auto& sub : subs) computed.gaps += sub->gaps();
  computed.ended = ended;
  if (computed.samples > 0) {
    computed.cpu_us_per_event = cpu_s * 1e6 / static_cast<double>(computed.samples);
    computed.tool_cpu_us_per_event = tool_cpu_s * 1e6 / static_cast<double>(computed.samples);
  }
  if (create.errors() > 0 || ended > 0) {
    std::cerr << fmt::format("  factdesk N={}: {} failed writes, {} streams ended early\n", n,
                             create.errors(), ended);
  }
  return computed;
}

// ---------------------------------------------------------------------------------------
// raw PostgreSQL

class Listeners {
 public:
  Listeners(const std::string& url, int n, int threads) {
    for (int i = 0; i < n; ++i) {
      auto c = std::make_unique<bench::PgConn>(url);
      c->Exec("LISTEN bench_raw");
      PQsetnonblocking(c->get(), 1);
      conns_.push_back(std::move(c));
    }
    arrivals_.resize(static_cast<std::size_t>(n));
    counts_ = std::vector<std::atomic<std::int64_t>>(static_cast<std::size_t>(n));
    threads = std::min(threads, n);
    for (int t = 0; t < threads; ++t) {
      threads_.emplace_back([this, t, threads, n] { Loop(t, threads, n); });
    }
  }
  ~Listeners() {
    stop_ = true;
    for (auto& t : threads_) t.join();
  }
  void Reserve(std::size_t n) {
    for (auto& a : arrivals_) a.reserve(n);
  }
  bool AllHave(std::int64_t count) const {
    return std::all_of(counts_.begin(), counts_.end(),
                       [&](const auto& c) { return c.load() >= count; });
  }
  // After Stop.
  std::vector<const std::vector<Arrival>*> arrivals() const {
    std::vector<const std::vector<Arrival>*> out;
    for (const auto& a : arrivals_) out.push_back(&a);
    return out;
  }
  void Stop() {
    stop_ = true;
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

 private:
  void Loop(int t, int threads, int n) {
    const int ep = epoll_create1(0);
    for (int i = t; i < n; i += threads) {
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.u32 = static_cast<std::uint32_t>(i);
      epoll_ctl(ep, EPOLL_CTL_ADD, PQsocket(conns_[static_cast<std::size_t>(i)]->get()), &ev);
    }
    std::vector<epoll_event> ready(256);
    while (!stop_) {
      const int k = epoll_wait(ep, ready.data(), static_cast<int>(ready.size()), 50);
      for (int j = 0; j < k; ++j) {
        const auto i = static_cast<std::size_t>(ready[static_cast<std::size_t>(j)].data.u32);
        PGconn* c = conns_[i]->get();
        PQconsumeInput(c);
        while (PGnotify* note = PQnotifies(c)) {
          arrivals_[i].push_back({std::strtoll(note->extra, nullptr, 10), Clock::now()});
          counts_[i].fetch_add(1);
          PQfreemem(note);
        }
      }
    }
    close(ep);
  }

  std::vector<std::unique_ptr<bench::PgConn>> conns_;
  std::vector<std::vector<Arrival>> arrivals_;
  std::vector<std::atomic<std::int64_t>> counts_;
  std::atomic<bool> stop_{false};
  std::vector<std::thread> threads_;
};

constexpr const char* kRawWrite =
    "WITH c AS (INSERT INTO raw_claims (body) VALUES ($1) RETURNING id) "
    "SELECT id, pg_notify('bench_raw', id::text) FROM c";

Stats RunRaw(const Options& o, const std::string& url, int n) {
  Listeners listeners(url, n, 2);
  const std::size_t expected = static_cast<std::size_t>(o.rate * o.duration) + 64;
  listeners.Reserve(expected);
  std::vector<std::unique_ptr<bench::PgConn>> writers;
  for (int w = 0; w < o.writers; ++w) {
    writers.push_back(std::make_unique<bench::PgConn>(url));
    PGresult* res = PQprepare(writers.back()->get(), "write", kRawWrite, 1, nullptr);
    PQclear(res);
  }
  // A body about as long as the claim's quote and summary.
  const std::string body = "the budget grew by 3 percent";
  auto write = [&](int w) {
    const char* values[] = {body.c_str()};
    Write out;
    out.sent = Clock::now();
    PGresult* res = PQexecPrepared(writers[static_cast<std::size_t>(w)]->get(), "write", 1, values,
                                   nullptr, nullptr, 0);
    out.ok = Clock::now();
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
      const std::string error = PQresultErrorMessage(res);
      PQclear(res);
      throw std::runtime_error("raw write: " + error);
    }
    out.id = std::strtoll(PQgetvalue(res, 0, 0), nullptr, 10);
    PQclear(res);
    return out;
  };
  std::int64_t sent = 0;
  for (int i = 0; i < 3; ++i) {
    for (int w = 0; w < o.writers; ++w, ++sent) write(w);
  }
  if (!WaitUntil([&] { return listeners.AllHave(sent); }, 60s)) {
    throw std::runtime_error("raw warm-up: a listener got nothing");
  }
  const std::vector<Write> writes = RunWriters(o, write);
  WaitUntil([&] { return listeners.AllHave(sent + static_cast<std::int64_t>(writes.size())); },
            30s);
  listeners.Stop();
  return Compute(writes, listeners.arrivals());
}

// ---------------------------------------------------------------------------------------

Desk Setup(const std::string& url, const Options& o) {
  auto migrated = factdesk::store::Migrate(url);
  if (!migrated.ok()) throw std::runtime_error("migrate: " + migrated.status().message());
  factdesk::store::ConnectionPool pool({url, 2, std::chrono::milliseconds(5000)},
                                       factdesk::store::AllStatements());
  factdesk::store::Db db(pool);
  Desk desk;
  desk.url = url;
  bench::Must(factdesk::server::AdminCreateUser(db, "owner", "Desk Owner", false));
  bench::Must(factdesk::server::AdminCreateWorkspace(db, "live", "Live bench", "owner", false));
  desk.reader_token = bench::AddMemberWithToken(db, "live", "reader", "viewer");
  for (int w = 0; w < o.writers; ++w) {
    desk.writer_tokens.push_back(
        bench::AddMemberWithToken(db, "live", fmt::format("writer{}", w), "checker"));
  }
  bench::PgConn conn(url);
  desk.workspace = std::stoll(conn.Value("SELECT id FROM workspaces WHERE slug = 'live'"));

  // A debate to mark claims in, imported through a server.
  bench::ServerProcess server(o.server_bin, url);
  desk.segments =
      bench::ImportDebate(server.port(), desk.writer_tokens[0], desk.workspace, conn).segments;
  return desk;
}

int Main(int argc, char** argv) {
  Options o;
  CLI::App app{"live_latency: write-to-subscriber latency, factdesk vs LISTEN/NOTIFY"};
  app.add_option("--write", o.write,
                 "What the writers do: claim (CreateClaim) or append (AppendSegments of one "
                 "segment to the writer's own live transcript)")
      ->transform(
          CLI::CheckedTransformer(std::map<std::string, WriteKind>{{"claim", WriteKind::kClaim},
                                                                   {"append", WriteKind::kAppend}},
                                  CLI::ignore_case));
  std::string subscribers = "1,100,1000";
  app.add_option("--subscribers", subscribers, "Subscriber counts N, comma-separated");
  app.add_option("--writers", o.writers, "Writer threads M (4)")->check(CLI::Range(1, 64));
  app.add_option("--rate", o.rate, "Writes per second, all writers together (20)")
      ->check(CLI::Range(1.0, 100000.0));
  app.add_option("--duration", o.duration, "Seconds of writing per measurement (10)")
      ->check(CLI::Range(1.0, 600.0));
  app.add_option("--rounds", o.rounds, "Rounds; medians are over them (3)")
      ->check(CLI::Range(1, 50));
  app.add_option("--streams-per-channel", o.streams_per_channel,
                 "Subscribe streams sharing one gRPC channel / TCP connection (1)")
      ->check(CLI::Range(1, 100000));
  app.add_option("--server", o.server_bin, "factdesk-server binary");
  app.add_flag("--fsync", o.fsync, "Run PostgreSQL with fsync on (default off)");
  CLI11_PARSE(app, argc, argv);
  o.subscribers = bench::ParseIntList(subscribers);
  const int max_n = *std::max_element(o.subscribers.begin(), o.subscribers.end());

  bench::RaiseFileLimit();
  bench::ScratchDir dir;
  auto pg = bench::StartPostgres(dir.path(), o.fsync, max_n + 150);
  {
    bench::PgConn admin(pg->UrlFor("postgres"));
    admin.Exec("CREATE DATABASE rawbench");
  }
  const std::string raw_url = pg->UrlFor("rawbench");
  {
    bench::PgConn raw(raw_url);
    raw.Exec(
        "CREATE TABLE raw_claims (id bigserial PRIMARY KEY, body text NOT NULL, "
        "created_at timestamptz NOT NULL DEFAULT now())");
  }
  const Desk desk = Setup(pg->Url(), o);
  bench::PgConn conn(pg->Url());
  std::cout << "live_latency: " << bench::MachineDescription() << "\n"
            << "PostgreSQL " << conn.Value("SHOW server_version") << ", fsync "
            << conn.Value("SHOW fsync") << ", max_connections "
            << conn.Value("SHOW max_connections") << "\n"
            << fmt::format(
                   "{} writers ({}), {:.0f} writes/s in all, {:.0f} s per measurement, {} rounds, "
                   "{} subscriber stream(s) per TCP connection\n",
                   o.writers,
                   o.write == WriteKind::kClaim ? "CreateClaim" : "AppendSegments, one feed each",
                   o.rate, o.duration, o.rounds, o.streams_per_channel)
            << std::flush;

  std::map<int, std::vector<Stats>> fd;
  std::map<int, std::vector<Stats>> raw;
  for (int round = 1; round <= o.rounds; ++round) {
    for (int n : o.subscribers) {
      const Stats f = RunFactdesk(o, desk, n);
      const Stats r = RunRaw(o, raw_url, n);
      fd[n].push_back(f);
      raw[n].push_back(r);
      std::cout << fmt::format(
                       "round {} N={:<5} factdesk: OK->arrival p50 {:.2f} p99 {:.2f} max {:.2f} "
                       "ms, send->arrival p50 {:.2f} p99 {:.2f} ms, {:.0f} w/s, {}/{} delivered, "
                       "{} early, {} gaps, {} streams cut, RSS {} -> {} KiB, {:.0f} us CPU/event "
                       "(tool {:.0f} us)"
                       " | raw: OK->arrival p50 {:.2f} p99 {:.2f} max {:.2f} ms, send->arrival "
                       "p50 {:.2f} p99 {:.2f} ms, {:.0f} w/s, {}/{} delivered, {} early\n",
                       round, n, f.p50, f.p99, f.max, f.send_p50, f.send_p99, f.rate, f.samples,
                       f.writes * n, f.early, f.gaps, f.ended, f.rss_before_kib, f.rss_after_kib,
                       f.cpu_us_per_event, f.tool_cpu_us_per_event, r.p50, r.p99, r.max, r.send_p50,
                       r.send_p99, r.rate, r.samples, r.writes * n, r.early)
                << std::flush;
    }
  }

  auto med = [](const std::vector<Stats>& v, auto field) {
    std::vector<double> x;
    for (const auto& s : v) x.push_back(static_cast<double>(s.*field));
    return bench::Median(x);
  };
  auto sum = [](const std::vector<Stats>& v, auto field) {
    std::int64_t total = 0;
    for (const auto& s : v) total += s.*field;
    return total;
  };
  // A ratio, or n/a when the baseline rounds to 0 ms.
  auto ratio = [](double a, double b) {
    return b < 0.005 ? std::string("n/a") : fmt::format("{:.1f}", a / b);
  };
  auto pct = [](std::int64_t part, std::int64_t whole) {
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  };
  std::cout << fmt::format(
      "\nlatency from the write's OK to its arrival at each subscriber, ms (early arrivals count "
      "as 0); medians over {} rounds\n"
      "{:>5} | {:>8} {:>8} {:>8} | {:>8} {:>8} {:>8} | {:>5} {:>5} | {:>7} | {:>11} | {:>13} | "
      "{:>11} | {:>11}\n",
      o.rounds, "N", "fd p50", "fd p99", "fd max", "raw p50", "raw p99", "raw max", "p50 x",
      "p99 x", "RSS/sub", "missing", "early %", "fd CPU/ev", "tool CPU/ev");
  std::cout << fmt::format(
      "{:>5} | {:>26} | {:>26} | {:>11} | {:>7} | {:>11} | {:>13} | {:>11} | {:>11}\n", "",
      "factdesk", "raw PostgreSQL", "fd / raw", "KiB", "fd / raw", "fd / raw", "us", "us");
  for (int n : o.subscribers) {
    const auto& f = fd[n];
    const auto& r = raw[n];
    const double fp50 = med(f, &Stats::p50), fp99 = med(f, &Stats::p99);
    const double rp50 = med(r, &Stats::p50), rp99 = med(r, &Stats::p99);
    std::cout << fmt::format(
        "{:>5} | {:>8.2f} {:>8.2f} {:>8.2f} | {:>8.2f} {:>8.2f} {:>8.2f} | {:>5} {:>5} | {:>7.1f} "
        "| {:>5}/{:<5} | {:>5.1f}/{:<5.1f}  | {:>11.0f} | {:>11.0f}\n",
        n, fp50, fp99, med(f, &Stats::max), rp50, rp99, med(r, &Stats::max), ratio(fp50, rp50),
        ratio(fp99, rp99), med(f, &Stats::rss_per_sub_kib), sum(f, &Stats::missing),
        sum(r, &Stats::missing), pct(sum(f, &Stats::early), sum(f, &Stats::samples)),
        pct(sum(r, &Stats::early), sum(r, &Stats::samples)), med(f, &Stats::cpu_us_per_event),
        med(f, &Stats::tool_cpu_us_per_event));
  }
  std::cout << fmt::format(
      "\nlatency from the write request's send to its arrival at each subscriber, ms; medians "
      "over {} rounds\n"
      "{:>5} | {:>8} {:>8} {:>8} | {:>8} {:>8} {:>8} | {:>5} {:>5} | {:>15}\n",
      o.rounds, "N", "fd p50", "fd p99", "fd max", "raw p50", "raw p99", "raw max", "p50 x",
      "p99 x", "writes/s fd/raw");
  for (int n : o.subscribers) {
    const auto& f = fd[n];
    const auto& r = raw[n];
    const double fp50 = med(f, &Stats::send_p50), fp99 = med(f, &Stats::send_p99);
    const double rp50 = med(r, &Stats::send_p50), rp99 = med(r, &Stats::send_p99);
    std::cout << fmt::format(
        "{:>5} | {:>8.2f} {:>8.2f} {:>8.2f} | {:>8.2f} {:>8.2f} {:>8.2f} | {:>5} {:>5} | "
        "{:>7.0f}/{:<7.0f}\n",
        n, fp50, fp99, med(f, &Stats::send_max), rp50, rp99, med(r, &Stats::send_max),
        ratio(fp50, rp50), ratio(fp99, rp99), med(f, &Stats::rate), med(r, &Stats::rate));
  }
  std::int64_t gaps = 0;
  std::int64_t cut = 0;
  for (const auto& [n, v] : fd) {
    gaps += sum(v, &Stats::gaps);
    cut += sum(v, &Stats::ended);
  }
  std::cout << "\nfactdesk subscribers: " << gaps << " seq gaps or reorderings, " << cut
            << " streams ended by the server\n";
  std::cout << "load average at the end: " << bench::LoadAverage() << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return factdesk::bench::RunTool("live_latency", Main, argc, argv);
}
