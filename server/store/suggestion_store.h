#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "factdesk/v1/dashboard.pb.h"
#include "factdesk/v1/suggestion.pb.h"
#include "server/store/db.h"
#include "server/store/statement.h"

// Suggestions (migration 0011): scored sentences and the scoring queue, one row per
// transcript, that the suggestion worker (server/jobs) empties.
namespace factdesk::store {

std::span<const Statement> SuggestionStatements();

// ---- The scoring queue ----

// Queues the transcript for scoring, in the caller's transaction (an import's: both
// commit, or neither). A transcript already scored is queued again for the segments
// added since; one found not English stays so.
void QueueScoring(Tx& tx, std::int64_t workspace_id, std::int64_t transcript_id);

struct ScoringJob {
  std::int64_t transcript_id = 0;
  std::int64_t workspace_id = 0;
  int next_ordinal = 0;  // segments below it are scored
};
// The oldest pending transcript, locked FOR UPDATE SKIP LOCKED (another replica's is
// skipped); none when nothing waits.
std::optional<ScoringJob> ClaimScoringJob(Tx& tx);
// Records the chunk scored: segments below `next_ordinal` are done, by `version`;
// `finished` when none is left.
void AdvanceScoring(Tx& tx, std::int64_t transcript_id, int next_ordinal,
                    const std::string& version, bool finished);
void MarkNotEnglish(Tx& tx, std::int64_t transcript_id, const std::string& note,
                    const std::string& version);
// Rescoring: locks the transcript's queue row (before TakeSeq: the worker holds it while
// it takes the seq, so the other order could deadlock), drops its open suggestions and
// queues it from the first segment.
void LockScoring(Tx& tx, std::int64_t transcript_id);
void RestartScoring(Tx& tx, std::int64_t workspace_id, std::int64_t transcript_id);
// A segment's text was corrected: its open suggestions (ranges in the old text) go; the
// decided ones stay with the claims they became or the reason they were dismissed. The
// number dropped.
int DropOpenSuggestionsOf(Tx& tx, std::int64_t segment_id);
// How far scoring has got (PENDING at 0 for a transcript never queued).
v1::ScoringStatus GetScoringStatus(Tx& tx, std::int64_t transcript_id);

// ---- Suggestions ----

struct NewSuggestion {
  std::int64_t segment_id = 0;
  std::size_t start_byte = 0;
  std::size_t end_byte = 0;
  v1::SuggestionKind kind = v1::SUGGESTION_KIND_SPEECH;
  double score = 0;
  std::vector<v1::SuggestionReason> reasons;
};
// Inserts them in one statement; a sentence that has a suggestion already (an accepted
// or dismissed one kept by a rescore) is left as it is. Returns those inserted, in
// transcript order.
std::vector<v1::Suggestion> InsertSuggestions(Tx& tx, std::int64_t workspace_id,
                                              std::int64_t transcript_id,
                                              const std::string& version,
                                              const std::vector<NewSuggestion>& rows);
// NOT_FOUND "there is no suggestion N". `lock`: FOR UPDATE, for a change.
// Suggestions read carry their matches ("checked before?").
Result<v1::Suggestion> GetSuggestion(Tx& tx, std::int64_t suggestion_id, bool lock = false);
// The given ones that exist, in transcript order.
std::vector<v1::Suggestion> GetSuggestions(Tx& tx, const std::vector<std::int64_t>& ids);
// Best first; open ones only unless `include_decided`.
std::vector<v1::Suggestion> ListSuggestions(Tx& tx, std::int64_t transcript_id, double min_score,
                                            bool include_decided, int limit);
void MarkAccepted(Tx& tx, std::int64_t suggestion_id, std::int64_t user_id, std::int64_t claim_id);
void MarkDismissed(Tx& tx, std::int64_t suggestion_id, std::int64_t user_id,
                   const std::string& reason);

// ---- The dashboard ----

// The suggestion counts of the workspace, or of one transcript (transcript_id != 0).
v1::SuggestionCounts CountSuggestions(Tx& tx, std::int64_t workspace_id,
                                      std::int64_t transcript_id);

}  // namespace factdesk::store
