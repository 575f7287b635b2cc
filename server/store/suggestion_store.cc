#include "server/store/suggestion_store.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "proto/enum_text.h"
#include "server/store/rows.h"
#include "server/store/suggestion_match_store.h"

namespace factdesk::store {
namespace {

struct SuggestionColumns {
  explicit SuggestionColumns(ColumnLookup& c)
      : id(c("id")),
        workspace_id(c("workspace_id")),
        transcript_id(c("transcript_id")),
        segment_id(c("segment_id")),
        ordinal(c("segment_ordinal")),
        start_byte(c("start_byte")),
        end_byte(c("end_byte")),
        segment_text(c("segment_text")),
        kind(c("kind")),
        score(c("score")),
        reasons(c("reasons")),
        version(c("scorer_version")),
        state(c("state")),
        decided_by(c, "decided_by"),
        decided_at(c("decided_at")),
        reason(c("reason")),
        claim_id(c("claim_id")),
        speaker(c("speaker")) {}
  ColumnIndex id, workspace_id, transcript_id, segment_id, ordinal, start_byte, end_byte,
      segment_text, kind, score, reasons, version, state;
  UserColumns decided_by;
  ColumnIndex decided_at, reason, claim_id, speaker;
};

struct JobColumns {
  explicit JobColumns(ColumnLookup& c)
      : transcript_id(c("transcript_id")),
        workspace_id(c("workspace_id")),
        next_ordinal(c("next_ordinal")) {}
  ColumnIndex transcript_id, workspace_id, next_ordinal;
};

struct StatusColumns {
  explicit StatusColumns(ColumnLookup& c)
      : state(c("state")),
        next_ordinal(c("next_ordinal")),
        version(c("scorer_version")),
        note(c("note")),
        segment_count(c("segment_count")) {}
  ColumnIndex state, next_ordinal, version, note, segment_count;
};

struct CountColumns {
  explicit CountColumns(ColumnLookup& c)
      : open(c("open")), accepted(c("accepted")), dismissed(c("dismissed")) {}
  ColumnIndex open, accepted, dismissed;
};

struct RankedLowColumns {
  explicit RankedLowColumns(ColumnLookup& c) : claim_id(c("claim_id")), total(c("total")) {}
  ColumnIndex claim_id, total;
};

#define FD_SUGGESTION_COLUMNS                                                           \
  "s.id, s.workspace_id, s.transcript_id, s.segment_id, g.ordinal AS segment_ordinal, " \
  "s.start_byte, s.end_byte, g.text AS segment_text, s.kind, s.score, "                 \
  "s.reasons::text AS reasons, s.scorer_version, s.state, u.id AS decided_by_id, "      \
  "u.handle AS decided_by_handle, u.display_name AS decided_by_display_name, "          \
  "fd_us(s.decided_at) AS decided_at, s.reason, s.claim_id, sp.name AS speaker "        \
  "FROM suggestions s JOIN segments g ON g.id = s.segment_id "                          \
  "LEFT JOIN speakers sp ON sp.id = g.speaker_id LEFT JOIN users u ON u.id = s.decided_by "

constexpr std::array kSuggestionStatements = {
    // A done transcript is pending again (segments were added); NOT_ENGLISH stays.
    Statement{"scoring.queue",
              "INSERT INTO scoring_queue (transcript_id, workspace_id) VALUES ($1, $2) "
              "ON CONFLICT (transcript_id) DO UPDATE SET state = 'pending', finished_at = NULL "
              "WHERE scoring_queue.state = 'done'"},
    Statement{"scoring.claim",
              "SELECT transcript_id, workspace_id, next_ordinal FROM scoring_queue "
              "WHERE state = 'pending' ORDER BY queued_at, transcript_id LIMIT 1 "
              "FOR UPDATE SKIP LOCKED",
              RowsAs<JobColumns>},
    Statement{"scoring.advance",
              "UPDATE scoring_queue SET next_ordinal = $2, scorer_version = $3, "
              "state = CASE WHEN $4 THEN 'done' ELSE 'pending' END, "
              "finished_at = CASE WHEN $4 THEN now() END WHERE transcript_id = $1"},
    Statement{"scoring.not_english",
              "UPDATE scoring_queue SET state = 'not_english', note = $2, scorer_version = $3, "
              "finished_at = now() WHERE transcript_id = $1"},
    Statement{"scoring.lock",
              "SELECT transcript_id FROM scoring_queue WHERE transcript_id = $1 FOR UPDATE",
              RowsAs<Column<"transcript_id">>},
    Statement{"scoring.restart",
              "INSERT INTO scoring_queue (transcript_id, workspace_id) VALUES ($1, $2) "
              "ON CONFLICT (transcript_id) DO UPDATE SET state = 'pending', next_ordinal = 0, "
              "note = NULL, queued_at = now(), finished_at = NULL"},
    Statement{"scoring.drop_open",
              "DELETE FROM suggestions WHERE transcript_id = $1 AND state = 'open'"},
    Statement{"suggestions.drop_open_of_segment",
              "DELETE FROM suggestions WHERE segment_id = $1 AND state = 'open'"},
    Statement{"scoring.status",
              "SELECT q.state, q.next_ordinal, q.scorer_version, q.note, t.segment_count "
              "FROM transcripts t LEFT JOIN scoring_queue q ON q.transcript_id = t.id "
              "WHERE t.id = $1",
              RowsAs<StatusColumns>},
    Statement{"suggestions.insert",
              "INSERT INTO suggestions (workspace_id, transcript_id, segment_id, start_byte, "
              "end_byte, kind, score, reasons, scorer_version) "
              "SELECT $1, $2, r.segment_id, r.start_byte, r.end_byte, r.kind, r.score, "
              "r.reasons, $3 FROM jsonb_to_recordset($4::jsonb) AS r(segment_id bigint, "
              "start_byte integer, end_byte integer, kind text, score double precision, "
              "reasons jsonb) "
              "ON CONFLICT (segment_id, start_byte, end_byte) DO NOTHING RETURNING id",
              RowsAs<Column<"id">>},
    Statement{"suggestions.by_ids",
              "SELECT " FD_SUGGESTION_COLUMNS
              "WHERE s.id = ANY($1::bigint[]) ORDER BY g.ordinal, s.start_byte",
              RowsAs<SuggestionColumns>},
    Statement{"suggestions.get", "SELECT " FD_SUGGESTION_COLUMNS "WHERE s.id = $1",
              RowsAs<SuggestionColumns>},
    Statement{"suggestions.get_locked",
              "SELECT " FD_SUGGESTION_COLUMNS "WHERE s.id = $1 FOR UPDATE OF s",
              RowsAs<SuggestionColumns>},
    Statement{"suggestions.list",
              "SELECT " FD_SUGGESTION_COLUMNS
              "WHERE s.transcript_id = $1 AND s.score >= $2 AND ($3 OR s.state = 'open') "
              "ORDER BY s.score DESC, g.ordinal, s.start_byte LIMIT $4",
              RowsAs<SuggestionColumns>},
    Statement{"suggestions.accept",
              "UPDATE suggestions SET state = 'accepted', decided_by = $2, decided_at = now(), "
              "claim_id = $3 WHERE id = $1"},
    Statement{"suggestions.dismiss",
              "UPDATE suggestions SET state = 'dismissed', decided_by = $2, decided_at = now(), "
              "reason = $3 WHERE id = $1"},
    Statement{"dashboard.suggestions",
              "SELECT count(*) FILTER (WHERE state = 'open') AS open, "
              "count(*) FILTER (WHERE state = 'accepted') AS accepted, "
              "count(*) FILTER (WHERE state = 'dismissed') AS dismissed FROM suggestions "
              "WHERE workspace_id = $1 AND ($2::bigint = 0 OR transcript_id = $2::bigint)",
              RowsAs<CountColumns>},
    // A claim is "ranked low" when it overlaps scored sentences and none of them is in
    // the best tenth of its transcript (percent_rank 0 is the best sentence).
    Statement{"dashboard.ranked_low",
              "WITH ranked AS (SELECT segment_id, start_byte, end_byte, "
              "  percent_rank() OVER (PARTITION BY transcript_id ORDER BY score DESC) AS pr "
              "  FROM suggestions WHERE workspace_id = $1 "
              "  AND ($2::bigint = 0 OR transcript_id = $2::bigint)), "
              "overlap AS (SELECT c.id, min(r.pr) AS best FROM claims c JOIN ranked r "
              "  ON r.segment_id = c.segment_id AND r.start_byte < c.end_byte "
              "  AND r.end_byte > c.start_byte WHERE c.workspace_id = $1 "
              "  AND ($2::bigint = 0 OR c.transcript_id = $2::bigint) GROUP BY c.id) "
              "SELECT id AS claim_id, count(*) OVER () AS total FROM overlap "
              "WHERE best >= 0.1 ORDER BY id LIMIT 100",
              RowsAs<RankedLowColumns>},
};

#undef FD_SUGGESTION_COLUMNS

// Kinds and states are stored as their enum names in lowercase (proto/enum_text.h).
v1::SuggestionKind KindOf(const std::string& kind) {
  return v1::EnumFromText<v1::SuggestionKind>(kind).value_or(v1::SUGGESTION_KIND_SPEECH);
}

v1::SuggestionState StateOf(const std::string& state) {
  return v1::EnumFromText<v1::SuggestionState>(state).value_or(v1::SUGGESTION_STATE_OPEN);
}

void SetReasons(const std::string& json, v1::Suggestion& out) {
  for (const auto& r : nlohmann::json::parse(json)) {
    v1::SuggestionReason* reason = out.add_reasons();
    reason->set_feature(r.at("feature").get<std::string>());
    reason->set_text(r.at("text").get<std::string>());
    reason->set_weight(r.at("weight").get<double>());
  }
}

v1::Suggestion SuggestionFromRow(const pqxx::row& row, const SuggestionColumns& col) {
  v1::Suggestion out;
  out.set_id(row[col.id].as<std::int64_t>());
  out.set_workspace_id(row[col.workspace_id].as<std::int64_t>());
  out.set_transcript_id(row[col.transcript_id].as<std::int64_t>());
  out.set_segment_id(row[col.segment_id].as<std::int64_t>());
  out.set_segment_ordinal(row[col.ordinal].as<int>());
  out.set_start_byte(row[col.start_byte].as<int>());
  out.set_end_byte(row[col.end_byte].as<int>());
  const auto text = row[col.segment_text].as<std::string>();
  out.set_quote(text.substr(out.start_byte(), out.end_byte() - out.start_byte()));
  out.set_kind(KindOf(row[col.kind].as<std::string>()));
  out.set_score(row[col.score].as<double>());
  SetReasons(row[col.reasons].as<std::string>(), out);
  out.set_scorer_version(row[col.version].as<std::string>());
  out.set_state(StateOf(row[col.state].as<std::string>()));
  SetUser(row, col.decided_by, [&] { return out.mutable_decided_by(); });
  SetTime(row[col.decided_at], [&] { return out.mutable_decided_at(); });
  out.set_reason(Or<std::string>(row[col.reason], ""));
  out.set_claim_id(Or<std::int64_t>(row[col.claim_id], 0));
  out.set_speaker(Or<std::string>(row[col.speaker], ""));
  return out;
}

std::vector<v1::Suggestion> SuggestionsFrom(const pqxx::result& r) {
  std::vector<v1::Suggestion> out;
  const auto col = MapColumns<SuggestionColumns>(r);
  for (const auto& row : r) out.push_back(SuggestionFromRow(row, col));
  return out;
}

v1::ScoringState ScoringStateOf(const std::string& state) {
  if (state == "done") return v1::SCORING_STATE_DONE;
  if (state == "not_english") return v1::SCORING_STATE_NOT_ENGLISH;
  return v1::SCORING_STATE_PENDING;
}

nlohmann::json RowsJson(const std::vector<NewSuggestion>& rows) {
  auto out = nlohmann::json::array();
  for (const auto& s : rows) {
    auto reasons = nlohmann::json::array();
    for (const auto& r : s.reasons) {
      reasons.push_back({{"feature", r.feature()}, {"text", r.text()}, {"weight", r.weight()}});
    }
    out.push_back({{"segment_id", s.segment_id},
                   {"start_byte", s.start_byte},
                   {"end_byte", s.end_byte},
                   {"kind", v1::EnumText(s.kind, true)},
                   {"score", s.score},
                   {"reasons", std::move(reasons)}});
  }
  return out;
}

}  // namespace

std::span<const Statement> SuggestionStatements() {
  return kSuggestionStatements;
}

void QueueScoring(Tx& tx, std::int64_t workspace_id, std::int64_t transcript_id) {
  tx.Exec("scoring.queue", transcript_id, workspace_id);
}

std::optional<ScoringJob> ClaimScoringJob(Tx& tx) {
  const pqxx::result r = tx.Exec("scoring.claim");
  if (r.empty()) return std::nullopt;
  const auto col = MapColumns<JobColumns>(r);
  return ScoringJob{r[0][col.transcript_id].as<std::int64_t>(),
                    r[0][col.workspace_id].as<std::int64_t>(), r[0][col.next_ordinal].as<int>()};
}

void AdvanceScoring(Tx& tx, std::int64_t transcript_id, int next_ordinal,
                    const std::string& version, bool finished) {
  tx.Exec("scoring.advance", transcript_id, next_ordinal, version, finished);
}

void MarkNotEnglish(Tx& tx, std::int64_t transcript_id, const std::string& note,
                    const std::string& version) {
  tx.Exec("scoring.not_english", transcript_id, note, version);
}

void LockScoring(Tx& tx, std::int64_t transcript_id) {
  tx.Exec("scoring.lock", transcript_id);
}

void RestartScoring(Tx& tx, std::int64_t workspace_id, std::int64_t transcript_id) {
  tx.Exec("scoring.drop_open", transcript_id);
  tx.Exec("scoring.restart", transcript_id, workspace_id);
}

int DropOpenSuggestionsOf(Tx& tx, std::int64_t segment_id) {
  return static_cast<int>(tx.Exec("suggestions.drop_open_of_segment", segment_id).affected_rows());
}

v1::ScoringStatus GetScoringStatus(Tx& tx, std::int64_t transcript_id) {
  v1::ScoringStatus out;
  out.set_transcript_id(transcript_id);
  out.set_state(v1::SCORING_STATE_PENDING);
  const pqxx::result r = tx.Exec("scoring.status", transcript_id);
  if (r.empty()) return out;
  const auto col = MapColumns<StatusColumns>(r);
  const pqxx::row row = r[0];
  out.set_segment_count(row[col.segment_count].as<int>());
  if (row[col.state].is_null()) return out;
  out.set_state(ScoringStateOf(row[col.state].as<std::string>()));
  const int scored =
      out.state() == v1::SCORING_STATE_DONE ? out.segment_count() : row[col.next_ordinal].as<int>();
  out.set_scored_segments(std::min(scored, out.segment_count()));
  out.set_scorer_version(Or<std::string>(row[col.version], ""));
  out.set_note(Or<std::string>(row[col.note], ""));
  return out;
}

std::vector<v1::Suggestion> InsertSuggestions(Tx& tx, std::int64_t workspace_id,
                                              std::int64_t transcript_id,
                                              const std::string& version,
                                              const std::vector<NewSuggestion>& rows) {
  if (rows.empty()) return {};
  const pqxx::result inserted =
      tx.Exec("suggestions.insert", workspace_id, transcript_id, version, RowsJson(rows).dump());
  std::vector<std::int64_t> ids;
  for (const auto& row : inserted) ids.push_back(row[0].as<std::int64_t>());
  if (ids.empty()) return {};
  return SuggestionsFrom(tx.Exec("suggestions.by_ids", IdArray(ids)));
}

Result<v1::Suggestion> GetSuggestion(Tx& tx, std::int64_t suggestion_id, bool lock) {
  const pqxx::result r =
      tx.Exec(lock ? "suggestions.get_locked" : "suggestions.get", suggestion_id);
  if (r.empty()) return Status::NotFound(fmt::format("there is no suggestion {}", suggestion_id));
  v1::Suggestion out = SuggestionFromRow(r[0], MapColumns<SuggestionColumns>(r));
  AttachSuggestionMatches(tx, std::span(&out, 1));
  return out;
}

std::vector<v1::Suggestion> GetSuggestions(Tx& tx, const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  std::vector<v1::Suggestion> out = SuggestionsFrom(tx.Exec("suggestions.by_ids", IdArray(ids)));
  AttachSuggestionMatches(tx, out);
  return out;
}

std::vector<v1::Suggestion> ListSuggestions(Tx& tx, std::int64_t transcript_id, double min_score,
                                            bool include_decided, int limit) {
  std::vector<v1::Suggestion> out = SuggestionsFrom(
      tx.Exec("suggestions.list", transcript_id, min_score, include_decided, limit));
  AttachSuggestionMatches(tx, out);
  return out;
}

void MarkAccepted(Tx& tx, std::int64_t suggestion_id, std::int64_t user_id, std::int64_t claim_id) {
  tx.Exec("suggestions.accept", suggestion_id, user_id, claim_id);
}

void MarkDismissed(Tx& tx, std::int64_t suggestion_id, std::int64_t user_id,
                   const std::string& reason) {
  tx.Exec("suggestions.dismiss", suggestion_id, user_id, reason);
}

v1::SuggestionCounts CountSuggestions(Tx& tx, std::int64_t workspace_id,
                                      std::int64_t transcript_id) {
  v1::SuggestionCounts out;
  const pqxx::result counts = tx.Exec("dashboard.suggestions", workspace_id, transcript_id);
  const auto col = MapColumns<CountColumns>(counts);
  out.set_open(counts[0][col.open].as<int>());
  out.set_accepted(counts[0][col.accepted].as<int>());
  out.set_dismissed(counts[0][col.dismissed].as<int>());
  const pqxx::result low = tx.Exec("dashboard.ranked_low", workspace_id, transcript_id);
  const auto lcol = MapColumns<RankedLowColumns>(low);
  for (const auto& row : low) {
    out.add_claims_ranked_low_ids(row[lcol.claim_id].as<std::int64_t>());
    out.set_claims_ranked_low(row[lcol.total].as<int>());
  }
  return out;
}

}  // namespace factdesk::store
