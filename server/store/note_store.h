#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "factdesk/v1/note.pb.h"
#include "server/store/db.h"
#include "server/store/statement.h"

namespace factdesk::store {

std::span<const Statement> NoteStatements();

struct NewNote {
  std::int64_t workspace_id = 0;
  std::int64_t claim_id = 0;
  std::int64_t parent_id = 0;  // 0 = top level
  std::string thread;          // "CLAIM" or "DISPUTE"
  std::string body;
  std::int64_t author_id = 0;
};

Result<v1::Note> InsertNote(Tx& tx, const NewNote& note);
// With revisions when `with_revisions`. A removed note comes back with an empty body.
Result<v1::Note> GetNote(Tx& tx, std::int64_t note_id, bool with_revisions = false);
// thread "" = both threads.
Result<std::vector<v1::Note>> ListNotes(Tx& tx, std::int64_t claim_id, const std::string& thread,
                                        bool with_revisions);
// Keeps the current body as a revision, then replaces it.
void EditNoteBody(Tx& tx, std::int64_t note_id, const std::string& body);
// Marks the note removed and takes its body out of the events that carried it: no one
// can read a removed note's text through any RPC, history or replay.
void MarkNoteRemoved(Tx& tx, const v1::Note& note);

}  // namespace factdesk::store
