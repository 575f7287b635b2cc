#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <vector>

#include "common/result.h"
#include "server/jobs/lease_worker.h"
#include "server/jobs/webhook_http.h"
#include "server/store/db.h"

// Webhook deliveries on the lease worker: each round follows the event log into the
// outbox (a cursor per hook), then claims one due delivery, sends it and records how it
// went. Any number of replicas run it over one database; each delivery is sent by one
// of them at a time, and again only after a failure or an expired lease.
namespace factdesk::jobs {

struct WebhookWorkerOptions {
  // Sending threads in this process (0: this replica sends nothing).
  int senders = 2;
  // How often an idle sender looks for due deliveries (a NOTIFY wakes it sooner).
  std::chrono::milliseconds poll{1000};
  // How long a claimed delivery stays out of other senders' reach; above http.timeout.
  std::chrono::milliseconds lease{60000};
  // Retries: base, doubling, at most cap apart, for at most retry_for after queueing.
  std::chrono::milliseconds retry_base{1000};
  std::chrono::milliseconds retry_cap{std::chrono::minutes(10)};
  std::chrono::milliseconds retry_for{std::chrono::hours(24)};
  WebhookHttpOptions http;
};

struct WebhookCounters {
  std::atomic<std::int64_t> delivered{0};  // answered 2xx
  std::atomic<std::int64_t> failed{0};     // given up after retry_for
  std::atomic<std::int64_t> attempts_failed{0};
};

class WebhookWorker {
 public:
  WebhookWorker(store::Db& db, WebhookWorkerOptions options);

  void Start() { worker_.Start(); }
  // An event was committed in `workspace_id`: look now rather than at the next poll, if
  // a hook there may be owed it. Which workspaces have hooks is read again at every
  // poll, so a hook added through another replica is followed from its next poll on
  // (the replica that added it follows it at once).
  void OnEvent(std::int64_t workspace_id);
  // Hooks were added or removed here, or deliveries queued: read the hooks again and
  // look now.
  void Poke();
  void Stop() { worker_.Stop(); }
  const WebhookCounters& counters() const { return counters_; }

 private:
  RoundResult Round();
  // Reads which workspaces have hooks when Poke asked for it or a poll interval passed.
  Status RefreshHookedWorkspaces();
  // Turns new events of every hook that is behind into deliveries; how many were queued.
  Result<int> FollowEventLog();
  // Claims one due delivery and attempts it; false when none was due.
  Result<bool> SendOne();
  void RecordOutcome(const store::DueDelivery& delivery, const store::AttemptOutcome& outcome);

  store::Db& db_;
  const WebhookWorkerOptions options_;
  WebhookCounters counters_;
  std::mutex hooked_mu_;
  std::vector<std::int64_t> hooked_;                      // ascending; guarded by hooked_mu_
  std::chrono::steady_clock::time_point hooked_read_at_;  // guarded by hooked_mu_
  std::atomic<bool> hooked_stale_{true};
  LeaseWorker worker_;
};

}  // namespace factdesk::jobs
