#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pqxx/pqxx>

#include "common/result.h"
#include "factdesk/v1/live.pb.h"
#include "server/store/connection_pool.h"
#include "server/store/inlined_statement.h"

namespace factdesk::store {

// The NOTIFY channel that wakes every replica's live hub: payload "<workspace_id>:<seq>".
inline constexpr const char* kEventsChannel = "factdesk_events";

// One database transaction, handed to repository functions. A write transaction
// follows invariant 1: it takes the workspace's seq (the row lock orders its commits),
// changes, and appends exactly one event (the event row and its NOTIFY). The seq is
// taken first (TakeSeq) by changes that need the whole workspace to themselves, and
// last, just before COMMIT (TakeSeqAtCommit), by changes to one record, which hold that
// record's lock instead: see TakeSeqAtCommit.
struct Idempotency;

// When the caller stops waiting; max() when it never does.
using Deadline = std::chrono::system_clock::time_point;

// Who writes, and what the caller asked of the write beyond the change itself.
struct WriteOptions {
  std::int64_t actor_id = 0;
  // The mutation's idempotency key (idempotency_store.h), or none.
  const Idempotency* idempotency = nullptr;
  // Past it the transaction stops and rolls back: a change the caller gave up on never
  // commits (statement_timeout follows the time left, and it is checked before COMMIT).
  Deadline deadline = Deadline::max();
};

class Tx {
 public:
  Tx(pqxx::transaction_base& t, std::int64_t actor_id) : t_(t), actor_id_(actor_id) {}

  template <typename... Args>
  pqxx::result Exec(const char* statement, Args&&... args) {
    return t_.exec_prepared(statement, std::forward<Args>(args)...);
  }
  // A prepared statement with its parameters, for ExecInOneTrip.
  template <typename... Args>
  std::string Inline(const char* statement, const Args&... args) {
    return InlinedStatement::Render(t_.conn(), statement, args...);
  }
  // Statements (from Inline) sent as one query: one round trip for all. They run in
  // order, each with a snapshot of its own (READ COMMITTED), so a read sent after a
  // statement that waits for a lock sees what the lock waited for. The first failure
  // throws as Exec would, and the statements after it do not run.
  std::vector<pqxx::result> ExecInOneTrip(const std::vector<std::string>& statements);

  // Takes the workspace's next sequence number now, and its workspace lock exclusively:
  // until COMMIT nothing else in the workspace changes (no other seq, no settings, no
  // change under TakeSeqAtCommit). NOT_FOUND if there is no such workspace.
  Result<std::int64_t> TakeSeq(std::int64_t workspace_id);
  // For a change to one record, whose own row lock (SELECT ... FOR UPDATE, or a new
  // row) orders it against other changes to that record: takes the workspace lock
  // shared now, which other such changes share but TakeSeq's excludes (so the settings
  // the change reads, its policy and scale, hold until COMMIT), and takes the seq as
  // the last statement before COMMIT, together with the event row and its NOTIFY.
  // The workspace's seq row is then locked for one statement and the COMMIT, not for
  // the whole change. NOT_FOUND if there is no such workspace.
  Status TakeSeqAtCommit(std::int64_t workspace_id);
  // TakeSeqAtCommit's bookkeeping alone, for a statement of the caller's that took the
  // workspace lock shared itself (FD_WORKSPACE_LOCK_KEY, store/workspace_lock.h) with
  // other work, a round trip fewer: ReadClaimForChange, SegmentPlaceSharingWorkspace.
  void SeqAtCommitShared(std::int64_t workspace_id);
  // Records the event for the seq; it is written, and every replica notified, by
  // EventStatement with the COMMIT. `event` carries the kind, claim id and the records
  // the mutation changed.
  void Append(const v1::Event& event);
  // The statement that writes the appended event (taking the seq first under
  // TakeSeqAtCommit) and queues its NOTIFY; with `idempotency`, it also stores the
  // response under its key (RecordResponseStatement's work). Db::Write sends it with
  // the COMMIT, as the transaction's last statement.
  std::string EventStatement(const Idempotency* idempotency = nullptr);

  std::int64_t actor_id() const { return actor_id_; }
  // The workspace whose seq is taken, 0 before TakeSeq or TakeSeqAtCommit.
  std::int64_t workspace_id() const { return workspace_id_; }
  bool sequenced() const { return workspace_id_ != 0; }
  // Exactly one event appended (a second Append makes this false: Db::Write refuses).
  bool appended() const { return appends_ == 1; }
  pqxx::transaction_base& raw() { return t_; }

 private:
  // The event row's columns other than its workspace and seq.
  struct PendingEvent {
    std::string kind;
    std::optional<std::int64_t> actor_id;
    std::optional<std::int64_t> claim_id;
    std::string payload;
  };

  pqxx::transaction_base& t_;
  std::int64_t actor_id_;
  std::int64_t workspace_id_ = 0;
  // Taken by TakeSeq; none under TakeSeqAtCommit, whose seq the event's statement takes.
  std::optional<std::int64_t> seq_;
  std::optional<PendingEvent> event_;
  int appends_ = 0;
};

// Runs functions in transactions on pooled connections. The function's Status
// decides commit (OK) or rollback (anything else); database exceptions become
// statuses here (pg_errors.h) so they never cross into the RPC layer.
class Db {
 public:
  explicit Db(ConnectionPool& pool) : pool_(pool) {}

  // A read-write transaction (READ COMMITTED). Retried, up to 3 times in all, when
  // it lost a deadlock or serialization race, or its connection broke before COMMIT
  // (never when the outcome of COMMIT is unknown).
  Status Write(std::string_view context, std::int64_t actor_id,
               const std::function<Status(Tx&)>& fn);
  // The same, with an idempotency key (a repeated request gets the first response and
  // `fn` does not run) and the caller's deadline.
  Status Write(std::string_view context, const WriteOptions& options,
               const std::function<Status(Tx&)>& fn);
  // A read-only REPEATABLE READ transaction: every query sees one snapshot. Run again
  // once on a fresh connection when its connection had broken.
  Status Read(std::string_view context, const std::function<Status(Tx&)>& fn);

  ConnectionPool& pool() { return pool_; }

 private:
  // The lease's connection failed: closed, the pool told, the error mapped.
  Status ConnectionFailed(ConnectionPool::Lease& lease, const std::exception& e,
                          std::string_view context);

  ConnectionPool& pool_;
};

}  // namespace factdesk::store
