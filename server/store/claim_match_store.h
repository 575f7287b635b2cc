#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "server/store/archive_store.h"
#include "server/store/db.h"
#include "server/store/statement.h"

// "Checked before?" for the workspace's claims: the queue of claims waiting to be matched
// against the archive, and the matches found (migration 0012).
namespace factdesk::store {

std::span<const Statement> ClaimMatchStatements();

// Queues the claim to be matched (again, when it is queued already: its text changed).
void QueueClaimMatch(Tx& tx, std::int64_t workspace_id, std::int64_t claim_id);

// A queued claim, taken with a lease: no other worker takes it until the lease runs out.
struct DueClaimMatch {
  std::int64_t claim_id = 0;
  std::int64_t workspace_id = 0;
  // What is matched: the claim's summary (its quote when the summary is empty).
  std::string text;
  int attempts = 0;
  // When it was queued (microseconds): the finishing write checks it is still this one.
  std::int64_t queued_us = 0;
  // Whether matches are recorded for the claim from an earlier matching, read as it was
  // taken. Still true when SaveClaimMatches succeeds: only the holder of the entry
  // writes a claim's matches, and an entry taken or queued again since makes the save
  // fail.
  bool had_matches = false;
  // Whether another entry was due as this one was taken: when none was, the worker
  // waits for the next Poke instead of asking again.
  bool more_due = false;
};
std::optional<DueClaimMatch> TakeDueClaimMatch(Tx& tx, std::chrono::milliseconds lease);

// Records the claim's matches (replacing earlier ones, when due.had_matches) and takes it
// off the queue. False when the claim was queued again since it was taken (its text
// changed: the newer entry is matched instead); the caller then rolls back.
bool SaveClaimMatches(Tx& tx, const DueClaimMatch& due, std::span<const ScoredCheck> found);

// Gives up on a claim that failed too often: off the queue, matched with nothing.
void DropClaimMatch(Tx& tx, std::int64_t claim_id);

struct ClaimMatchList {
  bool matched = false;
  // Best first.
  std::vector<ScoredCheck> matches;
};
ClaimMatchList ClaimMatches(Tx& tx, std::int64_t claim_id);

}  // namespace factdesk::store
