#include "server/store/db.h"

#include <pqxx/transaction>

#include "server/store/pg_errors.h"

namespace factdesk::store {
namespace {

constexpr int kWriteAttempts = 3;

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
      lease.Discard();  // may or may not have committed: never run it twice
      return StatusFromException(e, context);
    } catch (const pqxx::transaction_rollback& e) {
      // Lost a deadlock or serialization race: nothing was written, so run it again.
      last = StatusFromException(e, context);
    } catch (const pqxx::broken_connection& e) {
      lease.Discard();
      return StatusFromException(e, context);
    } catch (const pqxx::in_doubt_error& e) {
      lease.Discard();
      return StatusFromException(e, context);
    } catch (const std::exception& e) {
      return StatusFromException(e, context);
    }
  }
  return last;
}

Status Db::Read(std::string_view context, const std::function<Status(Tx&)>& fn) {
  FD_ASSIGN_OR_RETURN(auto lease, pool_.Acquire());
  try {
    pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> read(*lease);
    Tx tx(read, 0);
    return fn(tx);
  } catch (const pqxx::broken_connection& e) {
    lease.Discard();
    return StatusFromException(e, context);
  } catch (const std::exception& e) {
    return StatusFromException(e, context);
  }
}

}  // namespace factdesk::store
