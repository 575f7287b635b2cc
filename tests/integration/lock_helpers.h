#pragma once

#include <cstdint>
#include <string>

#include <pqxx/pqxx>

namespace factdesk::testing {

// Holds the lock a mutation of the workspace takes first (its row, through TakeSeq), so
// the server's transaction waits on it for as long as the test wants.
class WorkspaceLock {
 public:
  WorkspaceLock(const std::string& database_url, std::int64_t workspace_id);
  // Lets the waiting transaction go on.
  void Release();

 private:
  pqxx::connection connection_;
  pqxx::work work_;
  bool released_ = false;
};

// Polls the database (up to a minute) until some backend waits for a lock, or none does.
bool WaitUntilSomeoneWaitsForALock(const std::string& database_url);
bool WaitUntilNobodyWaitsForALock(const std::string& database_url);
// When the statement now waiting for a lock began ("" if none waits within a minute),
// and a wait (up to a minute) for a statement begun at another time to wait for one.
std::string LockWaiterStart(const std::string& database_url);
bool WaitUntilAnotherStatementWaitsForALock(const std::string& database_url,
                                            const std::string& previous_start);

}  // namespace factdesk::testing
