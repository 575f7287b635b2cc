#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <set>

#include "server/jobs/archive_matcher.h"
#include "server/jobs/lease_worker.h"
#include "server/store/db.h"

// "Checked before?" off the request path: each round takes one queued claim (a new one, or
// one whose summary changed) with a lease, ranks the workspace's archive for its text and
// records the matches with an EVENT_KIND_CLAIM_MATCHED event, so every client's inspector
// shows them live (no event when nothing was found and nothing was shown before). Any
// number of replicas run it over one database.
namespace factdesk::jobs {

struct ClaimMatchWorkerOptions {
  // Matching threads in this process (0: this replica matches nothing).
  int threads = 1;
  std::chrono::milliseconds poll{1000};
  // How long a taken claim stays out of other workers' reach.
  std::chrono::milliseconds lease{30000};
  // Matches kept per claim.
  int matches = 5;
  // A claim that failed this many times is dropped (matched with nothing), not retried.
  int max_attempts = 5;
};

class ClaimMatchWorker {
 public:
  ClaimMatchWorker(store::Db& db, ArchiveMatcher& matcher, ClaimMatchWorkerOptions options);

  void Start() { worker_.Start(); }
  // A claim was queued: look now rather than at the next poll.
  void Poke() { worker_.Poke(); }
  // Checks were imported into the workspace's archive: its index catches up on this
  // worker's thread, not in the next member's match.
  void Warm(std::int64_t workspace_id);
  void Stop() { worker_.Stop(); }

 private:
  RoundResult Round();
  // One workspace waiting to be warmed, if any.
  std::optional<std::int64_t> NextToWarm();

  store::Db& db_;
  ArchiveMatcher& matcher_;
  const ClaimMatchWorkerOptions options_;
  std::mutex warm_mu_;
  std::set<std::int64_t> to_warm_;
  LeaseWorker worker_;
};

}  // namespace factdesk::jobs
