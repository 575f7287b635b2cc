#include "server/rpc/note_service.h"

#include <fmt/format.h>

#include "domain/limits.h"
#include "domain/text_validation.h"
#include "proto/enum_text.h"
#include "server/rpc/authorize.h"
#include "server/rpc/call.h"
#include "server/rpc/claim_mutation.h"
#include "server/rpc/record_access.h"
#include "server/rpc/request_checks.h"
#include "server/store/claim_store.h"
#include "server/store/note_store.h"

namespace factdesk::rpc {
namespace {

using store::Tx;

// A change to an existing note: finds its claim, then runs `change` as a claim
// mutation (role, lock, one event) with the note as it stands under the lock. `change`
// writes and returns the event's kind; the note as it then stands goes into `out` and
// the event.
Status MutateNote(
    Runtime& rt, Call& call, std::int64_t note_id,
    const std::function<Result<v1::EventKind>(ClaimContext&, const v1::Note&)>& change,
    v1::Note* out) {
  v1::Note found;
  FD_RETURN_IF_ERROR(rt.db.Read("loading a note", [&](Tx& tx) -> Status {
    const Result<v1::Note> note = store::GetNote(tx, note_id);
    FD_RETURN_IF_ERROR(
        AuthorizeRecord(tx, WorkspaceOf(note), call, domain::Action::kRead, "note", note_id)
            .status());
    found = *note;
    return Status::Ok();
  }));
  v1::Claim claim;
  return MutateClaim(
      rt, call, found.claim_id(), -1, domain::Action::kEditNote,
      [&](ClaimContext& c) -> Result<v1::Event> {
        FD_ASSIGN_OR_RETURN(const v1::Note note, store::GetNote(c.tx, note_id));
        FD_ASSIGN_OR_RETURN(const v1::EventKind kind, change(c, note));
        FD_ASSIGN_OR_RETURN(*out, store::GetNote(c.tx, note_id, true));
        v1::Event event = NewEvent(kind);
        *event.mutable_note() = *out;
        return event;
      },
      &claim);
}

}  // namespace

NoteService::NoteService(Runtime& rt) : rt_(rt) {}
NoteService::~NoteService() = default;

grpc::ServerUnaryReactor* NoteService::AddNote(grpc::CallbackServerContext* ctx,
                                               const v1::AddNoteRequest* req, v1::Note* resp) {
  return Mutation(rt_, ctx, "AddNote", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    const v1::NoteThread thread =
        req->thread() == v1::NOTE_THREAD_UNSPECIFIED ? v1::NOTE_THREAD_CLAIM : req->thread();
    v1::Claim claim;
    return MutateClaim(
        rt_, call, req->claim_id(), -1, domain::Action::kAddNote,
        [&](ClaimContext& c) -> Result<v1::Event> {
          if (req->parent_id() != 0) {
            // A missing parent and one in another workspace answer alike (17.10).
            const Result<v1::Note> parent = store::GetNote(c.tx, req->parent_id());
            if (!parent.ok() && parent.status().code() != Code::kNotFound) return parent.status();
            if (!parent.ok() || parent->claim_id() != c.claim.id() || parent->thread() != thread) {
              return Status::InvalidArgument(
                  "parent_id", fmt::format("note {} is not in this claim's {} thread",
                                           req->parent_id(), v1::EnumText(thread, true)));
            }
          }
          store::NewNote note{c.claim.workspace_id(), c.claim.id(), req->parent_id(),
                              v1::EnumText(thread),   req->body(),  call.user_id()};
          FD_ASSIGN_OR_RETURN(*resp, store::InsertNote(c.tx, note));
          c.now = c.claim;
          c.now->set_note_count(c.claim.note_count() + 1);
          v1::Event event = NewEvent(v1::EVENT_KIND_NOTE_ADDED);
          *event.mutable_note() = *resp;
          return event;
        },
        &claim);
  });
}

grpc::ServerUnaryReactor* NoteService::ListNotes(grpc::CallbackServerContext* ctx,
                                                 const v1::ListNotesRequest* req,
                                                 v1::ListNotesResponse* resp) {
  return Unary(rt_, ctx, "ListNotes", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    const std::string thread =
        req->thread() == v1::NOTE_THREAD_UNSPECIFIED ? "" : v1::EnumText(req->thread());
    return rt_.db.Read("ListNotes", [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(AuthorizeClaim(tx, call, domain::Action::kRead, req->claim_id()).status());
      FD_ASSIGN_OR_RETURN(auto notes,
                          store::ListNotes(tx, req->claim_id(), thread, req->include_revisions()));
      for (auto& n : notes) *resp->add_notes() = std::move(n);
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* NoteService::EditNote(grpc::CallbackServerContext* ctx,
                                                const v1::EditNoteRequest* req, v1::Note* resp) {
  return Mutation(rt_, ctx, "EditNote", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return MutateNote(
        rt_, call, req->note_id(),
        [&](ClaimContext& c, const v1::Note& note) -> Result<v1::EventKind> {
          if (note.author().id() != call.user_id()) {
            return Status::PermissionDenied("only a note's author can edit it");
          }
          if (note.removed()) {
            return Status::FailedPrecondition(
                fmt::format("note {} was removed and cannot be edited", note.id()));
          }
          if (note.version() != req->expected_version()) {
            return StaleVersion(call, "note", note.id(), req->expected_version(), note,
                                note.version());
          }
          store::EditNoteBody(c.tx, note.id(), req->body());
          return v1::EVENT_KIND_NOTE_EDITED;
        },
        resp);
  });
}

grpc::ServerUnaryReactor* NoteService::RemoveNote(grpc::CallbackServerContext* ctx,
                                                  const v1::RemoveNoteRequest* req,
                                                  v1::Note* resp) {
  return Mutation(rt_, ctx, "RemoveNote", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return MutateNote(
        rt_, call, req->note_id(),
        [&](ClaimContext& c, const v1::Note& note) -> Result<v1::EventKind> {
          if (note.author().id() != call.user_id() &&
              !domain::HasAtLeast(c.role, domain::Role::kEditor)) {
            return Status::PermissionDenied("only a note's author or an editor can remove it");
          }
          if (note.removed()) {
            return Status::FailedPrecondition(
                fmt::format("note {} was already removed", note.id()));
          }
          store::MarkNoteRemoved(c.tx, note);
          return v1::EVENT_KIND_NOTE_REMOVED;
        },
        resp);
  });
}

}  // namespace factdesk::rpc
