#include "server/jobs/webhook_worker.h"

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "domain/webhook_rules.h"
#include "events/event_kind.h"
#include "server/jobs/webhook_payload.h"
#include "server/store/event_store.h"
#include "server/store/webhook_store.h"

namespace factdesk::jobs {
namespace {

constexpr int kHooksPerRound = 16;
constexpr int kEventsPerHook = 100;

// Stable for the hook and the event, so a receiver recognises a repeat.
std::string EventDeliveryUid(std::int64_t hook_id, std::int64_t seq) {
  return fmt::format("fd-wh{}-seq{}", hook_id, seq);
}

// Queues the hook's deliveries for events after its cursor and moves the cursor past
// them (in the caller's transaction: both happen, or neither).
Result<int> FollowHook(store::Tx& tx, const store::HookCursor& hook) {
  FD_ASSIGN_OR_RETURN(
      auto events, store::ReadEventsAfter(tx, hook.workspace_id, hook.cursor_seq, kEventsPerHook));
  int queued = 0;
  for (const v1::Event& event : events) {
    const std::string name(domain::WebhookEventOfKind(events::KindNameOf(event)));
    if (name.empty() ||
        std::find(hook.events.begin(), hook.events.end(), name) == hook.events.end()) {
      continue;
    }
    const std::string uid = EventDeliveryUid(hook.id, event.seq());
    FD_ASSIGN_OR_RETURN(std::string body, EventBody(tx, event, name, uid));
    if (store::QueueDelivery(tx, {hook.workspace_id, hook.id, uid, name, event.seq(),
                                  event.claim_id(), std::move(body)})) {
      ++queued;
    }
  }
  if (!events.empty()) store::AdvanceCursor(tx, hook.id, events.back().seq());
  return queued;
}

}  // namespace

WebhookWorker::WebhookWorker(store::Db& db, WebhookWorkerOptions options)
    : db_(db),
      options_(options),
      worker_({"webhooks", options_.senders, options_.poll}, [this] { return Round(); }) {
  InitHttp();
}

void WebhookWorker::OnEvent(std::int64_t workspace_id) {
  bool hooked = false;
  {
    const std::lock_guard lock(hooked_mu_);
    hooked = std::binary_search(hooked_.begin(), hooked_.end(), workspace_id);
  }
  if (hooked) worker_.Poke();
}

void WebhookWorker::Poke() {
  hooked_stale_ = true;
  worker_.Poke();
}

Status WebhookWorker::RefreshHookedWorkspaces() {
  const auto now = std::chrono::steady_clock::now();
  {
    const std::lock_guard lock(hooked_mu_);
    if (!hooked_stale_ && now - hooked_read_at_ < options_.poll) return Status::Ok();
    hooked_stale_ = false;
    hooked_read_at_ = now;
  }
  std::vector<std::int64_t> hooked;
  Status s = db_.Read("HookedWorkspaces", [&](store::Tx& tx) -> Status {
    hooked = store::HookedWorkspaces(tx);
    return Status::Ok();
  });
  if (!s.ok()) {
    hooked_stale_ = true;
    return s;
  }
  const std::lock_guard lock(hooked_mu_);
  hooked_ = std::move(hooked);
  return Status::Ok();
}

RoundResult WebhookWorker::Round() {
  // A database that cannot be reached is not asked twice per round.
  if (!RefreshHookedWorkspaces().ok()) return RoundResult::kFailed;
  const Result<int> queued = FollowEventLog();
  if (!queued.ok()) return RoundResult::kFailed;
  const Result<bool> sent = SendOne();
  if (!sent.ok()) return RoundResult::kFailed;
  return *queued > 0 || *sent ? RoundResult::kBusy : RoundResult::kIdle;
}

Result<int> WebhookWorker::FollowEventLog() {
  int queued = 0;
  const Status s = db_.Write("WebhookFanout", 0, [&](store::Tx& tx) -> Status {
    queued = 0;
    for (const auto& hook : store::LockHooksBehind(tx, kHooksPerRound)) {
      FD_ASSIGN_OR_RETURN(const int n, FollowHook(tx, hook));
      queued += n;
    }
    return Status::Ok();
  });
  if (!s.ok()) {
    spdlog::warn("webhooks: following the event log failed: {}", s.message());
    return s;
  }
  return queued;
}

Result<bool> WebhookWorker::SendOne() {
  std::vector<store::DueDelivery> due;
  const Status s = db_.Write("WebhookClaim", 0, [&](store::Tx& tx) -> Status {
    due = store::ClaimDueDeliveries(tx, options_.lease.count(), 1);
    return Status::Ok();
  });
  if (!s.ok()) {
    spdlog::warn("webhooks: claiming a delivery failed: {}", s.message());
    return s;
  }
  if (due.empty()) return false;
  RecordOutcome(due.front(), PostDelivery(due.front(), options_.http));
  return true;
}

void WebhookWorker::RecordOutcome(const store::DueDelivery& d,
                                  const store::AttemptOutcome& outcome) {
  const bool delivered = outcome.error.empty();
  bool gave_up = false;
  const auto delay = BackoffDelay(d.attempt, options_.retry_base, options_.retry_cap);
  const Status s = db_.Write("WebhookOutcome", 0, [&](store::Tx& tx) -> Status {
    store::RecordAttempt(tx, d, outcome);
    if (delivered) {
      store::MarkDelivered(tx, d, outcome);
    } else {
      gave_up = store::ScheduleRetry(tx, d, outcome, delay.count(), options_.retry_for.count());
    }
    return Status::Ok();
  });
  if (!s.ok()) {
    // The lease runs out and the delivery is sent again: at least once.
    spdlog::warn("webhooks: recording delivery {} failed: {}", d.uid, s.message());
    return;
  }
  if (delivered) {
    ++counters_.delivered;
    spdlog::info("webhooks: delivered {} ({}) to {} on attempt {}", d.uid, d.event, d.url,
                 d.attempt);
    return;
  }
  ++counters_.attempts_failed;
  if (gave_up) ++counters_.failed;
  spdlog::warn("webhooks: attempt {} of {} to {} failed: {}{}", d.attempt, d.uid, d.url,
               outcome.error, gave_up ? "; given up" : "");
}

}  // namespace factdesk::jobs
