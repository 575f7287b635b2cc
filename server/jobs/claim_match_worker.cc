#include "server/jobs/claim_match_worker.h"

#include <optional>
#include <vector>

#include <spdlog/spdlog.h>

#include "server/store/archive_store.h"
#include "server/store/claim_match_store.h"

namespace factdesk::jobs {

ClaimMatchWorker::ClaimMatchWorker(store::Db& db, ArchiveMatcher& matcher,
                                   ClaimMatchWorkerOptions options)
    : db_(db),
      matcher_(matcher),
      options_(options),
      worker_({"claim-matches", options_.threads, options_.poll}, [this] { return Round(); }) {}

void ClaimMatchWorker::Warm(std::int64_t workspace_id) {
  {
    const std::lock_guard lock(warm_mu_);
    to_warm_.insert(workspace_id);
  }
  worker_.Poke();
}

std::optional<std::int64_t> ClaimMatchWorker::NextToWarm() {
  const std::lock_guard lock(warm_mu_);
  if (to_warm_.empty()) return std::nullopt;
  const std::int64_t ws = *to_warm_.begin();
  to_warm_.erase(to_warm_.begin());
  return ws;
}

RoundResult ClaimMatchWorker::Round() {
  if (const std::optional<std::int64_t> ws = NextToWarm()) {
    const Status warmed = db_.Read("WarmArchiveIndex", [&](store::Tx& tx) -> Status {
      matcher_.CatchUp(tx, *ws);
      return Status::Ok();
    });
    return warmed.ok() ? RoundResult::kBusy : RoundResult::kFailed;
  }
  // Taken in its own transaction, so the lease holds while the matching runs.
  std::optional<store::DueClaimMatch> due;
  Status s = db_.Write("TakeClaimMatch", 0, [&](store::Tx& tx) -> Status {
    due = store::TakeDueClaimMatch(tx, options_.lease);
    return Status::Ok();
  });
  if (!s.ok()) return RoundResult::kFailed;
  if (!due) return RoundResult::kIdle;

  if (due->attempts > options_.max_attempts) {
    spdlog::error("claim matches: giving up on claim {} after {} attempts", due->claim_id,
                  due->attempts - 1);
    s = db_.Write("DropClaimMatch", 0, [&](store::Tx& tx) -> Status {
      store::DropClaimMatch(tx, due->claim_id);
      return Status::Ok();
    });
    return s.ok() ? RoundResult::kBusy : RoundResult::kFailed;
  }

  s = db_.Write("SaveClaimMatches", 0, [&](store::Tx& tx) -> Status {
    // Matched in the transaction that records it, before it locks anything: the index
    // catches up with the archive in its first statement (no transaction of its own).
    const std::vector<store::ScoredCheck> ranked = matcher_.Match(
        tx, due->workspace_id, due->text, static_cast<std::size_t>(options_.matches));
    // Announced when there is something to show, or when earlier matches are now gone;
    // "nothing found" for a new claim is recorded quietly (ListClaimMatches says so).
    const bool announce = !ranked.empty() || due->had_matches;
    if (announce) FD_RETURN_IF_ERROR(tx.TakeSeq(due->workspace_id).status());
    if (!store::SaveClaimMatches(tx, *due, ranked)) {
      // Queued again since (its text changed): that entry is matched instead. A rollback
      // gives the seq back.
      return Status::Aborted("claim queued again");
    }
    if (!announce) return Status::Ok();
    v1::Event event;
    event.set_kind(v1::EVENT_KIND_CLAIM_MATCHED);
    event.set_claim_id(due->claim_id);
    for (v1::CheckMatch& m : store::MatchesOf(tx, ranked)) *event.add_matches() = std::move(m);
    tx.Append(event);
    return Status::Ok();
  });
  if (s.code() == Code::kAborted) return RoundResult::kBusy;
  if (!s.ok()) {
    spdlog::warn("claim matches: recording the matches of claim {} failed: {}", due->claim_id,
                 s.message());
    return RoundResult::kFailed;
  }
  // Nothing else was due: the next claim's Poke wakes the worker (an empty round would
  // cost a transaction after every claim).
  return due->more_due ? RoundResult::kBusy : RoundResult::kIdle;
}

}  // namespace factdesk::jobs
