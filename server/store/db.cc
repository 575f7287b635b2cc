#include "server/store/db.h"

#include <pqxx/transaction>

#include "server/store/pg_errors.h"

namespace factdesk::store {
namespace {

constexpr int kWriteAttempts = 3;
// A connection that broke before COMMIT was sent wrote nothing: the request runs again
// once on a fresh connection (idle connections outlive a database restart or failover).
constexpr int kReadAttempts = 2;

}  // namespace

Status Db::Write(std::string_view context, std::int64_t actor_id,
                 const std::function<Status(Tx&)>& fn) {
  Status last;
  for (int attempt = 0; attempt < kWriteAttempts; ++attempt) {
    FD_ASSIGN_OR_RETURN(auto lease, pool_.Acquire());
    try {
      pqxx::work work(*lease);
      Tx tx(work, actor_id);
      Status status = fn(tx);
      if (!status.ok()) return status;  // rolled back when `work` goes out of scope
      if (tx.taken_seq().has_value() != tx.appended()) {
        return Status::Internal(std::string(context) +
                                ": a mutation must take a seq and append exactly one event");
      }
      work.commit();
      return Status::Ok();
    } catch (const pqxx::statement_completion_unknown& e) {
      // May or may not have committed: never run it twice.
      return ConnectionFailed(lease, e, context);
    } catch (const pqxx::in_doubt_error& e) {
      return ConnectionFailed(lease, e, context);
    } catch (const pqxx::transaction_rollback& e) {
      // Lost a deadlock or serialization race: nothing was written, so run it again.
      last = StatusFromException(e, context, pool_.database());
    } catch (const std::exception& e) {
      if (!IsConnectionFailure(e)) return StatusFromException(e, context, pool_.database());
      // Broke before COMMIT: the server rolled the transaction back; run it again.
      last = ConnectionFailed(lease, e, context);
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
