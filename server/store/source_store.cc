#include "server/store/source_store.h"

#include <array>

#include <fmt/format.h>

#include "proto/enum_text.h"
#include "server/store/rows.h"

namespace factdesk::store {
namespace {

#define FD_SOURCE_SELECT                                                                        \
  "SELECT s.id, s.workspace_id, s.claim_id, s.url, s.title, s.publisher, s.excerpt, s.stance, " \
  "s.archived_url, s.is_primary, a.id, a.handle, a.display_name, fd_us(s.added_at), "           \
  "r.id, r.handle, r.display_name, fd_us(s.removed_at) "                                        \
  "FROM sources s JOIN users a ON a.id = s.added_by LEFT JOIN users r ON r.id = s.removed_by "

constexpr std::array kStatements = {
    Statement{"sources.insert",
              "INSERT INTO sources (workspace_id, claim_id, url, title, publisher, excerpt, "
              "stance, archived_url, is_primary, added_by) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id"},
    Statement{"sources.get", FD_SOURCE_SELECT "WHERE s.id = $1"},
    Statement{"sources.list", FD_SOURCE_SELECT
              "WHERE s.claim_id = $1 AND ($2 OR s.removed_at IS NULL) ORDER BY s.id"},
    Statement{"sources.of_claims", FD_SOURCE_SELECT
              "WHERE s.claim_id = ANY($1::bigint[]) AND s.removed_at IS NULL ORDER BY s.id"},
    Statement{"sources.remove",
              "UPDATE sources SET removed_at = now(), removed_by = $2 "
              "WHERE id = $1 AND removed_at IS NULL"},
    Statement{"sources.count_active",
              "SELECT count(*) FROM sources WHERE claim_id = $1 AND removed_at IS NULL"},
};

#undef FD_SOURCE_SELECT

v1::Source SourceFromRow(const pqxx::row& row) {
  v1::Source s;
  s.set_id(row[0].as<std::int64_t>());
  s.set_workspace_id(row[1].as<std::int64_t>());
  s.set_claim_id(row[2].as<std::int64_t>());
  s.set_url(row[3].as<std::string>());
  s.set_title(row[4].as<std::string>());
  s.set_publisher(row[5].as<std::string>());
  s.set_excerpt(row[6].as<std::string>());
  s.set_stance(
      v1::EnumFromText<v1::Stance>(row[7].as<std::string>()).value_or(v1::STANCE_UNSPECIFIED));
  s.set_archived_url(row[8].as<std::string>());
  s.set_primary(row[9].as<bool>());
  SetUser(row, 10, [&] { return s.mutable_added_by(); });
  SetTime(row[13], [&] { return s.mutable_added_at(); });
  SetUser(row, 14, [&] { return s.mutable_removed_by(); });
  SetTime(row[17], [&] { return s.mutable_removed_at(); });
  s.set_removed(!row[17].is_null());
  return s;
}

}  // namespace

std::span<const Statement> SourceStatements() {
  return kStatements;
}

Result<v1::Source> InsertSource(Tx& tx, std::int64_t workspace_id, const v1::Source& s,
                                std::int64_t added_by) {
  const auto id =
      tx.Exec("sources.insert", workspace_id, s.claim_id(), s.url(), s.title(), s.publisher(),
              s.excerpt(), v1::EnumText(s.stance()), s.archived_url(), s.primary(), added_by)[0][0]
          .as<std::int64_t>();
  return GetSource(tx, id);
}

Result<v1::Source> GetSource(Tx& tx, std::int64_t source_id) {
  const pqxx::result r = tx.Exec("sources.get", source_id);
  if (r.empty()) return Status::NotFound(fmt::format("source {} does not exist", source_id));
  return SourceFromRow(r[0]);
}

Result<std::vector<v1::Source>> ListSources(Tx& tx, std::int64_t claim_id, bool include_removed) {
  std::vector<v1::Source> out;
  for (const auto& row : tx.Exec("sources.list", claim_id, include_removed)) {
    out.push_back(SourceFromRow(row));
  }
  return out;
}

Result<std::unordered_map<std::int64_t, std::vector<v1::Source>>> ActiveSourcesOf(
    Tx& tx, const std::vector<std::int64_t>& claim_ids) {
  std::unordered_map<std::int64_t, std::vector<v1::Source>> out;
  for (const auto& row : tx.Exec("sources.of_claims", IdArray(claim_ids))) {
    v1::Source s = SourceFromRow(row);
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
  return tx.Exec("sources.count_active", claim_id)[0][0].as<int>();
}

}  // namespace factdesk::store
