#pragma once

#include <cstddef>

#include "common/result.h"
#include "server/jobs/archive_matcher.h"
#include "server/store/db.h"

// "Checked before?" for suggestions, off the request path: the suggestion worker's
// rounds match open suggested sentences against their workspace's archive (imported
// checks and the desk's own published ones) with the index every match uses
// (ArchiveMatcher), after scoring, and again whenever the archive has changed since.
namespace factdesk::jobs {

// The score a match needs to be kept (BM25F plus the re-ranking's n-gram term,
// archive/match_index.h), measured with the 10,375 Snopes checks of claim-retrieval-2020
// (eval_matching --thresholds, docs/benchmarks.md section 7): at 15, 95% of the tuning
// tweets' kept best matches are right, and 1.3% of the debate sentences nobody found worth
// checking show one (at 12.5, 92% and 4%). Scores grow with the archive (rarer words weigh
// more), so a small archive shows fewer matches.
inline constexpr double kSuggestionMatchMinScore = 15.0;

struct SuggestionMatchOptions {
  // Sentences per round: one transcript's, one transaction, at most one event.
  int per_round = 32;
  // Matches kept per sentence (Suggestion.matches holds at most 3).
  std::size_t keep = 3;
  double min_score = kSuggestionMatchMinScore;
};

// Matches one batch of due suggestions and records them; a suggestion.matched event carries
// those whose matches changed. False when nothing was due.
Result<bool> MatchDueSuggestions(store::Db& db, ArchiveMatcher& matcher,
                                 const SuggestionMatchOptions& options);

}  // namespace factdesk::jobs
