#include "server/store/event_store.h"

#include <array>

#include <fmt/format.h>
#include <pqxx/binarystring>

#include "events/event_kind.h"
#include "server/store/idempotency_store.h"
#include "server/store/inlined_statement.h"
#include "server/store/rows.h"
#include "server/store/workspace_lock.h"

namespace factdesk::store {
namespace {

struct EventColumns {
  explicit EventColumns(ColumnLookup& c)
      : seq(c("seq")),
        kind(c("kind")),
        created_at(c("created_at")),
        claim_id(c("claim_id")),
        payload(c("payload")),
        actor(c, "actor") {}
  ColumnIndex seq, kind, created_at, claim_id, payload;
  UserColumns actor;
};

// ReadClaimEvents has no workspace parameter: each row names its workspace.
struct ClaimEventColumns : EventColumns {
  explicit ClaimEventColumns(ColumnLookup& c) : EventColumns(c), workspace_id(c("workspace_id")) {}
  ColumnIndex workspace_id;
};

constexpr std::array kEventStatements = {
    // The workspace lock (a transaction-level advisory lock on the workspace's id),
    // exclusive: it waits for the changes to single records that hold it shared, and
    // keeps new ones out until COMMIT. PostgreSQL queues these locks fairly (a shared
    // request waits behind an exclusive one already waiting), where row locks would let
    // a steady stream of shared holders starve the exclusive one.
    Statement{
        "events.take_seq",
        "UPDATE workspace_seqs SET last_seq = last_seq + 1 WHERE workspace_id = $1 AND "
        "pg_advisory_xact_lock(" FD_WORKSPACE_LOCK_KEY("$1") ") IS NOT NULL RETURNING last_seq",
        RowsAs<Column<"last_seq">>},
    Statement{"events.share_workspace",
              "SELECT id FROM workspaces WHERE id = $1 AND "
              "pg_advisory_xact_lock_shared(" FD_WORKSPACE_LOCK_KEY("$1") ") IS NOT NULL",
              RowsAs<Column<"id">>},
    // The transaction's last statement, in one round trip: the event row with the seq
    // TakeSeq took ($2), or with the next seq taken here when $2 is 0 (TakeSeqAtCommit's,
    // so the workspace row is locked for this statement and the COMMIT only); its NOTIFY
    // (sent at COMMIT, with the kind so replicas wake only the workers it concerns; a
    // condition that always holds, so the row is the seq alone); and a
    // keyed mutation's response stored under its key ($7 the response, $8 the user, $9
    // the key; with $9 NULL it matches no row), which would otherwise take a statement of
    // its own. It is sent with the COMMIT (Tx::EventStatement), so nothing reads its row:
    // a workspace without a seq stops it at the event's NOT NULL seq, rolled back (every
    // workspace has its seq row from its INSERT, and none is ever deleted).
    Statement{"events.append",
              "WITH r AS (UPDATE idempotency_keys SET response = $7, workspace_id = $1 "
              "           WHERE user_id = $8 AND key = $9), "
              "s AS (UPDATE workspace_seqs SET last_seq = last_seq + 1 "
              "      WHERE workspace_id = $1 AND $2::bigint = 0 RETURNING last_seq), "
              "e AS (INSERT INTO events (workspace_id, seq, kind, actor_id, claim_id, payload) "
              "      SELECT $1, n.seq, $3, $4, $5, $6 "
              "      FROM (SELECT coalesce((SELECT last_seq FROM s), nullif($2::bigint, 0)) "
              "            AS seq) n RETURNING seq) "
              "SELECT seq AS last_seq FROM e "
              "WHERE pg_notify('factdesk_events', $1::text || ':' || seq || ':' || $3) IS NOT NULL",
              RowsAs<Column<"last_seq">>},
    Statement{"events.after",
              "SELECT e.seq, e.kind, fd_us(e.created_at) AS created_at, e.claim_id, e.payload, "
              "       u.id AS actor_id, u.handle AS actor_handle, "
              "       u.display_name AS actor_display_name "
              "FROM events e LEFT JOIN users u ON u.id = e.actor_id "
              "WHERE e.workspace_id = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3",
              RowsAs<EventColumns>},
    Statement{"events.for_claim",
              "SELECT e.seq, e.kind, fd_us(e.created_at) AS created_at, e.claim_id, e.payload, "
              "       u.id AS actor_id, u.handle AS actor_handle, "
              "       u.display_name AS actor_display_name, e.workspace_id "
              "FROM events e LEFT JOIN users u ON u.id = e.actor_id "
              "WHERE e.claim_id = $1 ORDER BY e.seq",
              RowsAs<ClaimEventColumns>},
    Statement{"events.last_seq", "SELECT last_seq FROM workspace_seqs WHERE workspace_id = $1",
              RowsAs<Column<"last_seq">>},
    Statement{"live.notify_presence", "SELECT pg_notify('factdesk_presence', $1)"},
};

Result<v1::Event> EventFromRow(const pqxx::row& row, const EventColumns& col,
                               std::int64_t workspace_id) {
  v1::Event event;
  const pqxx::binarystring payload(row[col.payload]);
  if (!event.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    return Status::Internal(fmt::format("event {} of workspace {} is unreadable",
                                        row[col.seq].as<std::int64_t>(), workspace_id));
  }
  event.set_workspace_id(workspace_id);
  event.set_seq(row[col.seq].as<std::int64_t>());
  events::SetKindFromStoredName(&event, row[col.kind].as<std::string>());
  SetTime(row[col.created_at], [&] { return event.mutable_time(); });
  event.set_claim_id(Or<std::int64_t>(row[col.claim_id], 0));
  SetUser(row, col.actor, [&] { return event.mutable_actor(); });
  return event;
}

}  // namespace

std::span<const Statement> EventStatements() {
  return kEventStatements;
}

Result<std::int64_t> Tx::TakeSeq(std::int64_t workspace_id) {
  const pqxx::result r = Exec("events.take_seq", workspace_id);
  if (r.empty()) return Status::NotFound(fmt::format("workspace {} does not exist", workspace_id));
  workspace_id_ = workspace_id;
  seq_ = FirstValue<std::int64_t, "last_seq">(r);
  return *seq_;
}

Status Tx::TakeSeqAtCommit(std::int64_t workspace_id) {
  if (Exec("events.share_workspace", workspace_id).empty()) {
    return Status::NotFound(fmt::format("workspace {} does not exist", workspace_id));
  }
  workspace_id_ = workspace_id;
  return Status::Ok();
}

void Tx::SeqAtCommitShared(std::int64_t workspace_id) {
  workspace_id_ = workspace_id;
}

void Tx::Append(const v1::Event& event) {
  // The envelope (seq, kind, actor, time) lives in columns; the payload carries the records.
  v1::Event body = event;
  body.clear_seq();
  body.clear_kind();
  body.clear_actor();
  body.clear_time();
  body.clear_workspace_id();
  PendingEvent pending;
  pending.kind = std::string(events::KindName(event.kind()));
  // Actor 0 is the server itself (admin commands): no user.
  if (actor_id_ != 0) pending.actor_id = actor_id_;
  if (event.claim_id() != 0) pending.claim_id = event.claim_id();
  pending.payload = body.SerializeAsString();
  event_ = std::move(pending);
  ++appends_;
}

std::string Tx::EventStatement(const Idempotency* idempotency) {
  const PendingEvent& e = *event_;
  const std::string bytes =
      idempotency != nullptr ? idempotency->response->SerializeAsString() : std::string();
  const std::optional<std::string> key =
      idempotency != nullptr ? std::optional(idempotency->key) : std::nullopt;
  return InlinedStatement::Render(t_.conn(), "events.append", workspace_id_, seq_.value_or(0),
                                  e.kind, e.actor_id, e.claim_id, Bytea{e.payload}, Bytea{bytes},
                                  actor_id_, key);
}

Result<std::vector<v1::Event>> ReadEventsAfter(Tx& tx, std::int64_t workspace_id,
                                               std::int64_t after_seq, int limit) {
  const pqxx::result r = tx.Exec("events.after", workspace_id, after_seq, limit);
  const auto col = MapColumns<EventColumns>(r);
  std::vector<v1::Event> events;
  events.reserve(r.size());
  for (const auto& row : r) {
    FD_ASSIGN_OR_RETURN(auto event, EventFromRow(row, col, workspace_id));
    events.push_back(std::move(event));
  }
  return events;
}

Result<std::vector<v1::Event>> ReadClaimEvents(Tx& tx, std::int64_t claim_id) {
  const pqxx::result r = tx.Exec("events.for_claim", claim_id);
  const auto col = MapColumns<ClaimEventColumns>(r);
  std::vector<v1::Event> events;
  events.reserve(r.size());
  for (const auto& row : r) {
    FD_ASSIGN_OR_RETURN(auto event,
                        EventFromRow(row, col, row[col.workspace_id].as<std::int64_t>()));
    events.push_back(std::move(event));
  }
  return events;
}

Result<std::int64_t> LastSeq(Tx& tx, std::int64_t workspace_id) {
  const pqxx::result r = tx.Exec("events.last_seq", workspace_id);
  if (r.empty()) return Status::NotFound(fmt::format("workspace {} does not exist", workspace_id));
  return FirstValue<std::int64_t, "last_seq">(r);
}

}  // namespace factdesk::store
