#include "server/store/suggestion_match_store.h"

#include <array>
#include <unordered_map>

#include "server/store/rows.h"

namespace factdesk::store {
namespace {

struct DueColumns {
  explicit DueColumns(ColumnLookup& c)
      : workspace_id(c("workspace_id")), transcript_id(c("transcript_id")), head(c("head")) {}
  ColumnIndex workspace_id, transcript_id, head;
};

struct DueIdColumns {
  explicit DueIdColumns(ColumnLookup& c) : id(c("id")), matched_revision(c("matched_revision")) {}
  ColumnIndex id, matched_revision;
};

struct MatchColumns {
  explicit MatchColumns(ColumnLookup& c)
      : suggestion_id(c("suggestion_id")), check_id(c("check_id")), score(c("score")) {}
  ColumnIndex suggestion_id, check_id, score;
};

constexpr std::array kSuggestionMatchStatements = {
    // Per workspace its archive's newest revision (an index lookup on archived_checks'
    // (workspace_id, revision)), then its least recently matched open suggestion below it
    // (suggestions_match_due); the workspace whose is oldest goes first.
    Statement{"suggestion_match.next",
              "SELECT h.workspace_id, h.head, d.transcript_id FROM ("
              "  SELECT w.id AS workspace_id, (SELECT max(a.revision) FROM archived_checks a "
              "    WHERE a.workspace_id = w.id) AS head FROM workspaces w) h "
              "CROSS JOIN LATERAL (SELECT s.transcript_id, s.matched_revision FROM suggestions s "
              "  WHERE s.workspace_id = h.workspace_id AND s.state = 'open' "
              "  AND s.matched_revision < h.head ORDER BY s.matched_revision LIMIT 1) d "
              "ORDER BY d.matched_revision, h.workspace_id LIMIT 1",
              RowsAs<DueColumns>},
    Statement{"suggestion_match.due_ids",
              "SELECT id, matched_revision FROM suggestions WHERE transcript_id = $1 "
              "AND state = 'open' AND matched_revision < $2 ORDER BY score DESC, id LIMIT $3",
              RowsAs<DueIdColumns>},
    Statement{"suggestion_match.mark",
              "UPDATE suggestions SET matched_revision = $3 WHERE id = $1 AND state = 'open' "
              "AND matched_revision = $2"},
    Statement{"suggestion_match.clear", "DELETE FROM suggestion_matches WHERE suggestion_id = $1"},
    Statement{"suggestion_match.insert",
              "INSERT INTO suggestion_matches (suggestion_id, check_id, rank, score) "
              "SELECT $1, check_id, rank, score FROM unnest($2::bigint[], $3::float8[]) "
              "  WITH ORDINALITY AS m(check_id, score, rank)"},
    Statement{"suggestion_match.of",
              "SELECT m.suggestion_id, m.check_id, m.score FROM suggestion_matches m "
              "JOIN archived_checks a ON a.id = m.check_id AND a.removed_at IS NULL "
              "WHERE m.suggestion_id = ANY($1::bigint[]) ORDER BY m.suggestion_id, m.rank",
              RowsAs<MatchColumns>},
    Statement{"suggestion_match.carry",
              "INSERT INTO claim_matches (claim_id, check_id, rank, score) "
              "SELECT $2, check_id, rank, score FROM suggestion_matches WHERE suggestion_id = $1 "
              "ON CONFLICT (claim_id, check_id) DO NOTHING"},
    Statement{"suggestion_match.carried",
              "UPDATE claims SET matched_at = now() WHERE id = $2 AND EXISTS ("
              "  SELECT 1 FROM suggestion_matches WHERE suggestion_id = $1)"},
};

}  // namespace

std::span<const Statement> SuggestionMatchStatements() {
  return kSuggestionMatchStatements;
}

std::optional<DueSuggestionMatches> NextSuggestionsToMatch(Tx& tx, int limit) {
  const pqxx::result next = tx.Exec("suggestion_match.next");
  if (next.empty()) return std::nullopt;
  const auto col = MapColumns<DueColumns>(next);
  DueSuggestionMatches due;
  due.workspace_id = next[0][col.workspace_id].as<std::int64_t>();
  due.transcript_id = next[0][col.transcript_id].as<std::int64_t>();
  due.head = next[0][col.head].as<std::int64_t>();
  const pqxx::result ids = tx.Exec("suggestion_match.due_ids", due.transcript_id, due.head, limit);
  const auto icol = MapColumns<DueIdColumns>(ids);
  for (const auto& row : ids) {
    due.ids.push_back(row[icol.id].as<std::int64_t>());
    due.matched_revisions.push_back(row[icol.matched_revision].as<std::int64_t>());
  }
  return due;
}

bool SaveSuggestionMatches(Tx& tx, std::int64_t suggestion_id, std::int64_t read_revision,
                           std::int64_t head, std::span<const ScoredCheck> found) {
  if (tx.Exec("suggestion_match.mark", suggestion_id, read_revision, head).affected_rows() == 0) {
    return false;
  }
  tx.Exec("suggestion_match.clear", suggestion_id);
  std::vector<std::int64_t> ids;
  ids.reserve(found.size());
  for (const ScoredCheck& m : found) ids.push_back(m.id);
  if (!ids.empty())
    tx.Exec("suggestion_match.insert", suggestion_id, IdArray(ids), ScoreArray(found));
  return true;
}

void AttachSuggestionMatches(Tx& tx, std::span<v1::Suggestion> suggestions) {
  if (suggestions.empty()) return;
  std::vector<std::int64_t> ids;
  for (const v1::Suggestion& s : suggestions) ids.push_back(s.id());
  const pqxx::result r = tx.Exec("suggestion_match.of", IdArray(ids));
  if (r.empty()) return;
  const auto col = MapColumns<MatchColumns>(r);
  // Each check read once, however many sentences it answers.
  std::vector<ScoredCheck> distinct;
  std::unordered_map<std::int64_t, std::size_t> seen;
  for (const auto& row : r) {
    const auto check_id = row[col.check_id].as<std::int64_t>();
    if (seen.emplace(check_id, distinct.size()).second) distinct.push_back({check_id, 0});
  }
  std::unordered_map<std::int64_t, v1::CheckMatch> checks;
  for (v1::CheckMatch& m : MatchesOf(tx, distinct)) checks.emplace(m.check().id(), std::move(m));
  std::unordered_map<std::int64_t, v1::Suggestion*> by_id;
  for (v1::Suggestion& s : suggestions) by_id.emplace(s.id(), &s);
  for (const auto& row : r) {
    auto check = checks.find(row[col.check_id].as<std::int64_t>());
    auto s = by_id.find(row[col.suggestion_id].as<std::int64_t>());
    if (check == checks.end() || s == by_id.end()) continue;
    v1::CheckMatch* m = s->second->add_matches();
    *m = check->second;
    m->set_score(row[col.score].as<double>());
  }
}

void CarryMatchesToClaim(Tx& tx, std::int64_t suggestion_id, std::int64_t claim_id) {
  tx.Exec("suggestion_match.carry", suggestion_id, claim_id);
  tx.Exec("suggestion_match.carried", suggestion_id, claim_id);
}

}  // namespace factdesk::store
