// What the benchmark tools share: a scratch directory, the embedded PostgreSQL, libpq
// helpers, medians and percentiles, and a description of the machine.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <libpq-fe.h>

#include "common/result.h"
#include "server/server.h"
#include "server/store/connection_pool.h"
#include "server/store/db.h"
#include "server/store/embedded_postgres.h"

namespace factdesk::bench {

using Clock = std::chrono::steady_clock;

// Seconds (or milliseconds) between two instants, as a double.
inline double Seconds(Clock::duration d) {
  return std::chrono::duration<double>(d).count();
}
inline double Millis(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// A short temporary directory /tmp/fdb-XXXXXX (Unix socket paths must stay short),
// mode 0711 so a PostgreSQL running as 'postgres' (when we are root) reaches its data
// directory inside; removed with everything in it on destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The project's embedded PostgreSQL in `dir`/pg, listening on a Unix socket only.
// Without `fsync` it runs with fsync, synchronous_commit and full_page_writes off.
// Throws std::runtime_error when it cannot start.
std::unique_ptr<store::EmbeddedPostgres> StartPostgres(const std::string& dir, bool fsync,
                                                       int max_connections = 100);

// The psql binary beside initdb (pg_config --bindir), else /usr/bin/psql.
std::string PsqlPath();

// A libpq connection that is closed on destruction; throws when it cannot connect.
class PgConn {
 public:
  explicit PgConn(const std::string& url);
  ~PgConn();
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;
  PGconn* get() const { return conn_; }

  // Runs SQL with no result rows wanted; throws on error.
  void Exec(const std::string& sql);
  // Runs SQL (text parameters) and returns the rows' columns as text; throws on error.
  std::vector<std::vector<std::string>> Query(const std::string& sql,
                                              const std::vector<std::string>& params = {});
  // The first column of the first row ("" when there is none).
  std::string Value(const std::string& sql, const std::vector<std::string>& params = {});

 private:
  PGconn* conn_ = nullptr;
};

// Median of the values (0 when empty).
double Median(std::vector<double> values);
// Nearest-rank percentile (0 < p <= 100) of the values (0 when empty); reorders them.
double Percentile(std::vector<double>& values, double p);
double Max(const std::vector<double>& values);

// "2 cores (nproc), AMD EPYC, Linux 6.1, 2025-01-31 12:00 UTC, load 0.52 0.40 0.33":
// what the numbers ran on, and how busy the machine was (others' work skews them).
std::string MachineDescription();
// The 1, 5 and 15 minute load averages, "0.52 0.40 0.33".
std::string LoadAverage();

// Raises the open-file limit to the hard limit (many connections need many sockets).
void RaiseFileLimit();

// Resident memory of a process in KiB (VmRSS from /proc/PID/status); -1 when unknown.
std::int64_t ResidentKiB(int pid);

// User plus system CPU seconds a process has used (/proc/PID/stat); -1 when unknown.
double CpuSeconds(int pid);

// "1,100,1000" -> {1, 100, 1000} (command-line lists); throws std::invalid_argument.
std::vector<int> ParseIntList(const std::string& text);

// A number with thousands separators: 101600 -> "101,600".
std::string Thousands(std::int64_t n);

// An in-process factdesk-server on a loopback port over `database_url`, and a small
// pool for the admin commands that set up users and workspaces.
struct BenchServer {
  std::unique_ptr<server::FactdeskServer> server;
  std::unique_ptr<store::ConnectionPool> pool;
  std::unique_ptr<store::Db> db;
};
// `suggestion_workers` threads score imported segments (0: none, as before issue 14).
BenchServer StartServer(const std::string& database_url, int suggestion_workers = 1);

// A new user `handle`, made a member of the workspace `slug` with `role`, and a token
// for them (setup must not fail: throws with the admin command's message).
std::string AddMemberWithToken(store::Db& db, const std::string& slug, const std::string& handle,
                               const std::string& role);

// The value of an admin command, or an exception with its message (setup must not fail).
std::string Must(const Result<std::string>& result);

// Runs a tool's main, reporting an exception as "NAME: what" with exit status 1.
int RunTool(const char* name, int (*main_fn)(int, char**), int argc, char** argv);

}  // namespace factdesk::bench
