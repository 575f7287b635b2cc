// The workspace the server benchmarks read (dashboard_bench, export_bench): the three
// debates imported through the server, and claims with their reviews, sources, notes
// and disputes seeded straight into the tables.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <grpcpp/grpcpp.h>

#include "bench/bench_support.h"
#include "server/store/db.h"
#include "server/store/embedded_postgres.h"

namespace factdesk::bench {

struct DebateWorkspace {
  std::int64_t id = 0;
  std::string token;  // checker1's
  std::int64_t first_transcript = 0;
  int transcripts = 0;
  double seed_seconds = 0;
};

// People (admin "admin" owns the workspace "debates", editor "editor", checker1..8),
// every .tsv (and .vtt) file of `debates_dir` imported as checker1 through `channel`, then
// `claims` claims written with set-based SQL (fast, deterministic): a mix of every status (30%
// OPEN, 25% IN_REVIEW, 3% DISPUTED with an open dispute each, 22% RESOLVED, 14%
// PUBLISHED, 6% DISMISSED), final verdicts from the default rating scale, 1-2 of 8
// checkers assigned, 1-3 reviews on reviewed claims, 1-3 sources on most claims (some
// removed), notes, closed disputes, the debates' speakers as claimants. The workspace has a
// publisher, so its published claims export as ClaimReview.
DebateWorkspace MakeDebateWorkspace(store::Db& db, const std::string& database_url,
                                    const std::shared_ptr<grpc::Channel>& channel,
                                    const std::string& debates_dir, int claims);

// What the benchmarks over this workspace take on their command line.
struct DebateBenchOptions {
  int claims = 10000;
  int reps = 10;
  bool fsync = false;
  std::string debates_dir;  // default: ../shared/data/debates
};
// Adds --claims, --reps, --fsync and --debates; `options` holds the defaults shown.
void AddDebateBenchOptions(CLI::App& app, DebateBenchOptions& options);

// A running benchmark: its own PostgreSQL, an in-process server, a loopback channel to it
// (64 MiB messages) and the workspace above. Members end in reverse order: the server
// before PostgreSQL, PostgreSQL before its directory.
struct DebateBench {
  ScratchDir dir;
  std::unique_ptr<store::EmbeddedPostgres> pg;
  std::string url;
  BenchServer server;
  std::shared_ptr<grpc::Channel> channel;
  DebateWorkspace workspace;
};
std::unique_ptr<DebateBench> StartDebateBench(const DebateBenchOptions& options);

}  // namespace factdesk::bench
