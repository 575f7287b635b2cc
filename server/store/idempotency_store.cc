#include "server/store/idempotency_store.h"

#include <array>

#include <fmt/format.h>
#include <pqxx/binarystring>

#include "server/store/db.h"
#include "server/store/inlined_statement.h"
#include "server/store/rows.h"

namespace factdesk::store {
namespace {

struct KeyColumns {
  explicit KeyColumns(ColumnLookup& c)
      : method(c("method")), fingerprint(c("fingerprint")), response(c("response")) {}
  ColumnIndex method, fingerprint, response;
};

constexpr std::array kIdempotencyStatements = {
    // Claims the key, and deletes the oldest expired keys, a hundred at a time, skipping
    // rows another transaction holds (each mutation pays a little so the table never
    // needs a sweeper), in one round trip. The sweep leaves the key being claimed to
    // the INSERT. Inserting waits for a transaction that holds the same key; an expired
    // key is taken over. No row back: the key is live and someone else's answer.
    Statement{"idempotency.claim",
              "WITH swept AS (DELETE FROM idempotency_keys WHERE ctid IN ("
              "  SELECT ctid FROM idempotency_keys WHERE expires_at < now() "
              "  AND NOT (user_id = $1 AND key = $2) "
              "  ORDER BY expires_at LIMIT 100 FOR UPDATE SKIP LOCKED)) "
              "INSERT INTO idempotency_keys (user_id, key, method, fingerprint, expires_at) "
              "VALUES ($1, $2, $3, $4, now() + interval '24 hours') "
              "ON CONFLICT (user_id, key) DO UPDATE SET method = EXCLUDED.method, "
              "  fingerprint = EXCLUDED.fingerprint, expires_at = EXCLUDED.expires_at, "
              "  workspace_id = NULL, response = NULL, created_at = now() "
              "WHERE idempotency_keys.expires_at < now() "
              "RETURNING user_id",
              RowsAs<Column<"user_id">>},
    Statement{"idempotency.get",
              "SELECT method, fingerprint, response FROM idempotency_keys "
              "WHERE user_id = $1 AND key = $2",
              RowsAs<KeyColumns>},
    Statement{"idempotency.record",
              "UPDATE idempotency_keys SET response = $3, workspace_id = $4 "
              "WHERE user_id = $1 AND key = $2"},
};

Status ReplayRecorded(const pqxx::row& row, const KeyColumns& col, const Idempotency& idem) {
  const pqxx::binarystring fingerprint(row[col.fingerprint]);
  if (fingerprint.str() != idem.fingerprint) {
    return Status::FailedPrecondition(fmt::format(
        "idempotency key \"{}\" was already used for a different request ({}); a new action "
        "needs a new key",
        idem.key, row[col.method].as<std::string>()));
  }
  if (row[col.response].is_null()) {
    return Status::Internal(fmt::format("idempotency key \"{}\" holds no response", idem.key));
  }
  const pqxx::binarystring response(row[col.response]);
  if (!idem.response->ParseFromArray(response.data(), static_cast<int>(response.size()))) {
    return Status::Internal(
        fmt::format("idempotency key \"{}\" holds an unreadable response", idem.key));
  }
  return Status::Ok();
}

}  // namespace

std::span<const Statement> IdempotencyStatements() {
  return kIdempotencyStatements;
}

std::string ClaimKeyStatement(pqxx::connection_base& conn, std::int64_t user_id,
                              const Idempotency& idem) {
  return InlinedStatement::Render(conn, "idempotency.claim", user_id, idem.key, idem.method,
                                  Bytea{idem.fingerprint});
}

Result<bool> AnswerOfClaimedKey(Tx& tx, const Idempotency& idem, const pqxx::result& claimed) {
  if (!claimed.empty()) return false;
  const pqxx::result r = tx.Exec("idempotency.get", tx.actor_id(), idem.key);
  if (r.empty()) {
    // Expired and swept between the two statements: rare enough to ask for a retry.
    return Status::Aborted(fmt::format("idempotency key \"{}\" expired; try again", idem.key));
  }
  FD_RETURN_IF_ERROR(ReplayRecorded(r[0], MapColumns<KeyColumns>(r), idem));
  return true;
}

std::string RecordResponseStatement(Tx& tx, const Idempotency& idem) {
  const std::string bytes = idem.response->SerializeAsString();
  const std::optional<std::int64_t> workspace =
      tx.workspace_id() != 0 ? std::optional(tx.workspace_id()) : std::nullopt;
  return InlinedStatement::Render(tx.raw().conn(), "idempotency.record", tx.actor_id(), idem.key,
                                  Bytea{bytes}, workspace);
}

}  // namespace factdesk::store
