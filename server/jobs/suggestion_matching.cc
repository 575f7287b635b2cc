#include "server/jobs/suggestion_matching.h"

#include <optional>
#include <unordered_map>
#include <vector>

#include "server/store/suggestion_match_store.h"
#include "server/store/suggestion_store.h"

namespace factdesk::jobs {
namespace {

struct Matched {
  std::int64_t id = 0;
  std::int64_t read_revision = 0;
  std::vector<store::ScoredCheck> found;
  bool changed = false;  // from what the suggestion showed
};

bool SameChecks(const v1::Suggestion& s, const std::vector<store::ScoredCheck>& found) {
  if (static_cast<std::size_t>(s.matches_size()) != found.size()) return false;
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (s.matches(static_cast<int>(i)).check().id() != found[i].id) return false;
  }
  return true;
}

// Ranks the archive for each due sentence and keeps the matches above the threshold.
std::vector<Matched> MatchBatch(store::Tx& tx, ArchiveMatcher& matcher,
                                const store::DueSuggestionMatches& due,
                                const SuggestionMatchOptions& options) {
  std::vector<Matched> out;
  std::unordered_map<std::int64_t, std::int64_t> read_revision;
  for (std::size_t i = 0; i < due.ids.size(); ++i) {
    read_revision.emplace(due.ids[i], due.matched_revisions[i]);
  }
  for (const v1::Suggestion& s : store::GetSuggestions(tx, due.ids)) {
    Matched m{s.id(), read_revision.at(s.id()), {}, false};
    for (const store::ScoredCheck& hit :
         matcher.Match(tx, due.workspace_id, s.quote(), options.keep)) {
      if (hit.score >= options.min_score) m.found.push_back(hit);
    }
    m.changed = !SameChecks(s, m.found);
    out.push_back(std::move(m));
  }
  return out;
}

// Records the batch; the event names the suggestions whose matches changed, as they now
// stand. ABORTED (rolled back) when another worker recorded every changed one first.
Status SaveBatch(store::Tx& tx, const store::DueSuggestionMatches& due,
                 const std::vector<Matched>& batch) {
  bool any_changed = false;
  for (const Matched& m : batch) any_changed = any_changed || m.changed;
  // The workspace before the suggestions' rows, as accepting and dismissing lock them.
  if (any_changed) FD_RETURN_IF_ERROR(tx.TakeSeq(due.workspace_id).status());
  std::vector<std::int64_t> announce;
  for (const Matched& m : batch) {
    if (store::SaveSuggestionMatches(tx, m.id, m.read_revision, due.head, m.found) && m.changed) {
      announce.push_back(m.id);
    }
  }
  if (!any_changed) return Status::Ok();
  if (announce.empty()) return Status::Aborted("matched by another worker");
  v1::Event event;
  event.set_kind(v1::EVENT_KIND_SUGGESTIONS_MATCHED);
  v1::SuggestionBatch* out = event.mutable_suggestions();
  out->set_transcript_id(due.transcript_id);
  for (v1::Suggestion& s : store::GetSuggestions(tx, announce))
    *out->add_suggestions() = std::move(s);
  *out->mutable_status() = store::GetScoringStatus(tx, due.transcript_id);
  tx.Append(event);
  return Status::Ok();
}

}  // namespace

Result<bool> MatchDueSuggestions(store::Db& db, ArchiveMatcher& matcher,
                                 const SuggestionMatchOptions& options) {
  std::optional<store::DueSuggestionMatches> due;
  std::vector<Matched> batch;
  FD_RETURN_IF_ERROR(db.Read("MatchSuggestions", [&](store::Tx& tx) -> Status {
    due = store::NextSuggestionsToMatch(tx, options.per_round);
    if (due) batch = MatchBatch(tx, matcher, *due, options);
    return Status::Ok();
  }));
  if (!due) return false;
  const Status saved = db.Write("SaveSuggestionMatches", 0, [&](store::Tx& tx) -> Status {
    return SaveBatch(tx, *due, batch);
  });
  if (!saved.ok() && saved.code() != Code::kAborted) return saved;
  return true;
}

}  // namespace factdesk::jobs
