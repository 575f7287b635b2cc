#include "tests/integration/lock_helpers.h"

#include <chrono>
#include <thread>

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

}  // namespace factdesk::testing
