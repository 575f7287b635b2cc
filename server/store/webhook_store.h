#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "factdesk/v1/webhook.pb.h"
#include "server/store/db.h"
#include "server/store/statement.h"

// Webhooks, the deliveries owed to them (the outbox) and the attempts at each
// (migration 0008). The work that fills and empties the outbox is in server/jobs.
namespace factdesk::store {

std::span<const Statement> WebhookStatements();

// Hooks.
struct NewWebhook {
  std::int64_t workspace_id = 0;
  std::string url;
  std::vector<std::string> events;
  std::string secret;
  std::int64_t created_by = 0;
};
// Adds the hook with its cursor at the workspace's newest seq: only later events reach it.
Result<v1::Webhook> AddWebhook(Tx& tx, const NewWebhook& hook);
// A hook not removed; NOT_FOUND "there is no webhook N" otherwise.
Result<v1::Webhook> GetWebhook(Tx& tx, std::int64_t webhook_id);
std::vector<v1::Webhook> ListWebhooks(Tx& tx, std::int64_t workspace_id);
// Removes the hook; its pending deliveries are given up ("the webhook was removed").
Result<v1::Webhook> RemoveWebhook(Tx& tx, std::int64_t webhook_id);

// The outbox.
struct NewDelivery {
  std::int64_t workspace_id = 0;
  std::int64_t webhook_id = 0;
  std::string uid;
  std::string event;
  std::int64_t seq = 0;  // 0: a test delivery
  std::int64_t claim_id = 0;
  std::string body;
};
// Queues it, due now. False when the hook already has a delivery for that seq.
bool QueueDelivery(Tx& tx, const NewDelivery& delivery);
Result<v1::WebhookDelivery> GetDelivery(Tx& tx, const std::string& uid);
// Newest first, at most `limit`.
std::vector<v1::WebhookDelivery> ListDeliveries(Tx& tx, std::int64_t webhook_id, int limit);

// Following the event log: live hooks whose cursor is behind their workspace's newest
// seq, locked (FOR UPDATE SKIP LOCKED, so replicas take different hooks), at most `limit`.
struct HookCursor {
  std::int64_t id = 0;
  std::int64_t workspace_id = 0;
  std::vector<std::string> events;
  std::int64_t cursor_seq = 0;
};
std::vector<HookCursor> LockHooksBehind(Tx& tx, int limit);
// The workspaces that have a live hook, ascending.
std::vector<std::int64_t> HookedWorkspaces(Tx& tx);
void AdvanceCursor(Tx& tx, std::int64_t webhook_id, std::int64_t seq);

// Sending: a due delivery claimed with a lease (its next_attempt_at moved `lease_ms`
// ahead, so no replica takes it again while this one sends).
struct DueDelivery {
  std::int64_t id = 0;
  std::int64_t workspace_id = 0;
  std::string uid;
  std::string event;
  std::string body;
  int attempt = 0;  // this attempt's number, from 1: the fencing token of its outcome
  std::string url;
  std::string secret;
};
std::vector<DueDelivery> ClaimDueDeliveries(Tx& tx, std::int64_t lease_ms, int limit);

// An attempt's outcome. http_status 0: no answer.
struct AttemptOutcome {
  int http_status = 0;
  std::string error;  // empty when delivered
  std::int64_t duration_ms = 0;
};
void RecordAttempt(Tx& tx, const DueDelivery& d, const AttemptOutcome& outcome);
// Marks it delivered, unless its lease was lost and another attempt began since.
void MarkDelivered(Tx& tx, const DueDelivery& d, const AttemptOutcome& outcome);
// Schedules the next attempt `delay_ms` from now, or gives up (FAILED) when that would
// be past `retry_for_ms` after it was queued. True when it was given up.
bool ScheduleRetry(Tx& tx, const DueDelivery& d, const AttemptOutcome& outcome,
                   std::int64_t delay_ms, std::int64_t retry_for_ms);

}  // namespace factdesk::store
