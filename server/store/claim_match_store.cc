#include "server/store/claim_match_store.h"

#include <array>

#include "server/store/rows.h"

namespace factdesk::store {
namespace {

struct DueColumns {
  explicit DueColumns(ColumnLookup& c)
      : claim_id(c("claim_id")),
        workspace_id(c("workspace_id")),
        text(c("text")),
        attempts(c("attempts")),
        queued_us(c("queued_us")),
        had_matches(c("had_matches")),
        more_due(c("more_due")) {}
  ColumnIndex claim_id, workspace_id, text, attempts, queued_us, had_matches, more_due;
};

struct MatchColumns {
  explicit MatchColumns(ColumnLookup& c) : check_id(c("check_id")), score(c("score")) {}
  ColumnIndex check_id, score;
};

constexpr std::array kClaimMatchStatements = {
    Statement{"claim_match.queue",
              "INSERT INTO claim_match_queue (claim_id, workspace_id) VALUES ($2, $1) "
              "ON CONFLICT (claim_id) DO UPDATE SET queued_at = clock_timestamp(), "
              "  lease_until = NULL, attempts = 0"},
    Statement{"claim_match.take",
              "UPDATE claim_match_queue q SET lease_until = now() + $1 * interval '1 millisecond', "
              "  attempts = q.attempts + 1 "
              "FROM claims c WHERE c.id = q.claim_id AND q.claim_id = ("
              "  SELECT claim_id FROM claim_match_queue "
              "  WHERE lease_until IS NULL OR lease_until < now() "
              "  ORDER BY lease_until NULLS FIRST, queued_at LIMIT 1 FOR UPDATE SKIP LOCKED) "
              "RETURNING q.claim_id, q.workspace_id, "
              "  CASE WHEN c.summary = '' THEN c.quote ELSE c.summary END AS text, q.attempts, "
              "  fd_us(q.queued_at) AS queued_us, "
              "  EXISTS (SELECT 1 FROM claim_matches m WHERE m.claim_id = q.claim_id) "
              "  AS had_matches, "
              "  EXISTS (SELECT 1 FROM claim_match_queue o WHERE o.claim_id <> q.claim_id "
              "    AND (o.lease_until IS NULL OR o.lease_until < now())) AS more_due",
              RowsAs<DueColumns>},
    // Marked matched, and off the queue if still queued as taken, in one statement. The
    // claim's row is locked before its queue entry, as an edit takes them (the DELETE
    // reads the UPDATE's row first); the other order deadlocked with edits. No row
    // deleted: queued again, and the caller rolls back matched_at.
    Statement{"claim_match.finish",
              "WITH m AS (UPDATE claims SET matched_at = now() WHERE id = $1 RETURNING id) "
              "DELETE FROM claim_match_queue WHERE claim_id IN (SELECT id FROM m) "
              "AND fd_us(queued_at) = $2"},
    Statement{"claim_match.drop", "DELETE FROM claim_match_queue WHERE claim_id = $1"},
    Statement{"claim_match.clear", "DELETE FROM claim_matches WHERE claim_id = $1"},
    Statement{"claim_match.insert",
              "INSERT INTO claim_matches (claim_id, check_id, rank, score) "
              "SELECT $1, check_id, rank, score FROM unnest($2::bigint[], $3::float8[]) "
              "  WITH ORDINALITY AS m(check_id, score, rank)"},
    Statement{"claim_match.matched", "UPDATE claims SET matched_at = now() WHERE id = $1"},
    Statement{"claim_match.list",
              "SELECT m.check_id, m.score FROM claim_matches m "
              "JOIN archived_checks a ON a.id = m.check_id AND a.removed_at IS NULL "
              "WHERE m.claim_id = $1 ORDER BY m.rank",
              RowsAs<MatchColumns>},
    Statement{"claim_match.state",
              "SELECT matched_at IS NOT NULL AS matched FROM claims "
              "WHERE id = $1",
              RowsAs<Column<"matched">>},
};

}  // namespace

std::span<const Statement> ClaimMatchStatements() {
  return kClaimMatchStatements;
}

void QueueClaimMatch(Tx& tx, std::int64_t workspace_id, std::int64_t claim_id) {
  tx.Exec("claim_match.queue", workspace_id, claim_id);
}

std::optional<DueClaimMatch> TakeDueClaimMatch(Tx& tx, std::chrono::milliseconds lease) {
  const pqxx::result r = tx.Exec("claim_match.take", static_cast<std::int64_t>(lease.count()));
  if (r.empty()) return std::nullopt;
  const auto col = MapColumns<DueColumns>(r);
  const pqxx::row row = r[0];
  return DueClaimMatch{
      row[col.claim_id].as<std::int64_t>(),  row[col.workspace_id].as<std::int64_t>(),
      row[col.text].as<std::string>(),       row[col.attempts].as<int>(),
      row[col.queued_us].as<std::int64_t>(), row[col.had_matches].as<bool>(),
      row[col.more_due].as<bool>()};
}

// Both below lock the claim's row before its queue entry, the order of every change to a
// claim (which locks the claim, then queues it again): the opposite order deadlocked
// with a summary edit.
bool SaveClaimMatches(Tx& tx, const DueClaimMatch& due, std::span<const ScoredCheck> found) {
  if (tx.Exec("claim_match.finish", due.claim_id, due.queued_us).affected_rows() == 0) {
    return false;  // the caller rolls back, matched_at included
  }
  // Most claims match nothing, and matched nothing before: no more statements for them.
  if (due.had_matches) tx.Exec("claim_match.clear", due.claim_id);
  if (found.empty()) return true;
  std::vector<std::int64_t> ids;
  ids.reserve(found.size());
  for (const ScoredCheck& m : found) ids.push_back(m.id);
  tx.Exec("claim_match.insert", due.claim_id, IdArray(ids), ScoreArray(found));
  return true;
}

void DropClaimMatch(Tx& tx, std::int64_t claim_id) {
  tx.Exec("claim_match.matched", claim_id);
  tx.Exec("claim_match.drop", claim_id);
  tx.Exec("claim_match.clear", claim_id);
}

ClaimMatchList ClaimMatches(Tx& tx, std::int64_t claim_id) {
  ClaimMatchList out;
  const pqxx::result state = tx.Exec("claim_match.state", claim_id);
  out.matched = !state.empty() && FirstValue<bool, "matched">(state);
  const pqxx::result r = tx.Exec("claim_match.list", claim_id);
  const auto col = MapColumns<MatchColumns>(r);
  for (const auto& row : r) {
    out.matches.push_back({row[col.check_id].as<std::int64_t>(), row[col.score].as<double>()});
  }
  return out;
}

}  // namespace factdesk::store
