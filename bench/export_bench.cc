// export_bench: exporting a workspace of 10,000 claims over gRPC, as a ratio against
// PostgreSQL's own `COPY ... TO STDOUT` of the same rows measured in the same run.
//
// The workspace is bench/debate_workspace.h's: the three debates and --claims claims
// with their reviews, sources, notes and disputes. Then, interleaved (rotated order),
// --reps times each:
//   CSV          Export(workspace, EXPORT_FORMAT_CSV) over loopback gRPC to an in-process
//                server, every chunk read: pages of claims, their segments, sources and
//                reviews read from PostgreSQL, mapped to protobuf, written as CSV;
//   ClaimReview  the same for EXPORT_FORMAT_CLAIMREVIEW (JSON-LD, published claims only);
//   ListClaims   every claim of the workspace read as the desktop and `factdesk claims`
//                read them: ListClaims pages of 500 in reading order, each page started
//                after the last one's final claim (bytes: the protobuf messages);
//   COPY         in one REPEATABLE READ READ ONLY transaction via libpq, three
//                `COPY (SELECT ...) TO STDOUT (FORMAT csv)`: the workspace's claims with
//                their segment's ordinal, text and speaker, its active sources and its
//                reviews, every byte read: PostgreSQL handing over the rows an export
//                reads, with no mapping at all;
//   COPY published  the same three COPYs of the published claims and their sources and
//                reviews only: the rows a ClaimReview export reads, its baseline.
// Medians, and the ratios export / its COPY, are printed.
#include <algorithm>
#include <iostream>
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
#include "factdesk/v1/claim.grpc.pb.h"
#include "factdesk/v1/export.grpc.pb.h"
#include "tests/support/test_server.h"

namespace {

namespace bench = factdesk::bench;
namespace v1 = factdesk::v1;
using bench::Clock;

struct Timed {
  double ms = 0;
  std::size_t bytes = 0;
};

Timed RunExport(v1::ExportService::Stub& stub, const std::string& token, std::int64_t ws,
                v1::ExportFormat format) {
  v1::ExportRequest req;
  req.set_workspace_id(ws);
  req.set_format(format);
  auto ctx = factdesk::testing::Ctx(token);
  ctx->set_deadline(std::chrono::system_clock::now() + std::chrono::minutes(10));
  Timed out;
  const auto start = Clock::now();
  auto reader = stub.Export(ctx.get(), req);
  v1::ExportChunk chunk;
  while (reader->Read(&chunk)) out.bytes += chunk.data().size();
  const grpc::Status status = reader->Finish();
  out.ms = bench::Millis(Clock::now() - start);
  if (!status.ok()) throw std::runtime_error("Export: " + status.error_message());
  return out;
}

Timed RunListClaims(v1::ClaimService::Stub& stub, const std::string& token, std::int64_t ws,
                    int expected) {
  v1::ListClaimsRequest req;
  req.set_workspace_id(ws);
  req.set_page_size(500);
  Timed out;
  int claims = 0;
  const auto start = Clock::now();
  for (;;) {
    auto ctx = factdesk::testing::Ctx(token);
    v1::ListClaimsResponse resp;
    const grpc::Status status = stub.ListClaims(ctx.get(), req, &resp);
    if (!status.ok()) throw std::runtime_error("ListClaims: " + status.error_message());
    out.bytes += resp.ByteSizeLong();
    claims += resp.claims_size();
    if (resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  out.ms = bench::Millis(Clock::now() - start);
  if (claims != expected) {
    throw std::runtime_error(fmt::format("ListClaims: {} claims, expected {}", claims, expected));
  }
  return out;
}

// The rows an export of the workspace reads (of its published claims only, when
// `published_only`), as PostgreSQL's COPY writes them.
class RawCopy {
 public:
  RawCopy(const std::string& url, std::int64_t ws, bool published_only) : conn_(url) {
    const std::string w = std::to_string(ws);
    const std::string published =
        published_only ? " AND claim_id IN (SELECT id FROM claims WHERE status = 'PUBLISHED')" : "";
    queries_ = {
        "COPY (SELECT c.*, s.ordinal, s.text, sp.name FROM claims c "
        "JOIN segments s ON s.id = c.segment_id LEFT JOIN speakers sp ON sp.id = s.speaker_id "
        "WHERE c.workspace_id = " +
            w + (published_only ? " AND c.status = 'PUBLISHED'" : "") +
            " ORDER BY c.transcript_id, s.ordinal, c.start_byte, c.id) TO STDOUT (FORMAT csv)",
        "COPY (SELECT x.* FROM sources x WHERE x.workspace_id = " + w +
            " AND x.removed_at IS NULL" + published + " ORDER BY x.id) TO STDOUT (FORMAT csv)",
        "COPY (SELECT r.* FROM reviews r WHERE r.workspace_id = " + w + published +
            " ORDER BY r.id) TO STDOUT (FORMAT csv)",
    };
  }

  Timed Run() {
    Timed out;
    const auto start = Clock::now();
    conn_.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    for (const std::string& query : queries_) out.bytes += Copy(query);
    conn_.Exec("COMMIT");
    out.ms = bench::Millis(Clock::now() - start);
    return out;
  }

 private:
  std::size_t Copy(const std::string& query) {
    PGresult* res = PQexec(conn_.get(), query.c_str());
    const bool started = PQresultStatus(res) == PGRES_COPY_OUT;
    PQclear(res);
    if (!started) throw std::runtime_error("COPY: " + std::string(PQerrorMessage(conn_.get())));
    std::size_t bytes = 0;
    char* buffer = nullptr;
    for (int n; (n = PQgetCopyData(conn_.get(), &buffer, 0)) > 0;) {
      bytes += static_cast<std::size_t>(n);
      PQfreemem(buffer);
    }
    for (PGresult* r; (r = PQgetResult(conn_.get())) != nullptr;) PQclear(r);
    return bytes;
  }

  bench::PgConn conn_;
  std::vector<std::string> queries_;
};

struct Series {
  const char* name;
  // The series this one is a ratio against: the COPY of the rows it reads.
  std::size_t baseline;
  std::vector<double> ms;
  std::size_t bytes = 0;
};

int Main(int argc, char** argv) {
  CLI::App app{"export_bench: exporting a 10,000-claim workspace vs COPY TO of the same rows"};
  bench::DebateBenchOptions options;
  bench::AddDebateBenchOptions(app, options);
  CLI11_PARSE(app, argc, argv);
  spdlog::set_default_logger(spdlog::stderr_logger_mt("server"));

  const auto run = bench::StartDebateBench(options);
  const std::string& url = run->url;
  const bench::DebateWorkspace& ws = run->workspace;
  const int claims = options.claims;
  const int reps = options.reps;
  bench::PgConn conn(url);
  conn.Exec("VACUUM ANALYZE");
  std::cout << "export_bench: " << bench::MachineDescription() << "\n"
            << "PostgreSQL: " << conn.Value("SHOW server_version") << ", fsync "
            << conn.Value("SHOW fsync") << "\n"
            << fmt::format(
                   "workspace: {} transcripts, {} claims (seeded in {:.1f} s), {} "
                   "reviews, {} active sources\n",
                   ws.transcripts, claims, ws.seed_seconds,
                   conn.Value("SELECT count(*) FROM reviews"),
                   conn.Value("SELECT count(*) FROM sources WHERE removed_at IS NULL"));

  auto exports = v1::ExportService::NewStub(run->channel);
  auto lists = v1::ClaimService::NewStub(run->channel);
  RawCopy raw(url, ws.id, /*published_only=*/false);
  RawCopy raw_published(url, ws.id, /*published_only=*/true);
  constexpr std::size_t kCopy = 3;
  constexpr std::size_t kCopyPublished = 4;
  std::vector<Series> series = {{"CSV", kCopy, {}, 0},
                                {"ClaimReview", kCopyPublished, {}, 0},
                                {"ListClaims", kCopy, {}, 0},
                                {"COPY", kCopy, {}, 0},
                                {"COPY published", kCopyPublished, {}, 0}};
  const int kinds = static_cast<int>(series.size());
  constexpr int kWarmUp = 2;
  for (int i = 0; i < kWarmUp + reps; ++i) {
    // Rotate the order so no measurement always runs first (or last).
    for (int k = 0; k < kinds; ++k) {
      const int which = (i + k) % kinds;
      const Timed t = which == 0 ? RunExport(*exports, ws.token, ws.id, v1::EXPORT_FORMAT_CSV)
                      : which == 1
                          ? RunExport(*exports, ws.token, ws.id, v1::EXPORT_FORMAT_CLAIMREVIEW)
                      : which == 2 ? RunListClaims(*lists, ws.token, ws.id, claims)
                      : which == 3 ? raw.Run()
                                   : raw_published.Run();
      series[which].bytes = t.bytes;
      if (i >= kWarmUp) series[which].ms.push_back(t.ms);
    }
  }

  std::cout << fmt::format("\nmedians of {} interleaved repetitions (after {} warm-up):\n", reps,
                           kWarmUp);
  std::cout << fmt::format("{:<16} {:>10} {:>12} {:>16}  {}\n", "", "ms", "bytes",
                           "ms / its COPY ms", "its COPY");
  for (const Series& s : series) {
    const double ms = bench::Median(s.ms);
    std::cout << fmt::format("{:<16} {:>10.1f} {:>12} {:>16.2f}  {}\n", s.name, ms,
                             bench::Thousands(static_cast<std::int64_t>(s.bytes)),
                             ms / bench::Median(series[s.baseline].ms), series[s.baseline].name);
  }
  std::cout << "load average at the end: " << bench::LoadAverage() << "\n";
  run->server.server->Shutdown();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  return factdesk::bench::RunTool("export_bench", Main, argc, argv);
}
