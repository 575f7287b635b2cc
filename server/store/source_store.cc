#include "server/store/source_store.h"

#include <array>

#include <fmt/format.h>

#include "proto/enum_text.h"
#include "server/store/rows.h"

namespace factdesk::store {
namespace {

struct SourceColumns {
  explicit SourceColumns(ColumnLookup& c)
      : id(c("id")),
        workspace_id(c("workspace_id")),
        claim_id(c("claim_id")),
        url(c("url")),
        title(c("title")),
        publisher(c("publisher")),
        excerpt(c("excerpt")),
        stance(c("stance")),
        archived_url(c("archived_url")),
        is_primary(c("is_primary")),
        added_by(c, "added_by"),
        added_at(c("added_at")),
        removed_by(c, "removed_by"),
        removed_at(c("removed_at")) {}
  ColumnIndex id, workspace_id, claim_id, url, title, publisher, excerpt, stance, archived_url,
      is_primary;
  UserColumns added_by;
  ColumnIndex added_at;
  UserColumns removed_by;
  ColumnIndex removed_at;
};

#define FD_SOURCE_SELECT                                                                        \
  "SELECT s.id, s.workspace_id, s.claim_id, s.url, s.title, s.publisher, s.excerpt, s.stance, " \
  "s.archived_url, s.is_primary, a.id AS added_by_id, a.handle AS added_by_handle, "            \
  "a.display_name AS added_by_display_name, fd_us(s.added_at) AS added_at, "                    \
  "r.id AS removed_by_id, r.handle AS removed_by_handle, "                                      \
  "r.display_name AS removed_by_display_name, fd_us(s.removed_at) AS removed_at "               \
  "FROM sources s JOIN users a ON a.id = s.added_by LEFT JOIN users r ON r.id = s.removed_by "

constexpr std::array kSourceStatements = {
    Statement{"sources.insert",
              "INSERT INTO sources (workspace_id, claim_id, url, title, publisher, excerpt, "
              "stance, archived_url, is_primary, added_by) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
              RowsAs<Column<"id">>},
    Statement{"sources.get", FD_SOURCE_SELECT "WHERE s.id = $1", RowsAs<SourceColumns>},
    Statement{"sources.list",
              FD_SOURCE_SELECT
              "WHERE s.claim_id = $1 AND ($2 OR s.removed_at IS NULL) ORDER BY s.id",
              RowsAs<SourceColumns>},
    Statement{"sources.of_claims",
              FD_SOURCE_SELECT
              "WHERE s.claim_id = ANY($1::bigint[]) AND s.removed_at IS NULL ORDER BY s.id",
              RowsAs<SourceColumns>},
    Statement{"sources.remove",
              "UPDATE sources SET removed_at = now(), removed_by = $2 "
              "WHERE id = $1 AND removed_at IS NULL"},
    Statement{"sources.count_active",
              "SELECT count(*) AS active FROM sources WHERE claim_id = $1 AND removed_at IS NULL",
              RowsAs<Column<"active">>},
};

#undef FD_SOURCE_SELECT

v1::Source SourceFromRow(const pqxx::row& row, const SourceColumns& col) {
  v1::Source s;
  s.set_id(row[col.id].as<std::int64_t>());
  s.set_workspace_id(row[col.workspace_id].as<std::int64_t>());
  s.set_claim_id(row[col.claim_id].as<std::int64_t>());
  s.set_url(row[col.url].as<std::string>());
  s.set_title(row[col.title].as<std::string>());
  s.set_publisher(row[col.publisher].as<std::string>());
  s.set_excerpt(row[col.excerpt].as<std::string>());
  s.set_stance(v1::EnumFromText<v1::Stance>(row[col.stance].as<std::string>())
                   .value_or(v1::STANCE_UNSPECIFIED));
  s.set_archived_url(row[col.archived_url].as<std::string>());
  s.set_primary(row[col.is_primary].as<bool>());
  SetUser(row, col.added_by, [&] { return s.mutable_added_by(); });
  SetTime(row[col.added_at], [&] { return s.mutable_added_at(); });
  SetUser(row, col.removed_by, [&] { return s.mutable_removed_by(); });
  SetTime(row[col.removed_at], [&] { return s.mutable_removed_at(); });
  s.set_removed(!row[col.removed_at].is_null());
  return s;
}

std::vector<v1::Source> SourcesFrom(const pqxx::result& r) {
  return MapRows<SourceColumns>(r, SourceFromRow);
}

}  // namespace

std::span<const Statement> SourceStatements() {
  return kSourceStatements;
}

Result<v1::Source> InsertSource(Tx& tx, std::int64_t workspace_id, const v1::Source& s,
                                std::int64_t added_by) {
  const auto id = FirstValue<std::int64_t, "id">(
      tx.Exec("sources.insert", workspace_id, s.claim_id(), s.url(), s.title(), s.publisher(),
              s.excerpt(), v1::EnumText(s.stance()), s.archived_url(), s.primary(), added_by));
  return GetSource(tx, id);
}

Result<v1::Source> GetSource(Tx& tx, std::int64_t source_id) {
  const pqxx::result r = tx.Exec("sources.get", source_id);
  if (r.empty()) return Status::NotFound(fmt::format("source {} does not exist", source_id));
  return SourceFromRow(r[0], MapColumns<SourceColumns>(r));
}

Result<std::vector<v1::Source>> ListSources(Tx& tx, std::int64_t claim_id, bool include_removed) {
  return SourcesFrom(tx.Exec("sources.list", claim_id, include_removed));
}

Result<std::unordered_map<std::int64_t, std::vector<v1::Source>>> ActiveSourcesOf(
    Tx& tx, const std::vector<std::int64_t>& claim_ids) {
  std::unordered_map<std::int64_t, std::vector<v1::Source>> out;
  for (v1::Source& s : SourcesFrom(tx.Exec("sources.of_claims", IdArray(claim_ids)))) {
    out[s.claim_id()].push_back(std::move(s));
  }
  return out;
}

Result<v1::Source> MarkSourceRemoved(Tx& tx, std::int64_t source_id, std::int64_t removed_by) {
  if (tx.Exec("sources.remove", source_id, removed_by).affected_rows() == 0) {
    return Status::FailedPrecondition(fmt::format("source {} was already removed", source_id));
  }
  return GetSource(tx, source_id);
}

int CountActiveSources(Tx& tx, std::int64_t claim_id) {
  return FirstValue<int, "active">(tx.Exec("sources.count_active", claim_id));
}

}  // namespace factdesk::store
