#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

#include "common/result.h"
#include "server/store/child_process.h"

namespace factdesk::store {

struct EmbeddedPostgresOptions {
  // Holds pg/ (the cluster), run/ (its Unix socket), postgres.log and factdesk.lock.
  std::string data_dir = ".factdesk";
  // Skip fsync (tests and benchmarks only: a machine crash may lose recent commits).
  bool unsafe_no_fsync = false;
  int max_connections = 100;
  // Where initdb and postgres are; empty: found with FindPostgresBinDir().
  std::string bin_dir;
};

// A private PostgreSQL cluster run from the system's binaries: initdb on first use,
// listening on a Unix socket inside the data dir only, stopped on destruction. A
// PostgreSQL left behind by a crashed server (or a stale postmaster.pid) is dealt
// with at start. When we are root, PostgreSQL runs as the 'postgres' account.
class EmbeddedPostgres {
 public:
  // Every error is one line a person can act on (not installed, not writable, in use).
  static Result<std::unique_ptr<EmbeddedPostgres>> Start(const EmbeddedPostgresOptions& options);

  EmbeddedPostgres(const EmbeddedPostgres&) = delete;
  EmbeddedPostgres& operator=(const EmbeddedPostgres&) = delete;
  ~EmbeddedPostgres();

  // libpq URL of the "factdesk" database.
  std::string Url() const { return UrlFor("factdesk"); }
  std::string UrlFor(const std::string& database) const;
  // True while the postmaster process is alive.
  bool Running() const;
  // The postmaster's pid (-1 when stopped).
  pid_t pid() const;
  // When the postmaster has ended (not through Stop): how ("killed by signal 9"), with
  // the log's last error; nullopt while it runs or after Stop.
  std::optional<std::string> ReapIfExited();
  // Starts it again after it ended or was stopped: leftovers of a crash are cleared,
  // and it is ready when this returns OK.
  Status Relaunch();
  // Fast shutdown (SIGINT), waiting for it to finish.
  Status Stop();
  const std::string& log_path() const { return log_path_; }

 private:
  EmbeddedPostgres() = default;
  Status Launch();

  std::string data_dir_;
  std::string socket_dir_;
  std::string cluster_dir_;
  std::string log_path_;
  std::vector<std::string> argv_;
  std::optional<RunAs> run_as_;
  mutable std::mutex mu_;  // guards pid_: the supervisor and Stop race for it
  pid_t pid_ = -1;
  int lock_fd_ = -1;
};

// True when a factdesk-server holds `data_dir` (its lock file is taken).
bool DataDirInUse(const std::string& data_dir);

// The URL of the embedded PostgreSQL that a running factdesk-server keeps in
// `data_dir`, for tools (admin commands) that run beside it. UNAVAILABLE when none runs.
Result<std::string> AttachToRunning(const std::string& data_dir);

// Directory of initdb and postgres: `pg_config --bindir`, else the newest
// /usr/lib/postgresql/*/bin.
Result<std::string> FindPostgresBinDir();

}  // namespace factdesk::store
