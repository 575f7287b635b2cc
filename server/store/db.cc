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

// Bounds every statement of the transaction by the time the caller has left, so a
// statement stuck on a lock or a long COPY is cancelled when the caller gives up.
Status LimitStatementsTo(pqxx::work& work, Deadline deadline, std::string_view context) {
  if (deadline == Deadline::max()) return Status::Ok();
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
      deadline - std::chrono::system_clock::now());
  if (left.count() <= 0) return DeadlinePassed(context);
  // An integer, so no quoting is involved; SET LOCAL ends with the transaction.
  work.exec("SET LOCAL statement_timeout = " + std::to_string(left.count()));
  return Status::Ok();
}

}  // namespace

Status Db::Write(std::string_view context, std::int64_t actor_id,
                 const std::function<Status(Tx&)>& fn) {
  return Write(context, WriteOptions{.actor_id = actor_id}, fn);
}

Status Db::WriteOnce(pqxx::work& work, std::string_view context, const WriteOptions& options,
                     const std::function<Status(Tx&)>& fn) {
  FD_RETURN_IF_ERROR(LimitStatementsTo(work, options.deadline, context));
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
  if (options.idempotency != nullptr) RecordIdempotentResponse(tx, *options.idempotency);
  // Last, so that a seq taken at commit is held for this statement and the COMMIT only.
  if (tx.appended()) FD_RETURN_IF_ERROR(tx.WriteEvent());
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
      pqxx::work work(*lease);
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
