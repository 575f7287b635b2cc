#include "tests/integration/lock_helpers.h"

#include <chrono>
#include <thread>
#include <vector>

namespace factdesk::testing {
namespace {

int LockWaiters(pqxx::connection& c) {
  pqxx::work w(c);
  const pqxx::row r = w.exec1(
      "SELECT count(*) FROM pg_stat_activity "
      "WHERE datname = current_database() AND wait_event_type = 'Lock'");
  w.commit();
  return r[0].as<int>();
}

// query_start of the statements waiting for a lock, as text.
std::vector<std::string> WaiterStarts(pqxx::connection& c) {
  pqxx::work w(c);
  const pqxx::result r = w.exec(
      "SELECT query_start::text FROM pg_stat_activity "
      "WHERE datname = current_database() AND wait_event_type = 'Lock'");
  w.commit();
  std::vector<std::string> starts;
  for (const auto& row : r) starts.push_back(row[0].as<std::string>());
  return starts;
}

bool PollLockWaiters(const std::string& url, bool want_some) {
  pqxx::connection c(url);
  // A generous bound, not a timing assertion: the state is reached in milliseconds.
  for (int i = 0; i < 600; ++i) {
    if ((LockWaiters(c) > 0) == want_some) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace

WorkspaceLock::WorkspaceLock(const std::string& database_url, std::int64_t workspace_id)
    : connection_(database_url), work_(connection_) {
  work_.exec_params("SELECT id FROM workspaces WHERE id = $1 FOR UPDATE", workspace_id);
}

void WorkspaceLock::Release() {
  if (!released_) work_.commit();
  released_ = true;
}

bool WaitUntilSomeoneWaitsForALock(const std::string& database_url) {
  return PollLockWaiters(database_url, true);
}

bool WaitUntilNobodyWaitsForALock(const std::string& database_url) {
  return PollLockWaiters(database_url, false);
}

std::string LockWaiterStart(const std::string& database_url) {
  pqxx::connection c(database_url);
  for (int i = 0; i < 600; ++i) {
    const auto starts = WaiterStarts(c);
    if (!starts.empty()) return starts.front();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return "";
}

bool WaitUntilAnotherStatementWaitsForALock(const std::string& database_url,
                                            const std::string& previous_start) {
  pqxx::connection c(database_url);
  for (int i = 0; i < 600; ++i) {
    for (const auto& start : WaiterStarts(c)) {
      if (start != previous_start) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace factdesk::testing
