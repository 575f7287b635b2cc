#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

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
  // Something was written: look now rather than at the next poll.
  void Poke() { worker_.Poke(); }
  void Stop() { worker_.Stop(); }
  const WebhookCounters& counters() const { return counters_; }

 private:
  RoundResult Round();
  // Turns new events of every hook that is behind into deliveries; how many were queued.
  Result<int> FollowEventLog();
  // Claims one due delivery and attempts it; false when none was due.
  Result<bool> SendOne();
  void RecordOutcome(const store::DueDelivery& delivery, const store::AttemptOutcome& outcome);

  store::Db& db_;
  const WebhookWorkerOptions options_;
  WebhookCounters counters_;
  LeaseWorker worker_;
};

}  // namespace factdesk::jobs
