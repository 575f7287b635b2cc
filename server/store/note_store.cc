#include "server/store/note_store.h"

#include <array>

#include <fmt/format.h>

#include "factdesk/v1/live.pb.h"
#include "proto/enum_text.h"
#include "server/store/rows.h"

namespace factdesk::store {
namespace {

struct NoteColumns {
  explicit NoteColumns(ColumnLookup& c)
      : id(c("id")),
        workspace_id(c("workspace_id")),
        claim_id(c("claim_id")),
        parent_id(c("parent_id")),
        thread(c("thread")),
        body(c("body")),
        author(c, "author"),
        created_at(c("created_at")),
        edited_at(c("edited_at")),
        version(c("version")),
        removed(c("removed")) {}
  ColumnIndex id, workspace_id, claim_id, parent_id, thread, body;
  UserColumns author;
  ColumnIndex created_at, edited_at, version, removed;
};

struct NoteRevisionColumns {
  explicit NoteRevisionColumns(ColumnLookup& c) : body(c("body")), edited_at(c("edited_at")) {}
  ColumnIndex body, edited_at;
};

struct NoteEventColumns {
  explicit NoteEventColumns(ColumnLookup& c) : seq(c("seq")), payload(c("payload")) {}
  ColumnIndex seq, payload;
};

#define FD_NOTE_COLUMNS                                                                   \
  "SELECT n.id, n.workspace_id, n.claim_id, n.parent_id, n.thread, n.body, "              \
  "u.id AS author_id, u.handle AS author_handle, u.display_name AS author_display_name, " \
  "fd_us(n.created_at) AS created_at, fd_us(n.edited_at) AS edited_at, n.version, "       \
  "n.removed_at IS NOT NULL AS removed "
#define FD_NOTE_SELECT FD_NOTE_COLUMNS "FROM notes n JOIN users u ON u.id = n.author_id "

constexpr std::array kNoteStatements = {
    // The new note read back as GetNote reads it, in the inserting statement.
    Statement{"notes.insert",
              "WITH n AS (INSERT INTO notes (workspace_id, claim_id, parent_id, thread, body, "
              "  author_id) VALUES ($1, $2, nullif($3::bigint, 0), $4, $5, $6) RETURNING "
              "*) " FD_NOTE_COLUMNS "FROM n JOIN users u ON u.id = n.author_id",
              RowsAs<NoteColumns>},
    Statement{"notes.get", FD_NOTE_SELECT "WHERE n.id = $1", RowsAs<NoteColumns>},
    Statement{"notes.list",
              FD_NOTE_SELECT "WHERE n.claim_id = $1 AND ($2 = '' OR n.thread = $2) ORDER BY n.id",
              RowsAs<NoteColumns>},
    Statement{"notes.revisions",
              "SELECT body, fd_us(edited_at) AS edited_at FROM note_revisions WHERE note_id = $1 "
              "ORDER BY id",
              RowsAs<NoteRevisionColumns>},
    Statement{"notes.save_revision",
              "INSERT INTO note_revisions (note_id, workspace_id, body, edited_at) "
              "SELECT id, workspace_id, body, coalesce(edited_at, created_at) FROM notes "
              "WHERE id = $1"},
    Statement{"notes.edit",
              "UPDATE notes SET body = $2, edited_at = now(), version = version + 1 WHERE id = $1"},
    Statement{"notes.remove",
              "UPDATE notes SET removed_at = now(), version = version + 1 WHERE id = $1"},
    Statement{"notes.events_with_body",
              "SELECT seq, payload FROM events WHERE workspace_id = $1 AND claim_id = $2 "
              "AND kind IN ('note.added', 'note.edited') ORDER BY seq",
              RowsAs<NoteEventColumns>},
    Statement{"notes.scrub_event",
              "UPDATE events SET payload = $3 WHERE workspace_id = $1 AND seq = $2"},
};

#undef FD_NOTE_SELECT
#undef FD_NOTE_COLUMNS

v1::Note NoteFromRow(const pqxx::row& row, const NoteColumns& col) {
  v1::Note n;
  n.set_id(row[col.id].as<std::int64_t>());
  n.set_workspace_id(row[col.workspace_id].as<std::int64_t>());
  n.set_claim_id(row[col.claim_id].as<std::int64_t>());
  n.set_parent_id(Or<std::int64_t>(row[col.parent_id], 0));
  n.set_thread(v1::EnumFromText<v1::NoteThread>(row[col.thread].as<std::string>())
                   .value_or(v1::NOTE_THREAD_CLAIM));
  SetUser(row, col.author, [&] { return n.mutable_author(); });
  SetTime(row[col.created_at], [&] { return n.mutable_created_at(); });
  SetTime(row[col.edited_at], [&] { return n.mutable_edited_at(); });
  n.set_version(row[col.version].as<std::int64_t>());
  n.set_removed(row[col.removed].as<bool>());
  if (!n.removed()) n.set_body(row[col.body].as<std::string>());
  return n;
}

void AddRevisions(Tx& tx, v1::Note& note) {
  if (note.removed()) return;
  const pqxx::result r = tx.Exec("notes.revisions", note.id());
  const auto col = MapColumns<NoteRevisionColumns>(r);
  for (const auto& row : r) {
    auto* rev = note.add_revisions();
    rev->set_body(row[col.body].as<std::string>());
    SetTime(row[col.edited_at], [&] { return rev->mutable_edited_at(); });
  }
}

}  // namespace

std::span<const Statement> NoteStatements() {
  return kNoteStatements;
}

Result<v1::Note> InsertNote(Tx& tx, const NewNote& n) {
  // A reply's parent; 0 (a thread's first note) is NULL in the statement.
  const pqxx::result r = tx.Exec("notes.insert", n.workspace_id, n.claim_id, n.parent_id, n.thread,
                                 n.body, n.author_id);
  return NoteFromRow(r[0], MapColumns<NoteColumns>(r));
}

Result<v1::Note> GetNote(Tx& tx, std::int64_t note_id, bool with_revisions) {
  const pqxx::result r = tx.Exec("notes.get", note_id);
  if (r.empty()) return Status::NotFound(fmt::format("note {} does not exist", note_id));
  v1::Note note = NoteFromRow(r[0], MapColumns<NoteColumns>(r));
  if (with_revisions) AddRevisions(tx, note);
  return note;
}

Result<std::vector<v1::Note>> ListNotes(Tx& tx, std::int64_t claim_id, const std::string& thread,
                                        bool with_revisions) {
  std::vector<v1::Note> out;
  const pqxx::result r = tx.Exec("notes.list", claim_id, thread);
  const auto col = MapColumns<NoteColumns>(r);
  for (const auto& row : r) {
    out.push_back(NoteFromRow(row, col));
    if (with_revisions) AddRevisions(tx, out.back());
  }
  return out;
}

void EditNoteBody(Tx& tx, std::int64_t note_id, const std::string& body) {
  tx.Exec("notes.save_revision", note_id);
  tx.Exec("notes.edit", note_id, body);
}

void MarkNoteRemoved(Tx& tx, const v1::Note& note) {
  tx.Exec("notes.remove", note.id());
  // The events that carried the body (and its edits) lose it too, so that replay and
  // history cannot return it; the notes row keeps it for the operator (docs/architecture.md).
  const pqxx::result r = tx.Exec("notes.events_with_body", note.workspace_id(), note.claim_id());
  const auto col = MapColumns<NoteEventColumns>(r);
  for (const auto& row : r) {
    const pqxx::binarystring payload(row[col.payload]);
    v1::Event event;
    if (!event.ParseFromArray(payload.data(), static_cast<int>(payload.size())) ||
        event.note().id() != note.id()) {
      continue;
    }
    event.mutable_note()->clear_body();
    event.mutable_note()->clear_revisions();
    event.mutable_note()->set_removed(true);
    const std::string bytes = event.SerializeAsString();
    tx.Exec("notes.scrub_event", note.workspace_id(), row[col.seq].as<std::int64_t>(),
            pqxx::binarystring(bytes.data(), bytes.size()));
  }
}

}  // namespace factdesk::store
