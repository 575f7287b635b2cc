#include "server/store/export_store.h"

#include <array>

#include "server/store/rows.h"

namespace factdesk::store {
namespace {

struct CorrectionColumns {
  explicit CorrectionColumns(ColumnLookup& c)
      : claim_id(c("claim_id")),
        reason(c("reason")),
        corrected_at(c("corrected_at")),
        earlier_verdict(c("earlier_verdict")) {}
  ColumnIndex claim_id;
  ColumnIndex reason;
  ColumnIndex corrected_at;
  ColumnIndex earlier_verdict;
};

struct DecisionColumns {
  explicit DecisionColumns(ColumnLookup& c) : claim_id(c("claim_id")), reasoning(c("reasoning")) {}
  ColumnIndex claim_id;
  ColumnIndex reasoning;
};

constexpr std::array kExportStatements = {
    Statement{"exports.corrections_of",
              "SELECT claim_id, reason, fd_us(corrected_at) AS corrected_at, earlier_verdict "
              "FROM claim_corrections WHERE claim_id = ANY($1::bigint[]) ORDER BY claim_id, id",
              RowsAs<CorrectionColumns>},
    Statement{"exports.decisions_of",
              "SELECT DISTINCT ON (claim_id) claim_id, reasoning FROM disputes "
              "WHERE claim_id = ANY($1::bigint[]) AND resolution = 'EDITOR_DECISION' "
              "  AND reasoning <> '' ORDER BY claim_id, closed_at DESC, id DESC",
              RowsAs<DecisionColumns>},
};

}  // namespace

std::span<const Statement> ExportStatements() {
  return kExportStatements;
}

Result<std::unordered_map<std::int64_t, std::vector<v1::ClaimCorrection>>> CorrectionsOf(
    Tx& tx, const std::vector<std::int64_t>& claim_ids) {
  std::unordered_map<std::int64_t, std::vector<v1::ClaimCorrection>> out;
  const pqxx::result r = tx.Exec("exports.corrections_of", IdArray(claim_ids));
  const auto col = MapColumns<CorrectionColumns>(r);
  for (const auto& row : r) {
    v1::ClaimCorrection c;
    c.set_claim_id(row[col.claim_id].as<std::int64_t>());
    c.set_reason(row[col.reason].as<std::string>());
    SetTime(row[col.corrected_at], [&] { return c.mutable_corrected_at(); });
    c.set_earlier_verdict(row[col.earlier_verdict].as<std::string>());
    out[c.claim_id()].push_back(std::move(c));
  }
  return out;
}

Result<std::unordered_map<std::int64_t, std::string>> DecisionsOf(
    Tx& tx, const std::vector<std::int64_t>& claim_ids) {
  std::unordered_map<std::int64_t, std::string> out;
  const pqxx::result r = tx.Exec("exports.decisions_of", IdArray(claim_ids));
  const auto col = MapColumns<DecisionColumns>(r);
  for (const auto& row : r) {
    out[row[col.claim_id].as<std::int64_t>()] = row[col.reasoning].as<std::string>();
  }
  return out;
}

}  // namespace factdesk::store
