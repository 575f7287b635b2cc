#include "server/store/claim_store.h"

#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "proto/enum_text.h"
#include "server/store/account_store.h"
#include "server/store/rows.h"
#include "server/store/workspace_lock.h"

namespace factdesk::store {
namespace {

// A claim as a record: the claim, its segment's ordinal and speaker, who marked it, its
// link. What exports read.
struct ClaimRecordColumns {
  explicit ClaimRecordColumns(ColumnLookup& c)
      : id(c("id")),
        workspace_id(c("workspace_id")),
        transcript_id(c("transcript_id")),
        segment_id(c("segment_id")),
        segment_ordinal(c("segment_ordinal")),
        start_byte(c("start_byte")),
        end_byte(c("end_byte")),
        quote(c("quote")),
        prefix(c("prefix")),
        suffix(c("suffix")),
        summary(c("summary")),
        claimant(c("claimant")),
        status(c("status")),
        version(c("version")),
        created_by(c, "created_by"),
        created_at(c("created_at")),
        updated_at(c("updated_at")),
        final_verdict(c),
        status_reason(c("status_reason")),
        dismiss_reason(c("dismiss_reason")),
        resolved_at(c("resolved_at")),
        published_at(c("published_at")),
        speaker(c("speaker")),
        correction_count(c("correction_count")),
        link(c("link")),
        quote_old_quote(c("quote_old_quote")),
        quote_old_text(c("quote_old_text")),
        quote_new_text(c("quote_new_text")),
        quote_revision(c("quote_revision")),
        quote_changed_at(c("quote_changed_at")) {}
  ColumnIndex id, workspace_id, transcript_id, segment_id, segment_ordinal, start_byte, end_byte,
      quote, prefix, suffix, summary, claimant, status, version;
  UserColumns created_by;
  ColumnIndex created_at, updated_at;
  VerdictColumns final_verdict;
  ColumnIndex status_reason, dismiss_reason, resolved_at, published_at, speaker, correction_count,
      link;
  // The quote change (migration 0013), NULL while the quote is in the text.
  ColumnIndex quote_old_quote, quote_old_text, quote_new_text, quote_revision, quote_changed_at;
};

// A claim as the desk shows it: the record, its counts, its assignees as JSON
// [[id, handle, name], ...] and its tags, so one row holds a whole claim.
struct ClaimColumns : ClaimRecordColumns {
  explicit ClaimColumns(ColumnLookup& c)
      : ClaimRecordColumns(c),
        source_count(c("source_count")),
        note_count(c("note_count")),
        review_count(c("review_count")),
        assignees(c("assignees")),
        tags(c("tags")) {}
  ColumnIndex source_count, note_count, review_count, assignees, tags;
};

#define FD_CLAIM_RECORD_COLUMNS                                                                  \
  "SELECT c.id, c.workspace_id, c.transcript_id, c.segment_id, s.ordinal AS segment_ordinal, "   \
  "c.start_byte, c.end_byte, c.quote, c.prefix, c.suffix, c.summary, c.claimant, c.status, "     \
  "c.version, u.id AS created_by_id, u.handle AS created_by_handle, "                            \
  "u.display_name AS created_by_display_name, fd_us(c.created_at) AS created_at, "               \
  "fd_us(c.updated_at) AS updated_at, c.verdict_label, c.verdict_ordered, c.verdict_value, "     \
  "c.verdict_best, c.verdict_worst, c.status_reason, c.dismiss_reason, "                         \
  "fd_us(c.resolved_at) AS resolved_at, fd_us(c.published_at) AS published_at, "                 \
  "coalesce(sp.name, '') AS speaker, c.correction_count, "                                       \
  "CASE WHEN c.linked_at IS NULL THEN NULL ELSE json_build_array(coalesce(lc.id, 0), "           \
  "  coalesce(lc.claim_id, lk.id, 0), coalesce(lc.url, ''), "                                    \
  "  coalesce(lc.claim_reviewed, CASE WHEN lk.summary = '' THEN lk.quote ELSE lk.summary END), " \
  "  coalesce(lc.rating_name, lk.verdict_label, ''), coalesce(lc.author_name, ''), "             \
  "  lu.id, lu.handle, lu.display_name, fd_us(c.linked_at)) END AS link, "                       \
  "c.quote_old_quote, c.quote_old_text, c.quote_new_text, c.quote_revision, "                    \
  "fd_us(c.quote_changed_at) AS quote_changed_at "
// Per-row subqueries: the desk's views need them, exports do not.
#define FD_CLAIM_DESK_COLUMNS                                                                \
  ", (SELECT count(*) FROM sources x WHERE x.claim_id = c.id AND x.removed_at IS NULL) "     \
  "  AS source_count, "                                                                      \
  "(SELECT count(*) FROM notes x WHERE x.claim_id = c.id AND x.removed_at IS NULL) "         \
  "  AS note_count, "                                                                        \
  "(SELECT count(*) FROM reviews x WHERE x.claim_id = c.id) AS review_count, "               \
  "coalesce((SELECT json_agg(json_build_array(a.user_id, au.handle, au.display_name) "       \
  "          ORDER BY au.handle) FROM claim_assignees a JOIN users au ON au.id = a.user_id " \
  "          WHERE a.claim_id = c.id), '[]') AS assignees, "                                 \
  "coalesce((SELECT json_agg(t.tag ORDER BY t.tag) FROM claim_tags t "                       \
  "          WHERE t.claim_id = c.id), '[]') AS tags "
#define FD_CLAIM_COLUMNS FD_CLAIM_RECORD_COLUMNS FD_CLAIM_DESK_COLUMNS
// What the columns read beside the claim `c`.
#define FD_CLAIM_JOINS                                                                 \
  "JOIN segments s ON s.id = c.segment_id "                                            \
  "LEFT JOIN speakers sp ON sp.id = s.speaker_id JOIN users u ON u.id = c.created_by " \
  "LEFT JOIN archived_checks lc ON lc.id = c.linked_check_id "                         \
  "LEFT JOIN claims lk ON lk.id = c.linked_claim_id LEFT JOIN users lu ON lu.id = c.linked_by "
#define FD_CLAIM_SELECT FD_CLAIM_COLUMNS "FROM claims c " FD_CLAIM_JOINS
#define FD_CLAIM_RECORD_SELECT FD_CLAIM_RECORD_COLUMNS "FROM claims c " FD_CLAIM_JOINS
// The claim $1's workspace and the role of the user $2 there (NULL: not a member).
#define FD_CLAIM_PLACE                                                   \
  "SELECT c.workspace_id, m.role FROM claims c LEFT JOIN memberships m " \
  "ON m.workspace_id = c.workspace_id AND m.user_id = $2 WHERE c.id = $1 "

// A claim's workflow state ($2-$4), its verdict when $5 ($6-$10), its resolution and
// publication times ($11 set now, $12 published now, $13 cleared), a new version.
#define FD_CLAIM_STATE_UPDATE                                                          \
  "UPDATE claims SET status = $2, status_reason = $3, dismiss_reason = $4, "           \
  "  verdict_label = CASE WHEN $5 THEN nullif($6, '') ELSE verdict_label END, "        \
  "  verdict_ordered = CASE WHEN $5 THEN $7 ELSE verdict_ordered END, "                \
  "  verdict_value = CASE WHEN $5 THEN $8 ELSE verdict_value END, "                    \
  "  verdict_best = CASE WHEN $5 THEN $9 ELSE verdict_best END, "                      \
  "  verdict_worst = CASE WHEN $5 THEN $10 ELSE verdict_worst END, "                   \
  "  resolved_at = CASE WHEN $11 THEN now() WHEN $13 THEN NULL ELSE resolved_at END, " \
  "  published_at = CASE WHEN $12 THEN now() WHEN $13 THEN NULL "                      \
  "                      ELSE published_at END, "                                      \
  "  version = version + 1, updated_at = now() WHERE id = $1"

struct PlaceColumns {
  explicit PlaceColumns(ColumnLookup& c) : workspace_id(c("workspace_id")), role(c("role")) {}
  ColumnIndex workspace_id, role;
};

constexpr std::array kClaimStatements = {
    // The new claim read back as GetClaim reads it, and queued for "checked before?"
    // (the match worker takes it after the commit: claim_match_worker.h), in the
    // inserting statement.
    Statement{"claims.insert",
              "WITH c AS (INSERT INTO claims (workspace_id, transcript_id, segment_id, "
              "  start_byte, end_byte, quote, prefix, suffix, summary, claimant, created_by) "
              "  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *), "
              "q AS (INSERT INTO claim_match_queue (claim_id, workspace_id) "
              "  SELECT id, workspace_id FROM c) " FD_CLAIM_COLUMNS "FROM c " FD_CLAIM_JOINS,
              RowsAs<ClaimColumns>},
    Statement{"claims.get", FD_CLAIM_SELECT "WHERE c.id = $1", RowsAs<ClaimColumns>},
    Statement{"claims.workspace_and_role", FD_CLAIM_PLACE, RowsAs<PlaceColumns>},
    // The workspace lock is taken for the claim's row only (the primary key finds it
    // first), then the row's lock: the order a change to a record keeps (the workspace
    // lock shared, then the record's), in one round trip.
    Statement{"claims.place_for_change",
              FD_CLAIM_PLACE "AND pg_advisory_xact_lock_shared(" FD_WORKSPACE_LOCK_KEY(
                  "c.workspace_id") ") IS NOT NULL FOR UPDATE OF c",
              RowsAs<PlaceColumns>},
    Statement{"claims.list",
              FD_CLAIM_SELECT
              "WHERE c.workspace_id = $1 AND ($2::bigint = 0 OR c.transcript_id = $2::bigint) "
              "AND ($3::text[] IS NULL OR c.status = ANY($3::text[])) "
              "AND ($4::bigint = 0 OR EXISTS (SELECT 1 FROM claim_assignees a "
              "                       WHERE a.claim_id = c.id AND a.user_id = $4::bigint)) "
              "AND (NOT $5 OR NOT EXISTS (SELECT 1 FROM claim_assignees a "
              "                           WHERE a.claim_id = c.id)) "
              // The page starts after claim $6 (0: at the start of transcript $2, or of the
              // workspace), as values, so the reading-order index (0016) starts there.
              "AND (c.transcript_id, c.segment_ordinal, c.start_byte, c.id) > ("
              "  CASE WHEN $6::bigint = 0 THEN $2::bigint "
              "       ELSE (SELECT transcript_id FROM claims WHERE id = $6::bigint) END, "
              "  CASE WHEN $6::bigint = 0 THEN -1 "
              "       ELSE (SELECT segment_ordinal FROM claims WHERE id = $6::bigint) END, "
              "  CASE WHEN $6::bigint = 0 THEN -1 "
              "       ELSE (SELECT start_byte FROM claims WHERE id = $6::bigint) END, "
              "  $6::bigint) "
              "ORDER BY c.transcript_id, c.segment_ordinal, c.start_byte, c.id LIMIT $7",
              RowsAs<ClaimColumns>},
    Statement{"claims.by_ids", FD_CLAIM_SELECT "WHERE c.id = ANY($1::bigint[])",
              RowsAs<ClaimColumns>},
    Statement{"claims.ids_in_order",
              "SELECT id FROM claims "
              "WHERE workspace_id = $1 AND ($2::bigint = 0 OR transcript_id = $2::bigint) "
              "  AND (NOT $3::bool OR status = 'PUBLISHED') "
              "ORDER BY transcript_id, segment_ordinal, start_byte, id",
              RowsAs<Column<"id">>},
    Statement{"claims.add_tag",
              "INSERT INTO claim_tags (claim_id, workspace_id, tag, tagged_by) "
              "VALUES ($1, $2, $3, $4)"},
    Statement{"claims.remove_tag", "DELETE FROM claim_tags WHERE claim_id = $1 AND tag = $2"},
    Statement{"claims.records_by_ids", FD_CLAIM_RECORD_SELECT "WHERE c.id = ANY($1::bigint[])",
              RowsAs<ClaimRecordColumns>},
    Statement{"claims.of_ordinals",
              FD_CLAIM_RECORD_SELECT "WHERE c.transcript_id = $1 AND s.ordinal BETWEEN $2 AND $3 "
                                     "ORDER BY s.ordinal, c.start_byte, c.id",
              RowsAs<ClaimRecordColumns>},
    Statement{"claims.update_text",
              "UPDATE claims SET summary = $2, claimant = $3, version = version + 1, "
              "updated_at = now() WHERE id = $1"},
    Statement{"claims.change_state", FD_CLAIM_STATE_UPDATE},
    // The same, with the claim as it then stands read back as GetClaim reads it, for a
    // change whose last write it is (its counts see the change's earlier statements).
    Statement{"claims.change_state_read",
              "WITH c AS (" FD_CLAIM_STATE_UPDATE " RETURNING *) " FD_CLAIM_COLUMNS
              "FROM c " FD_CLAIM_JOINS,
              RowsAs<ClaimColumns>},
    Statement{"claims.clear_assignees", "DELETE FROM claim_assignees WHERE claim_id = $1"},
    Statement{"claims.add_assignee",
              "INSERT INTO claim_assignees (claim_id, user_id, workspace_id, assigned_by) "
              "VALUES ($1, $2, $3, $4)"},
    Statement{"claims.record_correction",
              "WITH c AS (INSERT INTO claim_corrections (workspace_id, claim_id, reason, "
              "corrected_by, earlier_verdict) VALUES ($1, $2, $3, $4, $5) RETURNING claim_id) "
              "UPDATE claims SET correction_count = correction_count + 1 WHERE id = $2"},
    Statement{"claims.of_segment",
              FD_CLAIM_SELECT "WHERE c.segment_id = $1 ORDER BY c.start_byte, c.id",
              RowsAs<ClaimColumns>},
    Statement{"claims.move_anchor",
              "UPDATE claims SET start_byte = $2, end_byte = $3, quote = $4, prefix = $5, "
              "suffix = $6, quote_old_quote = NULL, quote_old_text = NULL, "
              "quote_new_text = NULL, quote_revision = NULL, quote_changed_at = NULL, "
              "version = version + 1, updated_at = now() WHERE id = $1"},
    // A claim flagged by an earlier correction keeps the text its quote was marked in.
    Statement{"claims.flag_quote_change",
              "UPDATE claims SET start_byte = $2, end_byte = $3, "
              "quote_old_quote = quote, quote_old_text = coalesce(quote_old_text, $4), "
              "quote_new_text = $5, quote_revision = $6, quote_changed_at = now(), "
              "version = version + 1, updated_at = now() WHERE id = $1"},
    Statement{"claims.touch",
              "UPDATE claims SET version = version + 1, updated_at = now() WHERE id = $1"},
};

#undef FD_CLAIM_SELECT
#undef FD_CLAIM_RECORD_SELECT
#undef FD_CLAIM_PLACE
#undef FD_CLAIM_JOINS
#undef FD_CLAIM_COLUMNS
#undef FD_CLAIM_DESK_COLUMNS
#undef FD_CLAIM_RECORD_COLUMNS

// The link as the claim row holds it: [check id, claim id, url, claim reviewed, rating,
// author, linked by (id, handle, name), linked at (microseconds)].
void SetLink(const std::string& text, v1::ClaimLink* link) {
  const auto a = nlohmann::json::parse(text);
  link->set_check_id(a.at(0).get<std::int64_t>());
  link->set_claim_id(a.at(1).get<std::int64_t>());
  link->set_url(a.at(2).get<std::string>());
  link->set_claim_reviewed(a.at(3).is_null() ? "" : a.at(3).get<std::string>());
  link->set_rating_name(a.at(4).get<std::string>());
  link->set_author_name(a.at(5).get<std::string>());
  if (!a.at(6).is_null()) {
    link->mutable_linked_by()->set_id(a.at(6).get<std::int64_t>());
    link->mutable_linked_by()->set_handle(a.at(7).get<std::string>());
    link->mutable_linked_by()->set_display_name(a.at(8).get<std::string>());
  }
  const auto us = a.at(9).get<std::int64_t>();
  link->mutable_linked_at()->set_seconds(us / 1000000);
  link->mutable_linked_at()->set_nanos(static_cast<int>(us % 1000000) * 1000);
}

v1::Claim ClaimRecordFromRow(const pqxx::row& row, const ClaimRecordColumns& col) {
  v1::Claim c;
  c.set_id(row[col.id].as<std::int64_t>());
  c.set_workspace_id(row[col.workspace_id].as<std::int64_t>());
  c.set_transcript_id(row[col.transcript_id].as<std::int64_t>());
  c.set_segment_id(row[col.segment_id].as<std::int64_t>());
  c.set_segment_ordinal(row[col.segment_ordinal].as<int>());
  c.set_start_byte(row[col.start_byte].as<int>());
  c.set_end_byte(row[col.end_byte].as<int>());
  c.set_quote(row[col.quote].as<std::string>());
  c.set_prefix(row[col.prefix].as<std::string>());
  c.set_suffix(row[col.suffix].as<std::string>());
  c.set_summary(row[col.summary].as<std::string>());
  c.set_claimant(row[col.claimant].as<std::string>());
  c.set_status(v1::EnumFromText<v1::ClaimStatus>(row[col.status].as<std::string>())
                   .value_or(v1::CLAIM_STATUS_UNSPECIFIED));
  c.set_version(row[col.version].as<std::int64_t>());
  SetUser(row, col.created_by, [&] { return c.mutable_created_by(); });
  SetTime(row[col.created_at], [&] { return c.mutable_created_at(); });
  SetTime(row[col.updated_at], [&] { return c.mutable_updated_at(); });
  if (!row[col.final_verdict.label].is_null()) {
    SetVerdict(row, col.final_verdict, c.mutable_final_verdict());
  }
  c.set_status_reason(row[col.status_reason].as<std::string>());
  if (!row[col.dismiss_reason].is_null()) {
    c.set_dismiss_reason(
        v1::EnumFromText<v1::DismissReason>(row[col.dismiss_reason].as<std::string>())
            .value_or(v1::DISMISS_REASON_UNSPECIFIED));
  }
  SetTime(row[col.resolved_at], [&] { return c.mutable_resolved_at(); });
  SetTime(row[col.published_at], [&] { return c.mutable_published_at(); });
  c.set_speaker(row[col.speaker].as<std::string>());
  c.set_correction_count(row[col.correction_count].as<int>());
  if (!row[col.link].is_null()) SetLink(row[col.link].as<std::string>(), c.mutable_link());
  if (!row[col.quote_old_quote].is_null()) {
    v1::QuoteChange* q = c.mutable_quote_change();
    q->set_old_quote(row[col.quote_old_quote].as<std::string>());
    q->set_old_text(row[col.quote_old_text].as<std::string>());
    q->set_new_text(row[col.quote_new_text].as<std::string>());
    q->set_segment_revision(row[col.quote_revision].as<int>());
    SetTime(row[col.quote_changed_at], [&] { return q->mutable_changed_at(); });
  }
  return c;
}

v1::Claim ClaimFromRow(const pqxx::row& row, const ClaimColumns& col) {
  v1::Claim c = ClaimRecordFromRow(row, col);
  c.set_source_count(row[col.source_count].as<int>());
  c.set_note_count(row[col.note_count].as<int>());
  c.set_review_count(row[col.review_count].as<int>());
  for (const auto& a : nlohmann::json::parse(row[col.assignees].as<std::string>())) {
    auto* u = c.add_assignees();
    u->set_id(a.at(0).get<std::int64_t>());
    u->set_handle(a.at(1).get<std::string>());
    u->set_display_name(a.at(2).get<std::string>());
  }
  for (const auto& t : nlohmann::json::parse(row[col.tags].as<std::string>())) {
    c.add_tags(t.get<std::string>());
  }
  return c;
}

std::vector<v1::Claim> ClaimsFrom(const pqxx::result& r) {
  return MapRows<ClaimColumns>(r, ClaimFromRow);
}

std::vector<v1::Claim> ClaimRecordsFrom(const pqxx::result& r) {
  return MapRows<ClaimRecordColumns>(r, ClaimRecordFromRow);
}

// A claims.get answer: the claim, or NOT_FOUND naming it.
Result<v1::Claim> FoundClaim(const pqxx::result& r, std::int64_t claim_id) {
  if (r.empty()) return Status::NotFound(fmt::format("claim {} does not exist", claim_id));
  return ClaimFromRow(r[0], MapColumns<ClaimColumns>(r));
}

Result<ClaimPlace> PlaceFrom(const pqxx::result& r, std::int64_t claim_id) {
  if (r.empty()) return Status::NotFound(fmt::format("claim {} does not exist", claim_id));
  const auto col = MapColumns<PlaceColumns>(r);
  return ClaimPlace{.workspace_id = r[0][col.workspace_id].as<std::int64_t>(),
                    .role = RoleOrNone(r[0][col.role])};
}

}  // namespace

std::span<const Statement> ClaimStatements() {
  return kClaimStatements;
}

Result<v1::Claim> InsertClaim(Tx& tx, const NewClaim& c) {
  const pqxx::result r = tx.Exec("claims.insert", c.workspace_id, c.transcript_id, c.segment_id,
                                 c.start_byte, c.end_byte, c.anchor.quote, c.anchor.prefix,
                                 c.anchor.suffix, c.summary, c.claimant, c.created_by);
  return ClaimFromRow(r[0], MapColumns<ClaimColumns>(r));
}

Result<v1::Claim> GetClaim(Tx& tx, std::int64_t claim_id) {
  return FoundClaim(tx.Exec("claims.get", claim_id), claim_id);
}

Result<ClaimPlace> ClaimWorkspaceAndRole(Tx& tx, std::int64_t claim_id, std::int64_t user_id) {
  return PlaceFrom(tx.Exec("claims.workspace_and_role", claim_id, user_id), claim_id);
}

Result<ClaimForChange> ReadClaimForChange(Tx& tx, std::int64_t claim_id, std::int64_t user_id,
                                          bool with_workspace) {
  std::vector<std::string> statements{tx.Inline("claims.place_for_change", claim_id, user_id),
                                      tx.Inline("claims.get", claim_id)};
  if (with_workspace) statements.push_back(WorkspaceOfClaimStatement(tx, claim_id, user_id));
  const std::vector<pqxx::result> r = tx.ExecInOneTrip(statements);
  FD_ASSIGN_OR_RETURN(ClaimPlace place, PlaceFrom(r[0], claim_id));
  tx.SeqAtCommitShared(place.workspace_id);
  // The row is locked, and nothing deletes a claim without its lock.
  FD_ASSIGN_OR_RETURN(v1::Claim claim, FoundClaim(r[1], claim_id));
  ClaimForChange out{.place = place, .claim = std::move(claim), .workspace = std::nullopt};
  if (with_workspace) {
    FD_ASSIGN_OR_RETURN(out.workspace, WorkspaceOfClaimFrom(r[2], claim_id));
  }
  return out;
}

Result<std::vector<v1::Claim>> ListClaims(Tx& tx, const ClaimFilter& f, std::int64_t after_claim_id,
                                          int limit) {
  return ClaimsFrom(tx.Exec("claims.list", f.workspace_id, f.transcript_id, WordArray(f.statuses),
                            f.assignee_id, f.unassigned, after_claim_id, limit));
}

Result<std::vector<v1::Claim>> ClaimsByIds(Tx& tx, const std::vector<std::int64_t>& claim_ids) {
  return ClaimsFrom(tx.Exec("claims.by_ids", IdArray(claim_ids)));
}

std::vector<std::int64_t> ClaimIdsInOrder(Tx& tx, std::int64_t workspace_id,
                                          std::int64_t transcript_id, bool published_only) {
  return ColumnValues<std::int64_t, "id">(
      tx.Exec("claims.ids_in_order", workspace_id, transcript_id, published_only));
}

void AddTag(Tx& tx, std::int64_t workspace_id, std::int64_t claim_id, const std::string& tag,
            std::int64_t tagged_by) {
  tx.Exec("claims.add_tag", claim_id, workspace_id, tag, tagged_by);
}

void RemoveTag(Tx& tx, std::int64_t claim_id, const std::string& tag) {
  tx.Exec("claims.remove_tag", claim_id, tag);
}

Result<std::vector<v1::Claim>> ClaimRecordsByIds(Tx& tx,
                                                 const std::vector<std::int64_t>& claim_ids) {
  return ClaimRecordsFrom(tx.Exec("claims.records_by_ids", IdArray(claim_ids)));
}

Result<std::vector<v1::Claim>> ClaimRecordsOfOrdinals(Tx& tx, std::int64_t transcript_id,
                                                      int first_ordinal, int last_ordinal) {
  return ClaimRecordsFrom(
      tx.Exec("claims.of_ordinals", transcript_id, first_ordinal, last_ordinal));
}

void UpdateClaimText(Tx& tx, std::int64_t claim_id, const std::string& summary,
                     const std::string& claimant) {
  tx.Exec("claims.update_text", claim_id, summary, claimant);
}

namespace {

// Runs `statement`, claims.change_state or claims.change_state_read, for the change.
pqxx::result RunStateChange(Tx& tx, const char* statement, std::int64_t claim_id,
                            const ClaimStateChange& ch) {
  const bool set_verdict = ch.verdict.has_value();
  const v1::Verdict v = ch.verdict.value_or(v1::Verdict());
  const bool has_label = set_verdict && !v.label().empty();
  return tx.Exec(statement, claim_id, ch.status, ch.status_reason, ch.dismiss_reason, set_verdict,
                 v.label(), has_label ? std::optional(v.ordered()) : std::nullopt,
                 has_label && v.ordered() ? std::optional(v.value()) : std::nullopt,
                 has_label && v.ordered() ? std::optional(v.best()) : std::nullopt,
                 has_label && v.ordered() ? std::optional(v.worst()) : std::nullopt,
                 ch.set_resolved_now, ch.set_published_now, ch.clear_resolution);
}

}  // namespace

void ChangeClaimState(Tx& tx, std::int64_t claim_id, const ClaimStateChange& ch) {
  RunStateChange(tx, "claims.change_state", claim_id, ch);
}

Result<v1::Claim> ChangeClaimStateAndRead(Tx& tx, std::int64_t claim_id,
                                          const ClaimStateChange& ch) {
  const pqxx::result r = RunStateChange(tx, "claims.change_state_read", claim_id, ch);
  if (r.empty()) return Status::NotFound(fmt::format("claim {} does not exist", claim_id));
  return ClaimFromRow(r[0], MapColumns<ClaimColumns>(r));
}

void SetAssignees(Tx& tx, std::int64_t workspace_id, std::int64_t claim_id,
                  const std::vector<std::int64_t>& user_ids, std::int64_t assigned_by) {
  tx.Exec("claims.clear_assignees", claim_id);
  for (const std::int64_t user_id : user_ids) {
    tx.Exec("claims.add_assignee", claim_id, user_id, workspace_id, assigned_by);
  }
}

void RecordCorrection(Tx& tx, std::int64_t workspace_id, std::int64_t claim_id,
                      const std::string& reason, std::int64_t corrected_by,
                      const std::string& earlier_verdict) {
  tx.Exec("claims.record_correction", workspace_id, claim_id, reason, corrected_by,
          earlier_verdict);
}

std::vector<v1::Claim> ClaimsOfSegment(Tx& tx, std::int64_t segment_id) {
  return ClaimsFrom(tx.Exec("claims.of_segment", segment_id));
}

void MoveClaimAnchor(Tx& tx, std::int64_t claim_id, std::int64_t start, std::int64_t end,
                     const domain::Anchor& anchor) {
  tx.Exec("claims.move_anchor", claim_id, start, end, anchor.quote, anchor.prefix, anchor.suffix);
}

void FlagQuoteChange(Tx& tx, std::int64_t claim_id, std::int64_t start, std::int64_t end,
                     const std::string& old_text, const std::string& new_text, int revision) {
  tx.Exec("claims.flag_quote_change", claim_id, start, end, old_text, new_text, revision);
}

void TouchClaim(Tx& tx, std::int64_t claim_id) {
  tx.Exec("claims.touch", claim_id);
}

}  // namespace factdesk::store
