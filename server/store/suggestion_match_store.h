#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "factdesk/v1/suggestion.pb.h"
#include "server/store/archive_store.h"
#include "server/store/db.h"
#include "server/store/statement.h"

// "Checked before?" for suggestions (migration 0015): which open suggestions wait to be
// matched against their workspace's archive (never matched, or matched before the archive
// last changed), and the matches found.
namespace factdesk::store {

std::span<const Statement> SuggestionMatchStatements();

// A batch of one transcript's open suggestions to match, best scored first.
struct DueSuggestionMatches {
  std::int64_t workspace_id = 0;
  std::int64_t transcript_id = 0;
  // The workspace archive's newest revision when they were picked: what they are
  // matched up to.
  std::int64_t head = 0;
  std::vector<std::int64_t> ids;
  // Each one's matched_revision as read (the write checks it is still that).
  std::vector<std::int64_t> matched_revisions;
};
// The oldest-matched due batch of any workspace (at most `limit`); none when every open
// suggestion is matched up to its archive's newest revision (or the archive is empty).
std::optional<DueSuggestionMatches> NextSuggestionsToMatch(Tx& tx, int limit);

// Replaces the suggestion's matches and records them as of `head`. False, and nothing
// written, when it was decided, or matched by another worker, since `read_revision`.
bool SaveSuggestionMatches(Tx& tx, std::int64_t suggestion_id, std::int64_t read_revision,
                           std::int64_t head, std::span<const ScoredCheck> found);

// Fills each suggestion's `matches` (best first; checks removed since are left out).
void AttachSuggestionMatches(Tx& tx, std::span<v1::Suggestion> suggestions);

// Accepting: the suggestion's matches become the new claim's, so its inspector shows
// them at once (the claim match worker replaces them with its own later). Marks the
// claim matched when there were any.
void CarryMatchesToClaim(Tx& tx, std::int64_t suggestion_id, std::int64_t claim_id);

}  // namespace factdesk::store
