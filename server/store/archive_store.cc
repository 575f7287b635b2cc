#include "server/store/archive_store.h"

#include <array>
#include <unordered_map>

#include <fmt/format.h>

#include "server/store/rows.h"

namespace factdesk::store {
namespace {

struct CheckColumns {
  explicit CheckColumns(ColumnLookup& c)
      : id(c("id")),
        url(c("url")),
        claim_reviewed(c("claim_reviewed")),
        headline(c("headline")),
        author_name(c("author_name")),
        author_url(c("author_url")),
        date_published(c("date_published")),
        in_language(c("in_language")),
        rating_name(c("rating_name")),
        rating_value(c("rating_value")),
        best_rating(c("best_rating")),
        worst_rating(c("worst_rating")),
        claimant(c("claimant")),
        claim_date(c("claim_date")),
        appearances(c("appearances")),
        imported_at(c("imported_at")),
        claim_id(c("claim_id")) {}
  ColumnIndex id, url, claim_reviewed, headline, author_name, author_url, date_published,
      in_language, rating_name, rating_value, best_rating, worst_rating, claimant, claim_date,
      appearances, imported_at, claim_id;
};

struct ChangeColumns {
  explicit ChangeColumns(ColumnLookup& c)
      : id(c("id")),
        revision(c("revision")),
        removed(c("removed")),
        claim_reviewed(c("claim_reviewed")),
        headline(c("headline")) {}
  ColumnIndex id, revision, removed, claim_reviewed, headline;
};

struct UpsertColumns {
  explicit UpsertColumns(ColumnLookup& c) : inserted(c("inserted")) {}
  ColumnIndex inserted;
};

// Appearances travel as one text, one URL a line (validated checks hold no line breaks).
#define FD_CHECK_COLUMNS                                                                    \
  "id, url, claim_reviewed, headline, author_name, author_url, date_published, "            \
  "in_language, rating_name, rating_value, best_rating, worst_rating, claimant, "           \
  "claim_date, array_to_string(appearances, E'\\n') AS appearances, fd_us(imported_at) AS " \
  "imported_at, coalesce(claim_id, 0) AS claim_id "

constexpr std::array kArchiveStatements = {
    // Writers of a workspace's archive take this first, so revisions (taken after it)
    // commit in order and a match index catching up never skips one committed late.
    Statement{"archive.lock",
              "SELECT pg_advisory_xact_lock(1095910216, ($1::bigint % 2147483647)::int)"},
    // Unchanged rows are left alone (no new revision): re-importing a feed costs the
    // match indexes nothing.
    Statement{"archive.upsert",
              "INSERT INTO archived_checks AS a (workspace_id, imported_by, url, claim_reviewed, "
              "  headline, author_name, author_url, date_published, in_language, rating_name, "
              "  rating_value, best_rating, worst_rating, claimant, claim_date, appearances) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
              "  coalesce(string_to_array(nullif($16, ''), E'\\n'), '{}')) "
              "ON CONFLICT (workspace_id, url) WHERE claim_id IS NULL DO UPDATE SET imported_by = "
              "EXCLUDED.imported_by, "
              "  claim_reviewed = EXCLUDED.claim_reviewed, headline = EXCLUDED.headline, "
              "  author_name = EXCLUDED.author_name, author_url = EXCLUDED.author_url, "
              "  date_published = EXCLUDED.date_published, in_language = EXCLUDED.in_language, "
              "  rating_name = EXCLUDED.rating_name, rating_value = EXCLUDED.rating_value, "
              "  best_rating = EXCLUDED.best_rating, worst_rating = EXCLUDED.worst_rating, "
              "  claimant = EXCLUDED.claimant, claim_date = EXCLUDED.claim_date, "
              "  appearances = EXCLUDED.appearances, imported_at = now(), removed_at = NULL, "
              "  revision = nextval('archived_check_revisions') "
              "WHERE a.removed_at IS NOT NULL OR (a.claim_reviewed, a.headline, a.author_name, "
              "  a.author_url, a.date_published, a.in_language, a.rating_name, a.rating_value, "
              "  a.best_rating, a.worst_rating, a.claimant, a.claim_date, a.appearances) IS "
              "  DISTINCT FROM (EXCLUDED.claim_reviewed, EXCLUDED.headline, "
              "  EXCLUDED.author_name, EXCLUDED.author_url, EXCLUDED.date_published, "
              "  EXCLUDED.in_language, EXCLUDED.rating_name, EXCLUDED.rating_value, "
              "  EXCLUDED.best_rating, EXCLUDED.worst_rating, EXCLUDED.claimant, "
              "  EXCLUDED.claim_date, EXCLUDED.appearances) "
              "RETURNING (xmax = 0) AS inserted",
              RowsAs<UpsertColumns>},
    Statement{"archive.list",
              "SELECT " FD_CHECK_COLUMNS
              "FROM archived_checks WHERE workspace_id = $1 AND removed_at IS NULL "
              "AND ($2::bigint = 0 OR id < $2::bigint) ORDER BY id DESC LIMIT $3",
              RowsAs<CheckColumns>},
    Statement{"archive.get",
              "SELECT " FD_CHECK_COLUMNS
              "FROM archived_checks WHERE id = $1 AND removed_at IS NULL",
              RowsAs<CheckColumns>},
    Statement{"archive.by_ids",
              "SELECT " FD_CHECK_COLUMNS
              "FROM archived_checks WHERE id = ANY($1::bigint[]) AND removed_at IS NULL",
              RowsAs<CheckColumns>},
    Statement{"archive.workspace", "SELECT workspace_id AS id FROM archived_checks WHERE id = $1",
              RowsAs<Column<"id">>},
    Statement{"archive.remove",
              "UPDATE archived_checks SET removed_at = now(), "
              "revision = nextval('archived_check_revisions') "
              "WHERE id = $1 AND removed_at IS NULL AND claim_id IS NULL"},
    // The workspace's own claim as a check: present while it is PUBLISHED (its summary,
    // verdict and page as they now stand), removed otherwise. A claim never published
    // gets no row. Unchanged rows keep their revision.
    Statement{"archive.mirror_claim",
              "INSERT INTO archived_checks AS a (workspace_id, claim_id, imported_by, url, "
              "  claim_reviewed, author_name, author_url, date_published, rating_name, "
              "  rating_value, best_rating, worst_rating, claimant, removed_at) "
              "SELECT c.workspace_id, c.id, $2, "
              "  CASE WHEN w.claim_url_prefix = '' THEN '' ELSE w.claim_url_prefix || c.id END, "
              "  CASE WHEN c.summary = '' THEN c.quote ELSE c.summary END, w.publisher_name, "
              "  w.publisher_url, "
              "  coalesce(to_char(c.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), ''), "
              "  coalesce(c.verdict_label, ''), coalesce(c.verdict_value::text, ''), "
              "  coalesce(c.verdict_best::text, ''), coalesce(c.verdict_worst::text, ''), "
              "  c.claimant, CASE WHEN c.status = 'PUBLISHED' THEN NULL ELSE now() END "
              "FROM claims c JOIN workspaces w ON w.id = c.workspace_id WHERE c.id = $1 "
              "  AND (c.status = 'PUBLISHED' "
              "       OR EXISTS (SELECT 1 FROM archived_checks x WHERE x.claim_id = c.id)) "
              "ON CONFLICT (claim_id) DO UPDATE SET url = EXCLUDED.url, "
              "  claim_reviewed = EXCLUDED.claim_reviewed, author_name = EXCLUDED.author_name, "
              "  author_url = EXCLUDED.author_url, date_published = EXCLUDED.date_published, "
              "  rating_name = EXCLUDED.rating_name, rating_value = EXCLUDED.rating_value, "
              "  best_rating = EXCLUDED.best_rating, worst_rating = EXCLUDED.worst_rating, "
              "  claimant = EXCLUDED.claimant, removed_at = EXCLUDED.removed_at, "
              "  revision = nextval('archived_check_revisions') "
              "WHERE (a.url, a.claim_reviewed, a.author_name, a.author_url, a.date_published, "
              "  a.rating_name, a.rating_value, a.best_rating, a.worst_rating, a.claimant, "
              "  a.removed_at IS NULL) IS DISTINCT FROM (EXCLUDED.url, EXCLUDED.claim_reviewed, "
              "  EXCLUDED.author_name, EXCLUDED.author_url, EXCLUDED.date_published, "
              "  EXCLUDED.rating_name, EXCLUDED.rating_value, EXCLUDED.best_rating, "
              "  EXCLUDED.worst_rating, EXCLUDED.claimant, EXCLUDED.removed_at IS NULL)"},
    Statement{"archive.changes",
              "SELECT id, revision, removed_at IS NOT NULL AS removed, claim_reviewed, headline "
              "FROM archived_checks WHERE workspace_id = $1 AND revision > $2 "
              "ORDER BY revision",
              RowsAs<ChangeColumns>},
};

#undef FD_CHECK_COLUMNS

v1::ArchivedCheck CheckFromRow(const pqxx::row& row, const CheckColumns& col) {
  v1::ArchivedCheck c;
  c.set_id(row[col.id].as<std::int64_t>());
  c.set_url(row[col.url].as<std::string>());
  c.set_claim_reviewed(row[col.claim_reviewed].as<std::string>());
  c.set_headline(row[col.headline].as<std::string>());
  c.set_author_name(row[col.author_name].as<std::string>());
  c.set_author_url(row[col.author_url].as<std::string>());
  c.set_date_published(row[col.date_published].as<std::string>());
  c.set_in_language(row[col.in_language].as<std::string>());
  c.set_rating_name(row[col.rating_name].as<std::string>());
  c.set_rating_value(row[col.rating_value].as<std::string>());
  c.set_best_rating(row[col.best_rating].as<std::string>());
  c.set_worst_rating(row[col.worst_rating].as<std::string>());
  c.set_claimant(row[col.claimant].as<std::string>());
  c.set_claim_date(row[col.claim_date].as<std::string>());
  const auto appearances = row[col.appearances].as<std::string>();
  for (std::size_t start = 0; start < appearances.size();) {
    const std::size_t end = std::min(appearances.find('\n', start), appearances.size());
    c.add_appearances(appearances.substr(start, end - start));
    start = end + 1;
  }
  SetTime(row[col.imported_at], [&] { return c.mutable_imported_at(); });
  c.set_claim_id(row[col.claim_id].as<std::int64_t>());
  return c;
}

std::vector<v1::ArchivedCheck> ChecksOf(const pqxx::result& r) {
  return MapRows<CheckColumns>(r, CheckFromRow);
}

std::string Lines(const google::protobuf::RepeatedPtrField<std::string>& values) {
  std::string out;
  for (const std::string& v : values) {
    if (!out.empty()) out += '\n';
    out += v;
  }
  return out;
}

}  // namespace

std::span<const Statement> ArchiveStatements() {
  return kArchiveStatements;
}

void LockArchive(Tx& tx, std::int64_t workspace_id) {
  tx.Exec("archive.lock", workspace_id);
}

ArchiveImportCounts UpsertArchivedChecks(Tx& tx, std::int64_t workspace_id, std::int64_t user_id,
                                         std::span<const v1::ArchivedCheck> checks) {
  LockArchive(tx, workspace_id);
  ArchiveImportCounts counts;
  for (const v1::ArchivedCheck& c : checks) {
    const pqxx::result r =
        tx.Exec("archive.upsert", workspace_id, user_id, c.url(), c.claim_reviewed(), c.headline(),
                c.author_name(), c.author_url(), c.date_published(), c.in_language(),
                c.rating_name(), c.rating_value(), c.best_rating(), c.worst_rating(), c.claimant(),
                c.claim_date(), Lines(c.appearances()));
    if (r.empty()) {
      ++counts.unchanged;
    } else if (r[0][MapColumns<UpsertColumns>(r).inserted].as<bool>()) {
      ++counts.created;
    } else {
      ++counts.updated;
    }
  }
  return counts;
}

std::vector<v1::ArchivedCheck> ListArchivedChecks(Tx& tx, std::int64_t workspace_id,
                                                  std::int64_t before_id, int limit) {
  return ChecksOf(tx.Exec("archive.list", workspace_id, before_id, limit));
}

Result<v1::ArchivedCheck> GetArchivedCheck(Tx& tx, std::int64_t id) {
  std::vector<v1::ArchivedCheck> found = ChecksOf(tx.Exec("archive.get", id));
  if (found.empty()) return Status::NotFound(fmt::format("archived check {} does not exist", id));
  return std::move(found.front());
}

Result<std::int64_t> ArchivedCheckWorkspace(Tx& tx, std::int64_t id) {
  const pqxx::result r = tx.Exec("archive.workspace", id);
  if (r.empty()) return Status::NotFound(fmt::format("archived check {} does not exist", id));
  return FirstValue<std::int64_t, "id">(r);
}

Status RemoveArchivedCheck(Tx& tx, std::int64_t workspace_id, std::int64_t id) {
  LockArchive(tx, workspace_id);
  if (tx.Exec("archive.remove", id).affected_rows() == 0) {
    return Status::NotFound(fmt::format("archived check {} does not exist", id));
  }
  return Status::Ok();
}

void MirrorOwnClaim(Tx& tx, std::int64_t workspace_id, std::int64_t claim_id,
                    std::int64_t user_id) {
  LockArchive(tx, workspace_id);
  tx.Exec("archive.mirror_claim", claim_id, user_id);
}

std::vector<ArchiveChange> ArchiveChangesSince(Tx& tx, std::int64_t workspace_id,
                                               std::int64_t revision) {
  const pqxx::result r = tx.Exec("archive.changes", workspace_id, revision);
  const auto col = MapColumns<ChangeColumns>(r);
  std::vector<ArchiveChange> out;
  out.reserve(r.size());
  for (const auto& row : r) {
    out.push_back({row[col.id].as<std::int64_t>(), row[col.revision].as<std::int64_t>(),
                   row[col.removed].as<bool>(), row[col.claim_reviewed].as<std::string>(),
                   row[col.headline].as<std::string>()});
  }
  return out;
}

std::vector<v1::ArchivedCheck> ArchivedChecksByIds(Tx& tx, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  std::vector<v1::ArchivedCheck> rows = ChecksOf(tx.Exec("archive.by_ids", IdArray(ids)));
  std::unordered_map<std::int64_t, std::size_t> at;
  for (std::size_t i = 0; i < ids.size(); ++i) at.emplace(ids[i], i);
  std::sort(rows.begin(), rows.end(),
            [&](const auto& a, const auto& b) { return at.at(a.id()) < at.at(b.id()); });
  return rows;
}

std::vector<v1::CheckMatch> MatchesOf(Tx& tx, std::span<const ScoredCheck> ranked) {
  std::vector<std::int64_t> ids;
  ids.reserve(ranked.size());
  for (const ScoredCheck& r : ranked) ids.push_back(r.id);
  std::vector<v1::ArchivedCheck> checks = ArchivedChecksByIds(tx, ids);
  std::vector<v1::CheckMatch> out;
  out.reserve(checks.size());
  std::size_t next = 0;
  for (const ScoredCheck& r : ranked) {
    if (next == checks.size() || checks[next].id() != r.id) continue;
    v1::CheckMatch& match = out.emplace_back();
    match.set_source(checks[next].claim_id() != 0 ? "claim" : "archive");
    *match.mutable_check() = std::move(checks[next++]);
    match.set_score(r.score);
  }
  return out;
}

std::string ScoreArray(std::span<const ScoredCheck> ranked) {
  std::string out = "{";
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    if (i > 0) out += ',';
    out += fmt::format("{}", ranked[i].score);
  }
  return out + "}";
}

}  // namespace factdesk::store
