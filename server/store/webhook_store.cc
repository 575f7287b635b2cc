#include "server/store/webhook_store.h"

#include <array>

#include <fmt/format.h>

#include "server/store/rows.h"

namespace factdesk::store {
namespace {

struct WebhookColumns {
  explicit WebhookColumns(ColumnLookup& c)
      : id(c("id")),
        workspace_id(c("workspace_id")),
        url(c("url")),
        events(c("events")),
        created_by(c, "created_by"),
        created_at(c("created_at")) {}
  ColumnIndex id, workspace_id, url, events;
  UserColumns created_by;
  ColumnIndex created_at;
};

struct DeliveryColumns {
  explicit DeliveryColumns(ColumnLookup& c)
      : id(c("id")),
        webhook_id(c("webhook_id")),
        uid(c("delivery_uid")),
        event(c("event_name")),
        seq(c("event_seq")),
        claim_id(c("claim_id")),
        state(c("state")),
        attempts(c("attempts")),
        created_at(c("created_at")),
        next_attempt_at(c("next_attempt_at")),
        finished_at(c("finished_at")),
        last_http_status(c("last_http_status")),
        last_error(c("last_error")) {}
  ColumnIndex id, webhook_id, uid, event, seq, claim_id, state, attempts, created_at,
      next_attempt_at, finished_at, last_http_status, last_error;
};

struct CursorColumns {
  explicit CursorColumns(ColumnLookup& c)
      : id(c("id")),
        workspace_id(c("workspace_id")),
        events(c("events")),
        cursor(c("cursor_seq")) {}
  ColumnIndex id, workspace_id, events, cursor;
};

struct DueColumns {
  explicit DueColumns(ColumnLookup& c)
      : id(c("id")),
        workspace_id(c("workspace_id")),
        uid(c("delivery_uid")),
        event(c("event_name")),
        body(c("body")),
        attempt(c("attempts")),
        url(c("url")),
        secret(c("secret")) {}
  ColumnIndex id, workspace_id, uid, event, body, attempt, url, secret;
};

#define FD_WEBHOOK_COLUMNS                                                        \
  "h.id, h.workspace_id, h.url, array_to_string(h.events, ',') AS events, "       \
  "u.id AS created_by_id, u.handle AS created_by_handle, "                        \
  "u.display_name AS created_by_display_name, fd_us(h.created_at) AS created_at " \
  "FROM webhooks h JOIN users u ON u.id = h.created_by "

#define FD_DELIVERY_COLUMNS                                                          \
  "id, webhook_id, delivery_uid, event_name, event_seq, claim_id, state, attempts, " \
  "fd_us(created_at) AS created_at, fd_us(next_attempt_at) AS next_attempt_at, "     \
  "fd_us(finished_at) AS finished_at, last_http_status, last_error FROM webhook_deliveries "

constexpr std::array kWebhookStatements = {
    // The cursor starts at the workspace's newest committed seq (an event committing
    // beside the insert may reach the new hook; none before it does).
    Statement{"webhooks.insert",
              "INSERT INTO webhooks (workspace_id, url, events, secret, created_by, cursor_seq) "
              "SELECT $1, $2, string_to_array($3, ','), $4, $5, q.last_seq "
              "FROM workspace_seqs q WHERE q.workspace_id = $1 RETURNING id",
              RowsAs<Column<"id">>},
    Statement{"webhooks.get",
              "SELECT " FD_WEBHOOK_COLUMNS "WHERE h.id = $1 AND h.removed_at IS NULL",
              RowsAs<WebhookColumns>},
    Statement{"webhooks.list",
              "SELECT " FD_WEBHOOK_COLUMNS
              "WHERE h.workspace_id = $1 AND h.removed_at IS NULL ORDER BY h.id",
              RowsAs<WebhookColumns>},
    Statement{"webhooks.remove",
              "UPDATE webhooks SET removed_at = now() WHERE id = $1 AND removed_at IS NULL"},
    Statement{"webhooks.give_up_pending",
              "UPDATE webhook_deliveries SET state = 'failed', finished_at = now(), "
              "last_error = 'the webhook was removed' "
              "WHERE webhook_id = $1 AND state = 'pending'"},
    Statement{"webhooks.hooked_workspaces",
              "SELECT DISTINCT workspace_id FROM webhooks WHERE removed_at IS NULL "
              "ORDER BY workspace_id",
              RowsAs<Column<"workspace_id">>},
    Statement{
        "webhooks.behind",
        "SELECT h.id, h.workspace_id, array_to_string(h.events, ',') AS events, "
        "h.cursor_seq FROM webhooks h JOIN workspace_seqs q ON q.workspace_id = h.workspace_id "
        "WHERE h.removed_at IS NULL AND h.cursor_seq < q.last_seq "
        "ORDER BY h.id LIMIT $1 FOR UPDATE OF h SKIP LOCKED",
        RowsAs<CursorColumns>},
    Statement{"webhooks.advance",
              "UPDATE webhooks SET cursor_seq = greatest(cursor_seq, $2) WHERE id = $1"},
    Statement{"deliveries.insert",
              "INSERT INTO webhook_deliveries "
              "(workspace_id, webhook_id, delivery_uid, event_name, event_seq, claim_id, body) "
              "VALUES ($1, $2, $3, $4, $5, NULLIF($6::bigint, 0), $7) "
              "ON CONFLICT (webhook_id, event_seq) WHERE event_seq > 0 DO NOTHING"},
    Statement{"deliveries.get", "SELECT " FD_DELIVERY_COLUMNS "WHERE delivery_uid = $1",
              RowsAs<DeliveryColumns>},
    Statement{"deliveries.list",
              "SELECT " FD_DELIVERY_COLUMNS "WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2",
              RowsAs<DeliveryColumns>},
    // Claimed with a lease: rows another replica is claiming are skipped, and a claimed
    // row is not due again until its lease runs out (the sender died, or hangs).
    Statement{"deliveries.claim_due",
              "UPDATE webhook_deliveries d SET attempts = d.attempts + 1, "
              "next_attempt_at = now() + $1 * interval '1 millisecond' "
              "FROM webhooks h WHERE h.id = d.webhook_id AND d.id IN ("
              "SELECT id FROM webhook_deliveries WHERE state = 'pending' "
              "AND next_attempt_at <= now() ORDER BY next_attempt_at, id LIMIT $2 "
              "FOR UPDATE SKIP LOCKED) "
              "RETURNING d.id, d.workspace_id, d.delivery_uid, d.event_name, d.body, "
              "d.attempts, h.url, h.secret",
              RowsAs<DueColumns>},
    Statement{"deliveries.attempt",
              "INSERT INTO webhook_attempts "
              "(workspace_id, delivery_id, attempt, http_status, error, duration_ms) "
              "VALUES ($1, $2, $3, NULLIF($4, 0), NULLIF($5, ''), $6)"},
    Statement{"deliveries.delivered",
              "UPDATE webhook_deliveries SET state = 'delivered', finished_at = now(), "
              "last_http_status = $3, last_error = NULL "
              "WHERE id = $1 AND attempts = $2 AND state = 'pending'"},
    Statement{"deliveries.retry",
              "UPDATE webhook_deliveries SET "
              "state = CASE WHEN now() + $3 * interval '1 millisecond' > "
              "created_at + $4 * interval '1 millisecond' THEN 'failed' ELSE 'pending' END, "
              "finished_at = CASE WHEN now() + $3 * interval '1 millisecond' > "
              "created_at + $4 * interval '1 millisecond' THEN now() END, "
              "next_attempt_at = now() + $3 * interval '1 millisecond', "
              "last_http_status = NULLIF($5, 0), last_error = $6 "
              "WHERE id = $1 AND attempts = $2 AND state = 'pending' RETURNING state",
              RowsAs<Column<"state">>},
};

#undef FD_WEBHOOK_COLUMNS
#undef FD_DELIVERY_COLUMNS

std::vector<std::string> SplitNames(const std::string& joined) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= joined.size() && !joined.empty()) {
    const auto comma = joined.find(',', start);
    out.push_back(joined.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

v1::Webhook WebhookFromRow(const pqxx::row& row, const WebhookColumns& col) {
  v1::Webhook out;
  out.set_id(row[col.id].as<std::int64_t>());
  out.set_workspace_id(row[col.workspace_id].as<std::int64_t>());
  out.set_url(row[col.url].as<std::string>());
  for (auto& name : SplitNames(row[col.events].as<std::string>())) out.add_events(std::move(name));
  SetUser(row, col.created_by, [&] { return out.mutable_created_by(); });
  SetTime(row[col.created_at], [&] { return out.mutable_created_at(); });
  return out;
}

v1::DeliveryState StateOf(const std::string& state) {
  if (state == "delivered") return v1::DELIVERY_STATE_DELIVERED;
  if (state == "failed") return v1::DELIVERY_STATE_FAILED;
  return v1::DELIVERY_STATE_PENDING;
}

v1::WebhookDelivery DeliveryFromRow(const pqxx::row& row, const DeliveryColumns& col) {
  v1::WebhookDelivery out;
  out.set_id(row[col.id].as<std::int64_t>());
  out.set_webhook_id(row[col.webhook_id].as<std::int64_t>());
  out.set_delivery_uid(row[col.uid].as<std::string>());
  out.set_event(row[col.event].as<std::string>());
  out.set_seq(row[col.seq].as<std::int64_t>());
  out.set_claim_id(Or<std::int64_t>(row[col.claim_id], 0));
  out.set_state(StateOf(row[col.state].as<std::string>()));
  out.set_attempts(row[col.attempts].as<int>());
  SetTime(row[col.created_at], [&] { return out.mutable_created_at(); });
  if (out.state() == v1::DELIVERY_STATE_PENDING) {
    SetTime(row[col.next_attempt_at], [&] { return out.mutable_next_attempt_at(); });
  }
  SetTime(row[col.finished_at], [&] { return out.mutable_finished_at(); });
  out.set_last_http_status(Or<int>(row[col.last_http_status], 0));
  out.set_last_error(Or<std::string>(row[col.last_error], ""));
  return out;
}

}  // namespace

std::span<const Statement> WebhookStatements() {
  return kWebhookStatements;
}

Result<v1::Webhook> AddWebhook(Tx& tx, const NewWebhook& hook) {
  const pqxx::result r = tx.Exec("webhooks.insert", hook.workspace_id, hook.url,
                                 JoinNames(hook.events), hook.secret, hook.created_by);
  if (r.empty())
    return Status::NotFound(fmt::format("there is no workspace {}", hook.workspace_id));
  return GetWebhook(tx, FirstValue<std::int64_t, "id">(r));
}

Result<v1::Webhook> GetWebhook(Tx& tx, std::int64_t webhook_id) {
  const pqxx::result r = tx.Exec("webhooks.get", webhook_id);
  if (r.empty()) return Status::NotFound(fmt::format("there is no webhook {}", webhook_id));
  return WebhookFromRow(r[0], MapColumns<WebhookColumns>(r));
}

std::vector<v1::Webhook> ListWebhooks(Tx& tx, std::int64_t workspace_id) {
  std::vector<v1::Webhook> out;
  const pqxx::result r = tx.Exec("webhooks.list", workspace_id);
  const auto col = MapColumns<WebhookColumns>(r);
  for (const auto& row : r) out.push_back(WebhookFromRow(row, col));
  return out;
}

Result<v1::Webhook> RemoveWebhook(Tx& tx, std::int64_t webhook_id) {
  FD_ASSIGN_OR_RETURN(v1::Webhook hook, GetWebhook(tx, webhook_id));
  tx.Exec("webhooks.remove", webhook_id);
  tx.Exec("webhooks.give_up_pending", webhook_id);
  return hook;
}

bool QueueDelivery(Tx& tx, const NewDelivery& d) {
  return tx.Exec("deliveries.insert", d.workspace_id, d.webhook_id, d.uid, d.event, d.seq,
                 d.claim_id, d.body)
             .affected_rows() > 0;
}

Result<v1::WebhookDelivery> GetDelivery(Tx& tx, const std::string& uid) {
  const pqxx::result r = tx.Exec("deliveries.get", uid);
  if (r.empty()) return Status::NotFound("there is no delivery " + uid);
  return DeliveryFromRow(r[0], MapColumns<DeliveryColumns>(r));
}

std::vector<v1::WebhookDelivery> ListDeliveries(Tx& tx, std::int64_t webhook_id, int limit) {
  std::vector<v1::WebhookDelivery> out;
  const pqxx::result r = tx.Exec("deliveries.list", webhook_id, limit);
  const auto col = MapColumns<DeliveryColumns>(r);
  for (const auto& row : r) out.push_back(DeliveryFromRow(row, col));
  return out;
}

std::vector<HookCursor> LockHooksBehind(Tx& tx, int limit) {
  std::vector<HookCursor> out;
  const pqxx::result r = tx.Exec("webhooks.behind", limit);
  const auto col = MapColumns<CursorColumns>(r);
  for (const auto& row : r) {
    out.push_back({row[col.id].as<std::int64_t>(), row[col.workspace_id].as<std::int64_t>(),
                   SplitNames(row[col.events].as<std::string>()),
                   row[col.cursor].as<std::int64_t>()});
  }
  return out;
}

std::vector<std::int64_t> HookedWorkspaces(Tx& tx) {
  return ColumnValues<std::int64_t, "workspace_id">(tx.Exec("webhooks.hooked_workspaces"));
}

void AdvanceCursor(Tx& tx, std::int64_t webhook_id, std::int64_t seq) {
  tx.Exec("webhooks.advance", webhook_id, seq);
}

std::vector<DueDelivery> ClaimDueDeliveries(Tx& tx, std::int64_t lease_ms, int limit) {
  std::vector<DueDelivery> out;
  const pqxx::result r = tx.Exec("deliveries.claim_due", lease_ms, limit);
  const auto col = MapColumns<DueColumns>(r);
  for (const auto& row : r) {
    out.push_back({row[col.id].as<std::int64_t>(), row[col.workspace_id].as<std::int64_t>(),
                   row[col.uid].as<std::string>(), row[col.event].as<std::string>(),
                   row[col.body].as<std::string>(), row[col.attempt].as<int>(),
                   row[col.url].as<std::string>(), row[col.secret].as<std::string>()});
  }
  return out;
}

void RecordAttempt(Tx& tx, const DueDelivery& d, const AttemptOutcome& outcome) {
  tx.Exec("deliveries.attempt", d.workspace_id, d.id, d.attempt, outcome.http_status, outcome.error,
          outcome.duration_ms);
}

void MarkDelivered(Tx& tx, const DueDelivery& d, const AttemptOutcome& outcome) {
  tx.Exec("deliveries.delivered", d.id, d.attempt, outcome.http_status);
}

bool ScheduleRetry(Tx& tx, const DueDelivery& d, const AttemptOutcome& outcome,
                   std::int64_t delay_ms, std::int64_t retry_for_ms) {
  const pqxx::result r = tx.Exec("deliveries.retry", d.id, d.attempt, delay_ms, retry_for_ms,
                                 outcome.http_status, outcome.error);
  return !r.empty() && FirstValue<std::string, "state">(r) == "failed";
}

}  // namespace factdesk::store
