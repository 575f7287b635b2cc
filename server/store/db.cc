#include "server/store/db.h"

#include <fmt/format.h>
#include <pqxx/transaction>

#include "server/store/idempotency_store.h"
#include "server/store/pg_errors.h"

namespace factdesk::store {
namespace {

constexpr int kWriteAttempts = 3;
// A connection that broke before COMMIT was sent wrote nothing: the request runs again
// once on a fresh connection (idle connections outlive a database restart or failover).
constexpr int kReadAttempts = 2;

bool Passed(Deadline deadline) {
  return deadline != Deadline::max() && std::chrono::system_clock::now() >= deadline;
}

Status DeadlinePassed(std::string_view context) {
  return Status(Code::kDeadlineExceeded,
                fmt::format("{}: the caller's deadline passed; nothing was written", context));
}

// The time the caller has left, which bounds every statement of its transaction (a
// statement stuck on a lock or a long COPY is cancelled when the caller gives up); none
// when the caller never gives up.
Result<std::optional<std::chrono::milliseconds>> TimeLeft(Deadline deadline,
                                                          std::string_view context) {
  if (deadline == Deadline::max()) return std::optional<std::chrono::milliseconds>();
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::system_clock::now());
  if (left.count() <= 0) return DeadlinePassed(context);
  return std::optional(left);
}

// pqxx::work (READ COMMITTED, read-write) whose BEGIN also sets statement_timeout for the
// transaction. libpqxx 6.4 begins with one query, "BEGIN; SET TRANSACTION ISOLATION LEVEL
// <level>", so a SET LOCAL after the level's name rides in that query instead of costing
// a round trip of its own (one in twelve of a mutation's). The value is an integer, so no
// quoting is involved; SET LOCAL ends with the transaction. Without a timeout the level
// is READ COMMITTED alone, which libpqxx begins with a plain BEGIN.
class WriteTransaction final : public pqxx::internal::basic_transaction {
 public:
  WriteTransaction(pqxx::connection_base& conn, std::optional<std::chrono::milliseconds> timeout)
      : pqxx::internal::namedclass("WriteTransaction"),
        basic_transaction(conn, BeginWith(timeout), pqxx::read_write) {
    Begin();
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction() noexcept override { End(); }

 private:
  static std::string BeginWith(std::optional<std::chrono::milliseconds> timeout) {
    std::string level = pqxx::isolation_traits<pqxx::read_committed>::name();
    if (timeout) level += fmt::format("; SET LOCAL statement_timeout = {}", timeout->count());
    return level;
  }
};

}  // namespace

Status Db::Write(std::string_view context, std::int64_t actor_id,
                 const std::function<Status(Tx&)>& fn) {
  return Write(context, WriteOptions{.actor_id = actor_id}, fn);
}

Status Db::WriteOnce(pqxx::dbtransaction& work, std::string_view context,
                     const WriteOptions& options, const std::function<Status(Tx&)>& fn) {
  Tx tx(work, options.actor_id);
  if (options.idempotency != nullptr) {
    FD_ASSIGN_OR_RETURN(const bool replayed, ClaimIdempotencyKey(tx, *options.idempotency));
    if (replayed) return Status::Ok();  // nothing written: rolled back, the answer is filled
  }
  Status status = fn(tx);
  if (!status.ok()) return status;  // rolled back when `work` goes out of scope
  if (tx.sequenced() != tx.appended()) {
    return Status::Internal(std::string(context) +
                            ": a mutation must take a seq and append exactly one event");
  }
  // Last, so that a seq taken at commit is held for this statement and the COMMIT only;
  // the response is stored under its key by the same statement.
  if (tx.appended()) {
    FD_RETURN_IF_ERROR(tx.WriteEvent(options.idempotency));
  } else if (options.idempotency != nullptr) {
    RecordIdempotentResponse(tx, *options.idempotency);
  }
  if (Passed(options.deadline)) return DeadlinePassed(context);
  work.commit();
  return Status::Ok();
}

Status Db::Write(std::string_view context, const WriteOptions& options,
                 const std::function<Status(Tx&)>& fn) {
  Status last;
  for (int attempt = 0; attempt < kWriteAttempts; ++attempt) {
    FD_ASSIGN_OR_RETURN(auto lease, pool_.Acquire());
    try {
      FD_ASSIGN_OR_RETURN(const auto time_left, TimeLeft(options.deadline, context));
      WriteTransaction work(*lease, time_left);
      return WriteOnce(work, context, options, fn);
    } catch (const pqxx::statement_completion_unknown& e) {
      // May or may not have committed: never run it twice.
      return ConnectionFailed(lease, e, context);
    } catch (const pqxx::in_doubt_error& e) {
      return ConnectionFailed(lease, e, context);
    } catch (const pqxx::transaction_rollback& e) {
      if (Passed(options.deadline)) return DeadlinePassed(context);
      // Lost a deadlock or serialization race: nothing was written, so run it again.
      last = StatusFromException(e, context, pool_.database());
    } catch (const std::exception& e) {
      const bool broke = IsConnectionFailure(e);
      // Broke before COMMIT: the server rolled the transaction back; run it again.
      if (broke) last = ConnectionFailed(lease, e, context);
      // statement_timeout cancelled a statement because the caller's deadline passed.
      if (Passed(options.deadline)) return DeadlinePassed(context);
      if (!broke) return StatusFromException(e, context, pool_.database());
    }
  }
  return last;
}

Status Db::Read(std::string_view context, const std::function<Status(Tx&)>& fn) {
  Status last;
  for (int attempt = 0; attempt < kReadAttempts; ++attempt) {
    FD_ASSIGN_OR_RETURN(auto lease, pool_.Acquire());
    try {
      pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> read(*lease);
      Tx tx(read, 0);
      return fn(tx);
    } catch (const std::exception& e) {
      if (!IsConnectionFailure(e)) return StatusFromException(e, context, pool_.database());
      last = ConnectionFailed(lease, e, context);
    }
  }
  return last;
}

Status Db::ConnectionFailed(ConnectionPool::Lease& lease, const std::exception& e,
                            std::string_view context) {
  lease.Discard();
  pool_.ReportFailure();
  return StatusFromException(e, context, pool_.database());
}

}  // namespace factdesk::store
