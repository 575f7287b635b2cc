#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "checkworthy/scorer.h"
#include "common/result.h"
#include "factdesk/v1/live.pb.h"
#include "factdesk/v1/suggestion.pb.h"
#include "server/jobs/archive_matcher.h"
#include "server/jobs/lease_worker.h"
#include "server/jobs/suggestion_matching.h"
#include "server/store/db.h"
#include "server/store/suggestion_store.h"

// Check-worthiness suggestions on the lease worker (issue 14): each round claims the
// oldest transcript waiting in scoring_queue (FOR UPDATE SKIP LOCKED: replicas take
// different transcripts), scores its next chunk of segments with the English model and,
// in the same transaction, writes the suggestions, moves the queue row on and appends
// one suggestion.added event. A crash rolls the chunk back whole: nothing is lost or
// written twice. Imports never wait for it. When nothing waits to be scored, a round
// matches open suggestions against the archive (suggestion_matching.h).
namespace factdesk::jobs {

struct SuggestionWorkerOptions {
  // Scoring threads in this process (0: this replica scores nothing).
  int threads = 1;
  // How often an idle thread looks for queued transcripts (a NOTIFY wakes it sooner).
  std::chrono::milliseconds poll{1000};
  SuggestionMatchOptions matching;
};

struct SuggestionCounters {
  std::atomic<std::int64_t> sentences{0};  // suggestions written
  std::atomic<std::int64_t> chunks{0};     // transactions committed
};

// Whether an event of `kind` can leave a transcript to score or suggestions to match
// (an import or append, new suggestions, a change to a published claim, which the
// workspace's archive mirrors). A kind this build does not know: yes.
bool MayQueueSuggestionWork(v1::EventKind kind);

class SuggestionWorker {
 public:
  SuggestionWorker(store::Db& db, ArchiveMatcher& matcher, SuggestionWorkerOptions options);

  void Start() { worker_.Start(); }
  // Something was written here (an archive import): look now.
  void Poke() { worker_.Poke(); }
  // An event of `kind` was committed: look now if it can have given this worker work;
  // the rest wait for the poll.
  void OnEvent(v1::EventKind kind) {
    if (MayQueueSuggestionWork(kind)) worker_.Poke();
  }
  void Stop() { worker_.Stop(); }
  const SuggestionCounters& counters() const { return counters_; }

 private:
  RoundResult Round();
  // Scores one chunk of the oldest queued transcript; false when none was queued.
  Result<bool> ScoreNextChunk();

  store::Db& db_;
  ArchiveMatcher& matcher_;
  const SuggestionMatchOptions matching_;
  SuggestionCounters counters_;
  LeaseWorker worker_;
};

// The suggestions of one chunk of `job`'s segments, written in `tx` with the queue row
// moved on, and the batch the event carries. A first chunk checks the language first.
Result<v1::SuggestionBatch> ScoreChunk(store::Tx& tx, const checkworthy::Scorer& scorer,
                                       const store::ScoringJob& job);

}  // namespace factdesk::jobs
