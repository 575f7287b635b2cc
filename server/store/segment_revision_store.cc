#include "server/store/segment_revision_store.h"

#include <array>

#include <fmt/format.h>

#include "proto/enum_text.h"
#include "server/store/rows.h"

namespace factdesk::store {
namespace {

struct LockedColumns {
  explicit LockedColumns(ColumnLookup& c)
      : id(c("id")),
        workspace_id(c("workspace_id")),
        transcript_id(c("transcript_id")),
        ordinal(c("ordinal")),
        kind(c("kind")),
        speaker(c("speaker")),
        text(c("text")),
        revision(c("revision")) {}
  ColumnIndex id, workspace_id, transcript_id, ordinal, kind, speaker, text, revision;
};

struct RevisionColumns {
  explicit RevisionColumns(ColumnLookup& c)
      : segment_id(c("segment_id")),
        revision(c("revision")),
        old_text(c("old_text")),
        new_text(c("new_text")),
        corrected_by(c, "corrected_by"),
        corrected_at(c("corrected_at")),
        reason(c("reason")) {}
  ColumnIndex segment_id, revision, old_text, new_text;
  UserColumns corrected_by;
  ColumnIndex corrected_at, reason;
};

#define FD_REVISION_COLUMNS                                                        \
  "r.segment_id, r.revision, r.old_text, r.new_text, u.id AS corrected_by_id, "    \
  "u.handle AS corrected_by_handle, u.display_name AS corrected_by_display_name, " \
  "fd_us(r.corrected_at) AS corrected_at, r.reason"

constexpr std::array kSegmentRevisionStatements = {
    Statement{"segments.lock",
              "SELECT s.id, s.workspace_id, s.transcript_id, s.ordinal, s.kind, "
              "coalesce(sp.name, '') AS speaker, s.text, s.revision FROM segments s "
              "LEFT JOIN speakers sp ON sp.id = s.speaker_id WHERE s.id = $1 FOR UPDATE OF s",
              RowsAs<LockedColumns>},
    Statement{"segments.revise",
              "WITH s AS (UPDATE segments SET text = $5, revision = $3 WHERE id = $2), "
              "r AS (INSERT INTO segment_revisions (segment_id, workspace_id, revision, "
              "  old_text, new_text, corrected_by, reason) "
              "  VALUES ($2, $1, $3, $4, $5, nullif($6::bigint, 0), $7) RETURNING *) "
              "SELECT " FD_REVISION_COLUMNS " FROM r LEFT JOIN users u ON u.id = r.corrected_by",
              RowsAs<RevisionColumns>},
    Statement{"segments.history",
              "SELECT " FD_REVISION_COLUMNS " FROM segment_revisions r "
              "LEFT JOIN users u ON u.id = r.corrected_by WHERE r.segment_id = $1 "
              "ORDER BY r.revision",
              RowsAs<RevisionColumns>},
};

#undef FD_REVISION_COLUMNS

v1::SegmentRevision RevisionFromRow(const pqxx::row& row, const RevisionColumns& col) {
  v1::SegmentRevision r;
  r.set_segment_id(row[col.segment_id].as<std::int64_t>());
  r.set_revision(row[col.revision].as<int>());
  r.set_old_text(row[col.old_text].as<std::string>());
  r.set_new_text(row[col.new_text].as<std::string>());
  SetUser(row, col.corrected_by, [&] { return r.mutable_corrected_by(); });
  SetTime(row[col.corrected_at], [&] { return r.mutable_corrected_at(); });
  r.set_reason(row[col.reason].as<std::string>());
  return r;
}

}  // namespace

std::span<const Statement> SegmentRevisionStatements() {
  return kSegmentRevisionStatements;
}

Result<LockedSegment> LockSegment(Tx& tx, std::int64_t segment_id) {
  const pqxx::result r = tx.Exec("segments.lock", segment_id);
  if (r.empty()) return Status::NotFound(fmt::format("segment {} does not exist", segment_id));
  const auto col = MapColumns<LockedColumns>(r);
  const auto& row = r[0];
  LockedSegment s;
  s.info.id = row[col.id].as<std::int64_t>();
  s.info.workspace_id = row[col.workspace_id].as<std::int64_t>();
  s.info.transcript_id = row[col.transcript_id].as<std::int64_t>();
  s.info.ordinal = row[col.ordinal].as<int>();
  s.info.kind = v1::EnumFromText<v1::SegmentKind>(row[col.kind].as<std::string>())
                    .value_or(v1::SEGMENT_KIND_UNSPECIFIED);
  s.info.speaker = row[col.speaker].as<std::string>();
  s.info.text = row[col.text].as<std::string>();
  s.revision = row[col.revision].as<int>();
  return s;
}

Result<v1::SegmentRevision> ReviseSegment(Tx& tx, const SegmentCorrection& c) {
  const pqxx::result r = tx.Exec("segments.revise", c.workspace_id, c.segment_id, c.revision,
                                 c.old_text, c.new_text, c.corrected_by, c.reason);
  return RevisionFromRow(r[0], MapColumns<RevisionColumns>(r));
}

std::vector<v1::SegmentRevision> SegmentHistory(Tx& tx, std::int64_t segment_id) {
  return MapRows<RevisionColumns>(tx.Exec("segments.history", segment_id), RevisionFromRow);
}

}  // namespace factdesk::store
