#include "server/store/database_health.h"

#include <cerrno>

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>

#include "server/store/pg_errors.h"

namespace factdesk::store {
namespace {

PGconn* Conn(void* p) {
  return static_cast<PGconn*>(p);
}

std::string Trimmed(const char* text) {
  std::string s = text != nullptr ? text : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  for (char& c : s) {
    if (c == '\n' || c == '\t') c = ' ';
  }
  return s;
}

// Waits until the socket is readable (a result arrives) or the timeout passes.
bool AwaitResult(PGconn* conn, std::chrono::steady_clock::time_point deadline) {
  while (PQisBusy(conn) != 0) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd fd{PQsocket(conn), POLLIN, 0};
    if (poll(&fd, 1, static_cast<int>(left.count())) < 0 && errno != EINTR) return false;
    if (PQconsumeInput(conn) == 0) return false;
  }
  return true;
}

}  // namespace

DatabaseHealth::DatabaseHealth(DatabaseHealthOptions options)
    : options_(std::move(options)), database_(DescribeDatabase(options_.url)) {}

DatabaseHealth::~DatabaseHealth() {
  Stop();
  if (conn_ != nullptr) PQfinish(Conn(conn_));
}

void DatabaseHealth::Start() {
  std::string why;
  Record(Probe(&why), why);
  thread_ = std::thread([this] { Run(); });
}

void DatabaseHealth::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void DatabaseHealth::Poke() {
  {
    std::lock_guard lock(mu_);
    poked_ = true;
  }
  wake_.notify_all();
}

void DatabaseHealth::Run() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    wake_.wait_for(lock, options_.interval, [this] { return stop_ || poked_; });
    if (stop_) break;
    poked_ = false;
    lock.unlock();
    std::string why;
    const bool up = Probe(&why);
    Record(up, why);
    lock.lock();
  }
}

// Connects when needed (libpq picks the host: after a failover, the new primary), then
// asks whether the server is a writable primary, within the timeout.
bool DatabaseHealth::Probe(std::string* why) {
  const auto deadline = std::chrono::steady_clock::now() + options_.timeout;
  if (conn_ == nullptr || PQstatus(Conn(conn_)) != CONNECTION_OK) {
    if (conn_ != nullptr) PQfinish(Conn(conn_));
    conn_ = PQconnectdb(options_.url.c_str());
    if (PQstatus(Conn(conn_)) != CONNECTION_OK) {
      *why = Trimmed(PQerrorMessage(Conn(conn_)));
      PQfinish(Conn(conn_));
      conn_ = nullptr;
      return false;
    }
  }
  PGconn* conn = Conn(conn_);
  bool ok = PQsendQuery(conn, "SELECT pg_is_in_recovery()") != 0 && AwaitResult(conn, deadline);
  bool primary = false;
  if (ok) {
    while (PGresult* res = PQgetResult(conn)) {
      if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
        primary = std::string_view(PQgetvalue(res, 0, 0)) == "f";
      } else {
        ok = false;
      }
      PQclear(res);
    }
  }
  if (!ok) {
    *why = PQstatus(conn) == CONNECTION_OK
               ? "no answer within " + std::to_string(options_.timeout.count()) + " ms"
               : Trimmed(PQerrorMessage(conn));
    PQfinish(conn);  // a fresh connection next time (maybe to another host)
    conn_ = nullptr;
    return false;
  }
  if (!primary) {
    *why = "the server is a standby (read-only)";
    PQfinish(conn);
    conn_ = nullptr;
  }
  return primary;
}

void DatabaseHealth::Record(bool up, const std::string& why) {
  const auto now = std::chrono::steady_clock::now();
  if (known_ && up == up_) return;
  const bool first = !known_;
  known_ = true;
  up_ = up;
  if (up && !first) {
    spdlog::info("database {} is reachable again after {:.1f} s", database_,
                 std::chrono::duration<double>(now - down_since_).count());
  } else if (!up) {
    down_since_ = now;
    ++outages_;
    spdlog::error("database {} is unreachable: {}", database_, why);
  }
  if (options_.on_change) options_.on_change(up);
}

}  // namespace factdesk::store
