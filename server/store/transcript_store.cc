#include "server/store/transcript_store.h"

#include <array>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>
#include <pqxx/stream_to>

#include "domain/language_tag.h"
#include "proto/enum_text.h"
#include "server/store/rows.h"
#include "server/store/workspace_lock.h"

namespace factdesk::store {
namespace {

struct TranscriptColumns {
  explicit TranscriptColumns(ColumnLookup& c)
      : id(c("id")),
        workspace_id(c("workspace_id")),
        title(c("title")),
        format(c("format")),
        source_url(c("source_url")),
        aired_at(c("aired_at")),
        segment_count(c("segment_count")),
        imported_by(c, "imported_by"),
        imported_at(c("imported_at")),
        byte_size(c("byte_size")),
        claim_count(c("claim_count")),
        state(c("state")),
        closed_at(c("closed_at")),
        language(c("language")) {}
  ColumnIndex id, workspace_id, title, format, source_url, aired_at, segment_count;
  UserColumns imported_by;
  ColumnIndex imported_at, byte_size, claim_count, state, closed_at, language;
};

struct SpeakerColumns {
  explicit SpeakerColumns(ColumnLookup& c) : id(c("id")), name(c("name")) {}
  ColumnIndex id, name;
};

struct SegmentColumns {
  explicit SegmentColumns(ColumnLookup& c)
      : id(c("id")),
        transcript_id(c("transcript_id")),
        ordinal(c("ordinal")),
        kind(c("kind")),
        speaker_id(c("speaker_id")),
        speaker(c("speaker")),
        start_ms(c("start_ms")),
        end_ms(c("end_ms")),
        text(c("text")),
        revision(c("revision")),
        arrived_at(c("arrived_at")) {}
  ColumnIndex id, transcript_id, ordinal, kind, speaker_id, speaker, start_ms, end_ms, text,
      revision, arrived_at;
};

struct SegmentInfoColumns {
  explicit SegmentInfoColumns(ColumnLookup& c)
      : id(c("id")),
        workspace_id(c("workspace_id")),
        transcript_id(c("transcript_id")),
        ordinal(c("ordinal")),
        kind(c("kind")),
        speaker(c("speaker")),
        text(c("text")) {}
  ColumnIndex id, workspace_id, transcript_id, ordinal, kind, speaker, text;
};

struct SegmentPlaceColumns : SegmentInfoColumns {
  explicit SegmentPlaceColumns(ColumnLookup& c) : SegmentInfoColumns(c), role(c("role")) {}
  ColumnIndex role;
};

struct SearchHitColumns {
  explicit SearchHitColumns(ColumnLookup& c)
      : segment(c),
        rank(c("rank")),
        snippet(c("snippet")),
        transcript_title(c("transcript_title")),
        total(c("total")) {}
  SegmentColumns segment;
  ColumnIndex rank, snippet, transcript_title, total;
};

#define FD_TRANSCRIPT_COLUMNS                                                                  \
  "t.id, t.workspace_id, t.title, t.format, t.source_url, fd_us(t.aired_at) AS aired_at, "     \
  "t.segment_count, u.id AS imported_by_id, u.handle AS imported_by_handle, "                  \
  "u.display_name AS imported_by_display_name, fd_us(t.imported_at) AS imported_at, "          \
  "t.byte_size, (SELECT count(*) FROM claims c WHERE c.transcript_id = t.id) AS claim_count, " \
  "t.state, fd_us(t.closed_at) AS closed_at, t.language"

#define FD_SEGMENT_COLUMNS                                                                   \
  "s.id, s.transcript_id, s.ordinal, s.kind, s.speaker_id, sp.name AS speaker, s.start_ms, " \
  "s.end_ms, s.text, s.revision, fd_us(s.arrived_at) AS arrived_at"
// What SegmentInfoColumns reads.
#define FD_SEGMENT_INFO_COLUMNS                                \
  "s.id, s.workspace_id, s.transcript_id, s.ordinal, s.kind, " \
  "coalesce(sp.name, '') AS speaker, s.text"

constexpr std::array kTranscriptStatements = {
    Statement{"transcripts.insert",
              "INSERT INTO transcripts (workspace_id, title, format, source_url, aired_at, "
              "segment_count, byte_size, imported_by, language, search_config) "
              "VALUES ($1, $2, $3, $4, to_timestamp($5::double precision / 1e6), $6, $7, $8, $9, "
              "$10) RETURNING id",
              RowsAs<Column<"id">>},
    Statement{"transcripts.insert_speaker",
              "INSERT INTO speakers (workspace_id, transcript_id, position, name) "
              "VALUES ($1, $2, $3, $4) RETURNING id",
              RowsAs<Column<"id">>},
    Statement{"transcripts.get",
              "SELECT " FD_TRANSCRIPT_COLUMNS " FROM transcripts t "
              "JOIN users u ON u.id = t.imported_by WHERE t.id = $1",
              RowsAs<TranscriptColumns>},
    // The segments' vectors are generated from their configuration: setting it reindexes.
    Statement{"transcripts.set_language",
              "WITH t AS (UPDATE transcripts SET language = $2, search_config = $3 WHERE id = $1) "
              "UPDATE segments SET search_config = $3 WHERE transcript_id = $1"},
    Statement{"transcripts.workspace", "SELECT workspace_id FROM transcripts WHERE id = $1",
              RowsAs<Column<"workspace_id">>},
    Statement{"transcripts.list",
              "SELECT " FD_TRANSCRIPT_COLUMNS " FROM transcripts t "
              "JOIN users u ON u.id = t.imported_by "
              "WHERE t.workspace_id = $1 AND ($2::bigint = 0 OR t.id < "
              "$2::bigint) ORDER BY t.id DESC LIMIT $3",
              RowsAs<TranscriptColumns>},
    Statement{"transcripts.speakers",
              "SELECT id, name FROM speakers WHERE transcript_id = $1 ORDER BY position",
              RowsAs<SpeakerColumns>},
    Statement{"transcripts.segments",
              "SELECT " FD_SEGMENT_COLUMNS " FROM segments s "
              "LEFT JOIN speakers sp ON sp.id = s.speaker_id "
              "WHERE s.transcript_id = $1 AND s.ordinal >= $2 ORDER BY s.ordinal LIMIT $3",
              RowsAs<SegmentColumns>},
    Statement{"transcripts.segments_by_id",
              "SELECT " FD_SEGMENT_COLUMNS " FROM segments s "
              "LEFT JOIN speakers sp ON sp.id = s.speaker_id WHERE s.id = ANY($1::bigint[])",
              RowsAs<SegmentColumns>},
    Statement{"transcripts.segment",
              "SELECT " FD_SEGMENT_INFO_COLUMNS " FROM segments s "
              "LEFT JOIN speakers sp ON sp.id = s.speaker_id WHERE s.id = $1",
              RowsAs<SegmentInfoColumns>},
    // The lock is taken for the segment's row only (the primary key finds it first), as
    // events.share_workspace would take it after this statement.
    Statement{
        "transcripts.segment_sharing_workspace",
        "SELECT " FD_SEGMENT_INFO_COLUMNS ", m.role FROM segments s "
        "LEFT JOIN speakers sp ON sp.id = s.speaker_id "
        "LEFT JOIN memberships m ON m.workspace_id = s.workspace_id AND m.user_id = $2 "
        "WHERE s.id = $1 "
        "AND pg_advisory_xact_lock_shared(" FD_WORKSPACE_LOCK_KEY("s.workspace_id") ") IS NOT NULL",
        RowsAs<SegmentPlaceColumns>},
    // U+E000/U+E001 mark the matches in snippets (see SearchHit.snippet). Text and query
    // are folded for matching (migrations/0005), so snippets show plain spaces and quotes.
    // Each segment is matched in its transcript's configuration (migrations/0014): one
    // query per configuration in the workspace, each through the GIN index, then one
    // ranking over all of them, so pages of a search over several languages follow one order.
    Statement{"transcripts.search",
              "WITH configs AS (SELECT DISTINCT search_config FROM transcripts "
              "  WHERE workspace_id = $1 AND ($2::bigint = 0 OR id = $2::bigint)), "
              "q AS (SELECT search_config, fd_search_query(search_config, $3) AS query "
              "  FROM configs), "
              "hits AS (SELECT s.id, fd_search_rank(q.search_config, s.tsv, q.query, $3) AS rank "
              "  FROM q JOIN segments s ON s.search_config = q.search_config "
              "  WHERE s.workspace_id = $1 AND ($2::bigint = 0 OR s.transcript_id = $2::bigint) "
              "  AND s.tsv @@ q.query) "
              "SELECT " FD_SEGMENT_COLUMNS ", h.rank, "
              "  fd_search_headline(q.search_config, s.text, q.query, $3) AS snippet, "
              "  t.title AS transcript_title, (SELECT count(*) FROM hits) AS total "
              "FROM hits h JOIN segments s ON s.id = h.id "
              "JOIN transcripts t ON t.id = s.transcript_id "
              "JOIN q ON q.search_config = s.search_config "
              "LEFT JOIN speakers sp ON sp.id = s.speaker_id "
              "ORDER BY h.rank DESC, s.transcript_id, s.ordinal OFFSET $4 LIMIT $5",
              RowsAs<SearchHitColumns>},
};

#undef FD_TRANSCRIPT_COLUMNS
#undef FD_SEGMENT_COLUMNS
#undef FD_SEGMENT_INFO_COLUMNS

v1::Transcript TranscriptFromRow(const pqxx::row& row, const TranscriptColumns& col) {
  v1::Transcript t;
  t.set_id(row[col.id].as<std::int64_t>());
  t.set_workspace_id(row[col.workspace_id].as<std::int64_t>());
  t.set_title(row[col.title].as<std::string>());
  t.set_format(v1::EnumFromText<v1::TranscriptFormat>(row[col.format].as<std::string>())
                   .value_or(v1::TRANSCRIPT_FORMAT_UNSPECIFIED));
  t.set_source_url(row[col.source_url].as<std::string>());
  SetTime(row[col.aired_at], [&] { return t.mutable_aired_at(); });
  t.set_segment_count(row[col.segment_count].as<int>());
  SetUser(row, col.imported_by, [&] { return t.mutable_imported_by(); });
  SetTime(row[col.imported_at], [&] { return t.mutable_imported_at(); });
  t.set_byte_size(row[col.byte_size].as<std::int64_t>());
  t.set_claim_count(row[col.claim_count].as<int>());
  t.set_state(v1::EnumFromText<v1::TranscriptState>(row[col.state].as<std::string>())
                  .value_or(v1::TRANSCRIPT_STATE_UNSPECIFIED));
  SetTime(row[col.closed_at], [&] { return t.mutable_closed_at(); });
  t.set_language(row[col.language].as<std::string>());
  return t;
}

v1::Segment SegmentFromRow(const pqxx::row& row, const SegmentColumns& col) {
  v1::Segment s;
  s.set_id(row[col.id].as<std::int64_t>());
  s.set_transcript_id(row[col.transcript_id].as<std::int64_t>());
  s.set_ordinal(row[col.ordinal].as<int>());
  s.set_kind(v1::EnumFromText<v1::SegmentKind>(row[col.kind].as<std::string>())
                 .value_or(v1::SEGMENT_KIND_UNSPECIFIED));
  s.set_speaker_id(Or<std::int64_t>(row[col.speaker_id], 0));
  s.set_speaker(Or<std::string>(row[col.speaker], ""));
  if (!row[col.start_ms].is_null()) s.set_start_ms(row[col.start_ms].as<std::int64_t>());
  if (!row[col.end_ms].is_null()) s.set_end_ms(row[col.end_ms].as<std::int64_t>());
  s.set_text(row[col.text].as<std::string>());
  s.set_revision(row[col.revision].as<int>());
  SetTime(row[col.arrived_at], [&] { return s.mutable_arrived_at(); });
  return s;
}

void AddSpeakers(Tx& tx, v1::Transcript& t) {
  const pqxx::result r = tx.Exec("transcripts.speakers", t.id());
  const auto col = MapColumns<SpeakerColumns>(r);
  for (const auto& row : r) {
    auto* sp = t.add_speakers();
    sp->set_id(row[col.id].as<std::int64_t>());
    sp->set_name(row[col.name].as<std::string>());
  }
}

SegmentInfo SegmentInfoFrom(const pqxx::row& row, const SegmentInfoColumns& col) {
  SegmentInfo s;
  s.id = row[col.id].as<std::int64_t>();
  s.workspace_id = row[col.workspace_id].as<std::int64_t>();
  s.transcript_id = row[col.transcript_id].as<std::int64_t>();
  s.ordinal = row[col.ordinal].as<int>();
  s.kind = v1::EnumFromText<v1::SegmentKind>(row[col.kind].as<std::string>())
               .value_or(v1::SEGMENT_KIND_UNSPECIFIED);
  s.speaker = row[col.speaker].as<std::string>();
  s.text = row[col.text].as<std::string>();
  return s;
}

}  // namespace

std::span<const Statement> TranscriptStatements() {
  return kTranscriptStatements;
}

Result<v1::Transcript> InsertTranscript(Tx& tx, const NewTranscript& meta,
                                        const import::Transcript& parsed) {
  const auto id = FirstValue<std::int64_t, "id">(
      tx.Exec("transcripts.insert", meta.workspace_id, meta.title,
              std::string(import::FormatName(parsed.format)), meta.source_url, meta.aired_at_us,
              static_cast<int>(parsed.segments.size()), meta.byte_size, meta.imported_by,
              meta.language, std::string(domain::SearchConfigFor(meta.language))));
  std::unordered_map<std::string, std::int64_t> speaker_ids;
  for (std::size_t i = 0; i < parsed.speakers.size(); ++i) {
    speaker_ids[parsed.speakers[i]] =
        FirstValue<std::int64_t, "id">(tx.Exec("transcripts.insert_speaker", meta.workspace_id, id,
                                               static_cast<int>(i), parsed.speakers[i]));
  }
  // COPY: the fast path for tens of thousands of rows (see bench/import_bench).
  pqxx::stream_to copy(
      tx.raw(), "segments",
      std::vector<std::string>{"workspace_id", "transcript_id", "ordinal", "kind", "speaker_id",
                               "start_ms", "end_ms", "text", "search_config"});
  const std::string search_config(domain::SearchConfigFor(meta.language));
  for (const import::Segment& seg : parsed.segments) {
    std::optional<std::int64_t> speaker_id;
    if (auto it = speaker_ids.find(seg.speaker); !seg.speaker.empty() && it != speaker_ids.end()) {
      speaker_id = it->second;
    }
    copy << std::make_tuple(meta.workspace_id, id, seg.ordinal,
                            std::string(import::SegmentKindName(seg.kind)), speaker_id,
                            seg.start_ms, seg.end_ms, seg.text, search_config);
  }
  copy.complete();
  return GetTranscript(tx, id);
}

Result<v1::Transcript> GetTranscript(Tx& tx, std::int64_t transcript_id) {
  const pqxx::result r = tx.Exec("transcripts.get", transcript_id);
  if (r.empty()) {
    return Status::NotFound(fmt::format("transcript {} does not exist", transcript_id));
  }
  v1::Transcript t = TranscriptFromRow(r[0], MapColumns<TranscriptColumns>(r));
  AddSpeakers(tx, t);
  return t;
}

void SetTranscriptLanguage(Tx& tx, std::int64_t transcript_id, const std::string& language) {
  tx.Exec("transcripts.set_language", transcript_id, language,
          std::string(domain::SearchConfigFor(language)));
}

Result<std::int64_t> TranscriptWorkspace(Tx& tx, std::int64_t transcript_id) {
  const pqxx::result r = tx.Exec("transcripts.workspace", transcript_id);
  if (r.empty()) {
    return Status::NotFound(fmt::format("transcript {} does not exist", transcript_id));
  }
  return FirstValue<std::int64_t, "workspace_id">(r);
}

Result<std::vector<v1::Transcript>> ListTranscripts(Tx& tx, std::int64_t workspace_id,
                                                    std::int64_t before_id, int limit) {
  std::vector<v1::Transcript> out;
  const pqxx::result r = tx.Exec("transcripts.list", workspace_id, before_id, limit);
  const auto col = MapColumns<TranscriptColumns>(r);
  for (const auto& row : r) {
    out.push_back(TranscriptFromRow(row, col));
    AddSpeakers(tx, out.back());
  }
  return out;
}

Result<std::vector<v1::Segment>> ListSegments(Tx& tx, std::int64_t transcript_id, int from_ordinal,
                                              int limit) {
  return MapRows<SegmentColumns>(
      tx.Exec("transcripts.segments", transcript_id, from_ordinal, limit), SegmentFromRow);
}

Result<std::unordered_map<std::int64_t, v1::Segment>> SegmentsById(
    Tx& tx, const std::vector<std::int64_t>& ids) {
  std::unordered_map<std::int64_t, v1::Segment> out;
  const pqxx::result r = tx.Exec("transcripts.segments_by_id", IdArray(ids));
  const auto col = MapColumns<SegmentColumns>(r);
  for (const auto& row : r) {
    v1::Segment s = SegmentFromRow(row, col);
    out.emplace(s.id(), std::move(s));
  }
  return out;
}

Result<SegmentInfo> GetSegment(Tx& tx, std::int64_t segment_id) {
  const pqxx::result r = tx.Exec("transcripts.segment", segment_id);
  if (r.empty()) return Status::NotFound(fmt::format("segment {} does not exist", segment_id));
  return SegmentInfoFrom(r[0], MapColumns<SegmentInfoColumns>(r));
}

Result<SegmentPlace> SegmentPlaceSharingWorkspace(Tx& tx, std::int64_t segment_id,
                                                  std::int64_t user_id) {
  const pqxx::result r = tx.Exec("transcripts.segment_sharing_workspace", segment_id, user_id);
  if (r.empty()) return Status::NotFound(fmt::format("segment {} does not exist", segment_id));
  const auto col = MapColumns<SegmentPlaceColumns>(r);
  SegmentPlace place{.segment = SegmentInfoFrom(r[0], col), .role = RoleOrNone(r[0][col.role])};
  tx.SeqAtCommitShared(place.segment.workspace_id);
  return place;
}

Result<SearchPage> SearchSegments(Tx& tx, std::int64_t workspace_id, std::int64_t transcript_id,
                                  const std::string& query, int offset, int limit) {
  SearchPage page;
  const pqxx::result r =
      tx.Exec("transcripts.search", workspace_id, transcript_id, query, offset, limit);
  const auto col = MapColumns<SearchHitColumns>(r);
  for (const auto& row : r) {
    v1::SearchHit hit;
    *hit.mutable_segment() = SegmentFromRow(row, col.segment);
    hit.set_rank(row[col.rank].as<float>());
    hit.set_snippet(row[col.snippet].as<std::string>());
    hit.set_transcript_title(row[col.transcript_title].as<std::string>());
    page.total = row[col.total].as<int>();
    page.hits.push_back(std::move(hit));
  }
  return page;
}

}  // namespace factdesk::store
