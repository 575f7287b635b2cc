#include "server/store/connection_pool.h"

#include "server/store/pg_errors.h"

namespace factdesk::store {

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), conn_(std::move(other.conn_)), discard_(other.discard_) {
  other.pool_ = nullptr;
}

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr && conn_) pool_->Release(std::move(conn_), discard_);
}

ConnectionPool::ConnectionPool(PoolOptions options, std::vector<Statement> statements)
    : options_(std::move(options)),
      statements_(std::move(statements)),
      database_(DescribeDatabase(options_.url)) {}

ConnectionPool::~ConnectionPool() = default;

Result<std::unique_ptr<pqxx::connection>> ConnectionPool::Open() const {
  try {
    auto conn = std::make_unique<pqxx::connection>(options_.url);
    // Declared here, prepared by the server on first use on this connection.
    for (const Statement& s : statements_) conn->prepare(s.name, s.sql);
    return conn;
  } catch (const std::exception& e) {
    return StatusFromException(e, "opening a database connection", database_);
  }
}

Result<ConnectionPool::Lease> ConnectionPool::Acquire() {
  std::unique_lock lock(mu_);
  const auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
  ++waiting_;
  while (idle_.empty() && open_ >= options_.size) {
    if (available_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
        open_ >= options_.size) {
      --waiting_;
      return Status::Unavailable("the server is busy: all " + std::to_string(options_.size) +
                                 " database connections stayed in use for " +
                                 std::to_string(options_.acquire_timeout.count()) + " ms");
    }
  }
  --waiting_;
  ++in_use_;
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(conn));
  }
  ++open_;
  lock.unlock();
  auto conn = Open();
  if (!conn.ok()) {
    lock.lock();
    --open_;
    --in_use_;
    available_.notify_one();
    lock.unlock();
    if (conn.status().code() == Code::kUnavailable && observer_) observer_();
    return conn.status();
  }
  return Lease(this, std::move(conn).value());
}

void ConnectionPool::Release(std::unique_ptr<pqxx::connection> conn, bool discard) {
  std::unique_ptr<pqxx::connection> to_close;  // closed after the lock is released
  {
    std::lock_guard lock(mu_);
    --in_use_;
    if (discard || !conn->is_open()) {
      --open_;
      to_close = std::move(conn);
    } else {
      idle_.push_back(std::move(conn));
    }
  }
  available_.notify_one();
}

void ConnectionPool::ReportFailure() {
  std::vector<std::unique_ptr<pqxx::connection>> to_close;  // closed after the lock is released
  {
    std::lock_guard lock(mu_);
    to_close.swap(idle_);
    open_ -= static_cast<int>(to_close.size());
  }
  available_.notify_all();
  if (observer_) observer_();
}

PoolStats ConnectionPool::Stats() const {
  std::lock_guard lock(mu_);
  return {options_.size, open_, in_use_, waiting_};
}

}  // namespace factdesk::store
