#pragma once

#include <memory>
#include <string>

#include "server/store/embedded_postgres.h"

namespace factdesk::testing {

// One PostgreSQL per test binary, started by the harness itself (never skipped):
// the project's own embedded launcher in a fresh temporary directory, without fsync.
// Each test gets a fresh, already migrated database, copied from a template.
class TestPostgres {
 public:
  // The process-wide instance; started on first use, stopped at exit.
  static TestPostgres& Get();

  // A new database with every migration applied; returns its URL.
  std::string FreshDatabase();
  // A new empty database (no migrations), for migration tests.
  std::string EmptyDatabase();
  std::string UrlFor(const std::string& database) const { return pg_->UrlFor(database); }
  // Stops it (fast shutdown: sessions are ended) and starts it again, as an operator
  // would an external database; for tests of servers riding through an outage.
  void Stop();
  void Start();
  const std::string& dir() const { return dir_; }

 private:
  TestPostgres();
  std::string dir_;
  std::unique_ptr<store::EmbeddedPostgres> pg_;
  int next_ = 0;
};

// A short-path temporary directory (Unix socket paths must stay under 108 bytes),
// removed when this object is destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A PostgreSQL cluster of one test's own, for the tests that stop the database under a
// running server (the harness's instance serves every other test of the binary). Takes
// a few seconds to start; stopped when destroyed if still running.
class PrivatePostgres {
 public:
  PrivatePostgres();
  // The database "factdesk", empty (a server migrates it when it starts).
  std::string Url() const { return pg_->Url(); }
  // Fast shutdown: every session ends, new connections are refused.
  void Stop();

 private:
  TempDir dir_;
  std::unique_ptr<store::EmbeddedPostgres> pg_;
};

}  // namespace factdesk::testing
