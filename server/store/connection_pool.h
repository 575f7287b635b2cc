#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <pqxx/connection>

#include "common/result.h"
#include "server/store/statement.h"

namespace factdesk::store {

struct PoolOptions {
  std::string url;
  // Connections at most; requests beyond them wait.
  int size = 16;
  // How long a request waits for a connection before UNAVAILABLE.
  std::chrono::milliseconds acquire_timeout{5000};
};

struct PoolStats {
  int size = 0;     // the limit
  int open = 0;     // connections currently open
  int in_use = 0;   // leased out
  int waiting = 0;  // requests waiting for a connection
};

// A bounded pool of libpqxx connections, opened on demand, with every repository's
// statements prepared on each. A connection that broke is dropped and replaced. Every
// connection is opened from the URL, so libpq picks the host anew each time: with a
// multi-host URL and target_session_attrs=read-write, new connections find the primary
// after a failover.
class ConnectionPool {
 public:
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();
    pqxx::connection& operator*() const { return *conn_; }
    pqxx::connection* operator->() const { return conn_.get(); }
    // The connection failed: close it instead of returning it to the pool.
    void Discard() { discard_ = true; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool* pool, std::unique_ptr<pqxx::connection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    ConnectionPool* pool_;
    std::unique_ptr<pqxx::connection> conn_;
    bool discard_ = false;
  };

  ConnectionPool(PoolOptions options, std::vector<Statement> statements);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;
  ~ConnectionPool();

  Result<Lease> Acquire();
  PoolStats Stats() const;
  const PoolOptions& options() const { return options_; }
  // How messages name the database (DescribeDatabase of the URL).
  const std::string& database() const { return database_; }

  // A request saw the database fail: the idle connections date from before the failure
  // (a dead or demoted server), so they are closed, and the observer is told.
  void ReportFailure();
  // Called (on the reporting thread) whenever a request sees the database fail; set once,
  // before requests run.
  void SetFailureObserver(std::function<void()> observer) { observer_ = std::move(observer); }

 private:
  void Release(std::unique_ptr<pqxx::connection> conn, bool discard);
  Result<std::unique_ptr<pqxx::connection>> Open() const;

  const PoolOptions options_;
  const std::vector<Statement> statements_;
  const std::string database_;
  std::function<void()> observer_;
  mutable std::mutex mu_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<pqxx::connection>> idle_;
  int open_ = 0;
  int in_use_ = 0;
  int waiting_ = 0;
};

}  // namespace factdesk::store
