// note add/list/edit/remove.
#include <iostream>
#include <iterator>

#include <fmt/format.h>

#include "client/cli/claim_view.h"
#include "client/cli/context.h"
#include "client/cli/output.h"

namespace factdesk::cli {
namespace {

using NS = v1::NoteService::Stub;

struct NoteOptions {
  std::int64_t id = 0;  // claim id (add, list) or note id (edit, remove)
  std::string body;
  std::int64_t reply_to = 0;
  bool dispute = false;
  std::int64_t version = 0;
};

// "-" reads the body from standard input (long Markdown, here-documents).
std::string Body(const std::string& body) {
  if (body != "-") return body;
  std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

void PrintNote(Context& ctx, const v1::Note& n, const char* verb) {
  if (ctx.json()) {
    PrintJson(ToJson(n));
  } else {
    std::cout << fmt::format("{} note {} on claim {} (version {})\n", verb, n.id(), n.claim_id(),
                             n.version());
  }
}

Status Add(Context& ctx, const NoteOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::AddNoteRequest req;
  req.set_claim_id(o.id);
  req.set_body(Body(o.body));
  req.set_parent_id(o.reply_to);
  req.set_thread(o.dispute ? v1::NOTE_THREAD_DISPUTE : v1::NOTE_THREAD_CLAIM);
  FD_ASSIGN_OR_RETURN(const v1::Note n, api->Call(&NS::AddNote, req));
  PrintNote(ctx, n, "added");
  return Status::Ok();
}

Status List(Context& ctx, const NoteOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::ListNotesRequest req;
  req.set_claim_id(o.id);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&NS::ListNotes, req));
  if (ctx.json()) {
    PrintJson(ToJsonArray(resp.notes()));
  } else {
    PrintNotes(resp.notes(), 0);
  }
  return Status::Ok();
}

Status Edit(Context& ctx, const NoteOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::EditNoteRequest req;
  req.set_note_id(o.id);
  req.set_body(Body(o.body));
  // There is no GetNote: without --version, try version 1 and, when the note has moved
  // on, retry once with the version the ABORTED answer carries (the note as it stands).
  req.set_expected_version(o.version != 0 ? o.version : 1);
  std::string current_bin;
  auto n = api->Call(&NS::EditNote, req, {.current_bin = &current_bin});
  v1::Note current;
  if (!n.ok() && o.version == 0 && n.status().code() == Code::kAborted &&
      current.ParseFromString(current_bin) && current.id() == o.id) {
    req.set_expected_version(current.version());
    n = api->Call(&NS::EditNote, req, {.current_bin = &current_bin});
  }
  if (!n.ok()) return WithCurrentNote(n.status(), current_bin);
  PrintNote(ctx, *n, "edited");
  return Status::Ok();
}

Status Remove(Context& ctx, const NoteOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::RemoveNoteRequest req;
  req.set_note_id(o.id);
  FD_ASSIGN_OR_RETURN(const v1::Note n, api->Call(&NS::RemoveNote, req));
  PrintNote(ctx, n, "removed");
  return Status::Ok();
}

}  // namespace

void AddNoteCommands(Context& ctx, CLI::App& app) {
  auto* note = ctx.Group(app, "note", "The reviewers' discussion of a claim");
  auto o = std::make_shared<NoteOptions>();
  {
    auto* cmd = ctx.Command(*note, "add", "Add a note (or a reply) to a claim",
                            [&ctx, o] { return Add(ctx, *o); });
    cmd->add_option("CLAIM_ID", o->id, "Claim id")->required();
    cmd->add_option("--body", o->body, "Markdown text; - reads standard input")->required();
    cmd->add_option("--reply-to", o->reply_to, "The note this replies to");
    cmd->add_flag("--dispute", o->dispute, "Post in the claim's dispute thread");
    ctx.AddJsonFlag(cmd);
  }
  {
    auto* cmd = ctx.Command(*note, "list", "A claim's notes, threaded",
                            [&ctx, o] { return List(ctx, *o); });
    cmd->add_option("CLAIM_ID", o->id, "Claim id")->required();
    ctx.AddJsonFlag(cmd);
  }
  {
    auto* cmd = ctx.Command(*note, "edit", "Replace a note's body (the old one is kept)",
                            [&ctx, o] { return Edit(ctx, *o); });
    cmd->add_option("NOTE_ID", o->id, "Note id")->required();
    cmd->add_option("--body", o->body, "Markdown text; - reads standard input")->required();
    cmd->add_option("--version", o->version, "The version you read (default: the current one)");
    ctx.AddJsonFlag(cmd);
  }
  {
    auto* cmd =
        ctx.Command(*note, "remove", "Remove a note", [&ctx, o] { return Remove(ctx, *o); });
    cmd->add_option("NOTE_ID", o->id, "Note id")->required();
    ctx.AddJsonFlag(cmd);
  }
}

}  // namespace factdesk::cli
