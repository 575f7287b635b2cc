#include "server/store/live_transcript_store.h"

#include <array>
#include <string>
#include <string_view>
#include <unordered_set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "domain/language_tag.h"
#include "proto/enum_text.h"
#include "server/store/rows.h"

namespace factdesk::store {
namespace {

struct LockColumns {
  explicit LockColumns(ColumnLookup& c)
      : workspace_id(c("workspace_id")),
        state(c("state")),
        segment_count(c("segment_count")),
        language(c("language")) {}
  ColumnIndex workspace_id, state, segment_count, language;
};

// The segments travel as one JSON array parameter (jsonb_to_recordset): a multi-row
// INSERT with no SQL built from the request, whatever the batch's size.
constexpr std::array kLiveTranscriptStatements = {
    Statement{"live.open",
              "INSERT INTO transcripts (workspace_id, title, format, source_url, aired_at, "
              "segment_count, byte_size, imported_by, state, language, search_config) "
              "VALUES ($1, $2, $3, $4, coalesce(to_timestamp($5::double precision / 1e6), now()), "
              "0, 0, $6, 'LIVE', $7, $8) RETURNING id",
              RowsAs<Column<"id">>},
    Statement{"live.lock",
              "SELECT workspace_id, state, segment_count, language FROM transcripts WHERE id = $1 "
              "FOR UPDATE",
              RowsAs<LockColumns>},
    // Names already speaking in the transcript are skipped; positions follow the last.
    Statement{"live.add_speakers",
              "INSERT INTO speakers (workspace_id, transcript_id, position, name) "
              "SELECT $1, $2, (SELECT coalesce(max(position) + 1, 0) FROM speakers "
              "                WHERE transcript_id = $2) + n.i - 1, n.name "
              "FROM jsonb_array_elements_text($3::jsonb) WITH ORDINALITY AS n(name, i) "
              "WHERE NOT EXISTS (SELECT 1 FROM speakers s WHERE s.transcript_id = $2 "
              "                  AND s.name = n.name) "
              "ORDER BY n.i"},
    Statement{"live.append",
              "INSERT INTO segments (workspace_id, transcript_id, ordinal, kind, speaker_id, "
              "start_ms, end_ms, text, search_config) "
              "SELECT $1, $2, x.ordinal, x.kind, sp.id, x.start_ms, x.end_ms, x.text, "
              "  t.search_config "
              "FROM jsonb_to_recordset($3::jsonb) AS x(ordinal integer, kind text, "
              "  speaker text, start_ms bigint, end_ms bigint, text text) "
              "JOIN transcripts t ON t.id = $2 "
              "LEFT JOIN speakers sp ON sp.transcript_id = $2 AND sp.name = x.speaker "
              "ORDER BY x.ordinal"},
    Statement{"live.grow",
              "UPDATE transcripts SET segment_count = segment_count + $2, "
              "byte_size = byte_size + $3 WHERE id = $1"},
    Statement{"live.close",
              "UPDATE transcripts SET state = 'CLOSED', closed_at = now() WHERE id = $1"},
};

nlohmann::json SegmentRows(const std::vector<import::Segment>& segments, int first_ordinal) {
  auto rows = nlohmann::json::array();
  int ordinal = first_ordinal;
  for (const import::Segment& s : segments) {
    rows.push_back({{"ordinal", ordinal++},
                    {"kind", std::string(import::SegmentKindName(s.kind))},
                    {"speaker", s.speaker.empty() ? nlohmann::json() : nlohmann::json(s.speaker)},
                    {"start_ms", s.start_ms ? nlohmann::json(*s.start_ms) : nlohmann::json()},
                    {"end_ms", s.end_ms ? nlohmann::json(*s.end_ms) : nlohmann::json()},
                    {"text", s.text}});
  }
  return rows;
}

// The batch's speakers, each once, in order of first appearance.
nlohmann::json SpeakerNames(const std::vector<import::Segment>& segments) {
  auto names = nlohmann::json::array();
  std::unordered_set<std::string_view> seen;
  for (const import::Segment& s : segments) {
    if (!s.speaker.empty() && seen.insert(s.speaker).second) names.push_back(s.speaker);
  }
  return names;
}

}  // namespace

std::span<const Statement> LiveTranscriptStatements() {
  return kLiveTranscriptStatements;
}

Result<v1::Transcript> OpenLiveTranscript(Tx& tx, const NewTranscript& meta,
                                          const std::string& format) {
  const auto id = FirstValue<std::int64_t, "id">(tx.Exec(
      "live.open", meta.workspace_id, meta.title, format, meta.source_url, meta.aired_at_us,
      meta.imported_by, meta.language, std::string(domain::SearchConfigFor(meta.language))));
  return GetTranscript(tx, id);
}

Result<LiveTranscript> LockTranscript(Tx& tx, std::int64_t transcript_id) {
  const pqxx::result r = tx.Exec("live.lock", transcript_id);
  if (r.empty()) {
    return Status::NotFound(fmt::format("transcript {} does not exist", transcript_id));
  }
  const auto col = MapColumns<LockColumns>(r);
  LiveTranscript t;
  t.workspace_id = r[0][col.workspace_id].as<std::int64_t>();
  t.state = v1::EnumFromText<v1::TranscriptState>(r[0][col.state].as<std::string>())
                .value_or(v1::TRANSCRIPT_STATE_UNSPECIFIED);
  t.segment_count = r[0][col.segment_count].as<int>();
  t.language = r[0][col.language].as<std::string>();
  return t;
}

Result<std::vector<v1::Segment>> AppendSegments(Tx& tx, std::int64_t workspace_id,
                                                std::int64_t transcript_id, int first_ordinal,
                                                const std::vector<import::Segment>& segments) {
  const nlohmann::json names = SpeakerNames(segments);
  if (!names.empty()) tx.Exec("live.add_speakers", workspace_id, transcript_id, names.dump());
  tx.Exec("live.append", workspace_id, transcript_id, SegmentRows(segments, first_ordinal).dump());
  std::int64_t bytes = 0;
  for (const import::Segment& s : segments) bytes += static_cast<std::int64_t>(s.text.size());
  tx.Exec("live.grow", transcript_id, static_cast<int>(segments.size()), bytes);
  return ListSegments(tx, transcript_id, first_ordinal, static_cast<int>(segments.size()));
}

void CloseTranscript(Tx& tx, std::int64_t transcript_id) {
  tx.Exec("live.close", transcript_id);
}

}  // namespace factdesk::store
