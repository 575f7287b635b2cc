#include "server/store/claim_search_store.h"

#include <array>
#include <unordered_map>

#include "server/store/claim_store.h"
#include "server/store/rows.h"

namespace factdesk::store {
namespace {

struct HitColumns {
  explicit HitColumns(ColumnLookup& c)
      : claim_id(c("claim_id")),
        field(c("field")),
        score(c("score")),
        snippet(c("snippet")),
        total(c("total")) {}
  ColumnIndex claim_id, field, score, snippet, total;
};

// The fields, each matched on its own, with a weight for how much a match there tells
// about the claim: its own words most, a source's title and a rationale less, a note
// (often an aside) least. Field numbers are v1::ClaimField.
// U+E000/U+E001 mark the matches in snippets, as transcript search marks them.
constexpr std::array kClaimSearchStatements = {
    Statement{
        "claims.search",
        "WITH q AS (SELECT websearch_to_tsquery('english', fd_match_text($2)) AS query), "
        "matches AS ("
        "  SELECT c.id AS claim_id, 1 AS field, c.quote AS text, "
        "    1.0 * ts_rank(to_tsvector('english', fd_match_text(c.quote)), q.query) AS rank "
        "  FROM claims c, q WHERE c.workspace_id = $1 "
        "    AND to_tsvector('english', fd_match_text(c.quote)) @@ q.query "
        "  UNION ALL "
        "  SELECT c.id, 2, c.summary, "
        "    1.0 * ts_rank(to_tsvector('english', fd_match_text(c.summary)), q.query) "
        "  FROM claims c, q WHERE c.workspace_id = $1 "
        "    AND to_tsvector('english', fd_match_text(c.summary)) @@ q.query "
        "  UNION ALL "
        // The blind rule (domain/blind_rule.h) in SQL: a rationale is searched by its
        // author, by editors and admins, once the claim is settled, or by a reviewer of
        // the claim's current round.
        "  SELECT r.claim_id, 3, r.rationale, "
        "    0.6 * ts_rank(to_tsvector('english', fd_match_text(r.rationale)), q.query) "
        "  FROM reviews r JOIN claims c ON c.id = r.claim_id, q WHERE r.workspace_id = $1 "
        "    AND to_tsvector('english', fd_match_text(r.rationale)) @@ q.query "
        "    AND ($4 OR r.reviewer_id = $3 "
        "         OR c.status IN ('RESOLVED', 'PUBLISHED', 'DISMISSED') "
        "         OR EXISTS (SELECT 1 FROM reviews m WHERE m.claim_id = c.id "
        "                    AND m.reviewer_id = $3 AND m.round = c.review_round)) "
        "  UNION ALL "
        "  SELECT n.claim_id, 4, n.body, "
        "    0.4 * ts_rank(to_tsvector('english', fd_match_text(n.body)), q.query) "
        "  FROM notes n, q WHERE n.workspace_id = $1 AND n.removed_at IS NULL "
        "    AND to_tsvector('english', fd_match_text(n.body)) @@ q.query "
        "  UNION ALL "
        "  SELECT x.claim_id, 5, x.title, "
        "    0.8 * ts_rank(to_tsvector('english', fd_match_text(x.title)), q.query) "
        "  FROM sources x, q WHERE x.workspace_id = $1 AND x.removed_at IS NULL "
        "    AND to_tsvector('english', fd_match_text(x.title)) @@ q.query), "
        // A claim matching in several fields is one hit, scored by all of them and shown
        // by its best field.
        "scored AS (SELECT claim_id, sum(rank) AS score, "
        "  (array_agg(field ORDER BY rank DESC, field))[1] AS field, "
        "  (array_agg(text ORDER BY rank DESC, field))[1] AS text "
        "  FROM matches GROUP BY claim_id), "
        "hits AS (SELECT sc.* FROM scored sc JOIN claims c ON c.id = sc.claim_id "
        "  JOIN segments s ON s.id = c.segment_id LEFT JOIN speakers sp ON sp.id = s.speaker_id "
        "  WHERE ($5::text[] IS NULL OR c.status = ANY($5::text[])) "
        "  AND ($6 = '' OR c.verdict_label = $6) "
        "  AND ($7 = '' OR lower(c.claimant) = lower($7) OR lower(sp.name) = lower($7)) "
        "  AND ($8::bigint = 0 OR c.transcript_id = $8::bigint) "
        "  AND ($9 = '' OR EXISTS (SELECT 1 FROM claim_tags t "
        "                          WHERE t.claim_id = c.id AND t.tag = $9)) "
        "  AND ($10::bigint IS NULL "
        "       OR c.created_at >= 'epoch'::timestamptz + $10::bigint * interval '1 microsecond') "
        "  AND ($11::bigint IS NULL "
        "       OR c.created_at < 'epoch'::timestamptz + $11::bigint * interval '1 microsecond')), "
        "page AS (SELECT * FROM hits ORDER BY score DESC, claim_id DESC OFFSET $12 LIMIT $13) "
        "SELECT p.claim_id, p.field, p.score, "
        "  ts_headline('english', fd_match_text(p.text), q.query, "
        "    'StartSel=\xee\x80\x80, StopSel=\xee\x80\x81, MaxWords=24, MinWords=8, "
        "     MaxFragments=2, FragmentDelimiter=\" … \"') AS snippet, "
        "  (SELECT count(*) FROM hits) AS total "
        "FROM page p, q ORDER BY p.score DESC, p.claim_id DESC",
        RowsAs<HitColumns>},
};

}  // namespace

std::span<const Statement> ClaimSearchStatements() {
  return kClaimSearchStatements;
}

Result<ClaimSearchPage> SearchClaims(Tx& tx, const ClaimSearch& s, int offset, int limit) {
  const pqxx::result r =
      tx.Exec("claims.search", s.workspace_id, s.query, s.reader_id, s.reader_sees_all_reviews,
              WordArray(s.statuses), s.verdict, s.speaker, s.transcript_id, s.tag, s.since_us,
              s.until_us, offset, limit);
  const auto col = MapColumns<HitColumns>(r);
  ClaimSearchPage page;
  std::vector<std::int64_t> ids;
  for (const auto& row : r) {
    v1::ClaimSearchHit hit;
    hit.mutable_claim()->set_id(row[col.claim_id].as<std::int64_t>());
    hit.set_field(static_cast<v1::ClaimField>(row[col.field].as<int>()));
    hit.set_rank(row[col.score].as<double>());
    hit.set_snippet(row[col.snippet].as<std::string>());
    page.total = row[col.total].as<int>();
    ids.push_back(hit.claim().id());
    page.hits.push_back(std::move(hit));
  }
  FD_ASSIGN_OR_RETURN(auto claims, ClaimsByIds(tx, ids));
  std::unordered_map<std::int64_t, v1::Claim*> by_id;
  for (auto& c : claims) by_id[c.id()] = &c;
  for (auto& hit : page.hits) {
    if (auto it = by_id.find(hit.claim().id()); it != by_id.end()) {
      *hit.mutable_claim() = std::move(*it->second);
    }
  }
  return page;
}

}  // namespace factdesk::store
