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

// pqxx::work (READ COMMITTED, read-write) that sends a mutation's first statement with
// its BEGIN and its last with its COMMIT, as one simple query each: two round trips fewer
// a mutation. The BEGIN also sets statement_timeout for the transaction (an integer: no
// quoting; SET LOCAL ends with the transaction). The first statement's result is kept
// for the caller (first_result); the last is given by CommitWith. A statement of such a
// query that fails skips the rest, COMMIT included, and leaves the transaction open and
// aborted: it is rolled back here before the error goes on, since libpqxx rolls back
// only a transaction it saw begin or commit.
class WriteTransaction final : public pqxx::internal::basic_transaction {
 public:
  WriteTransaction(pqxx::connection_base& conn, std::optional<std::chrono::milliseconds> timeout,
                   std::string first)
      : pqxx::internal::namedclass("WriteTransaction"),
        basic_transaction(conn, pqxx::isolation_traits<pqxx::read_committed>::name(),
                          pqxx::read_write),
        begin_(BeginWith(timeout, first)) {
    Begin();
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction() noexcept override { End(); }

  // The result of the statement sent with BEGIN (empty without one).
  const pqxx::result& first_result() const { return first_result_; }
  // The statement to send with COMMIT, before it.
  void CommitWith(std::string last) { last_ = std::move(last); }

 private:
  static std::string BeginWith(std::optional<std::chrono::milliseconds> timeout,
                               const std::string& first) {
    std::string sql = fmt::format("BEGIN; SET TRANSACTION ISOLATION LEVEL {}",
                                  pqxx::isolation_traits<pqxx::read_committed>::name());
    if (timeout) sql += fmt::format("; SET LOCAL statement_timeout = {}", timeout->count());
    if (!first.empty()) sql += "; " + first;
    return sql;
  }

  void do_begin() override { first_result_ = RunOrRollBack(begin_); }

  // libpqxx's own COMMIT's contract: an outcome that cannot be known (the connection
  // broke while it ran) is pqxx::in_doubt_error.
  void do_commit() override {
    const std::string sql = last_.empty() ? std::string("COMMIT") : last_ + "; COMMIT";
    try {
      RunOrRollBack(sql);
    } catch (const pqxx::statement_completion_unknown& e) {
      throw pqxx::in_doubt_error(e.what());
    } catch (const std::exception& e) {
      if (!conn().is_open()) throw pqxx::in_doubt_error(e.what());
      throw;
    }
  }

  pqxx::result RunOrRollBack(const std::string& sql) {
    try {
      return direct_exec(sql.c_str());
    } catch (const std::exception&) {
      if (conn().is_open()) {
        try {
          direct_exec("ROLLBACK");
        } catch (const std::exception&) {
          // The first error is the one to report.
        }
      }
      throw;
    }
  }

  std::string begin_;
  std::string last_;
  pqxx::result first_result_;
};

// One attempt of Db::Write in `work`.
Status WriteOnce(WriteTransaction& work, std::string_view context, const WriteOptions& options,
                 const std::function<Status(Tx&)>& fn) {
  Tx tx(work, options.actor_id);
  if (options.idempotency != nullptr) {
    FD_ASSIGN_OR_RETURN(const bool replayed,
                        AnswerOfClaimedKey(tx, *options.idempotency, work.first_result()));
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
    work.CommitWith(tx.EventStatement(options.idempotency));
  } else if (options.idempotency != nullptr) {
    work.CommitWith(RecordResponseStatement(tx, *options.idempotency));
  }
  if (Passed(options.deadline)) return DeadlinePassed(context);
  work.commit();
  return Status::Ok();
}

}  // namespace

std::vector<pqxx::result> Tx::ExecInOneTrip(const std::vector<std::string>& statements) {
  // libpqxx's pipeline sends what it retains as one query, separated by semicolons, and
  // reads each statement's result in turn.
  pqxx::pipeline pipeline(t_);
  pipeline.retain(static_cast<int>(statements.size()));
  std::vector<pqxx::pipeline::query_id> ids;
  ids.reserve(statements.size());
  for (const std::string& statement : statements) ids.push_back(pipeline.insert(statement));
  pipeline.complete();
  std::vector<pqxx::result> results;
  results.reserve(ids.size());
  for (const pqxx::pipeline::query_id id : ids) results.push_back(pipeline.retrieve(id));
  return results;
}

Status Db::Write(std::string_view context, std::int64_t actor_id,
                 const std::function<Status(Tx&)>& fn) {
  return Write(context, WriteOptions{.actor_id = actor_id}, fn);
}

Status Db::Write(std::string_view context, const WriteOptions& options,
                 const std::function<Status(Tx&)>& fn) {
  Status last;
  for (int attempt = 0; attempt < kWriteAttempts; ++attempt) {
    FD_ASSIGN_OR_RETURN(auto lease, pool_.Acquire());
    try {
      FD_ASSIGN_OR_RETURN(const auto time_left, TimeLeft(options.deadline, context));
      const std::string claim_key =
          options.idempotency != nullptr
              ? ClaimKeyStatement(*lease, options.actor_id, *options.idempotency)
              : std::string();
      WriteTransaction work(*lease, time_left, claim_key);
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
