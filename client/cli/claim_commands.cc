// claim add/list/show/update/assign/take/dismiss/reopen/publish/correct/history
// (tag/untag: claim_tag_commands.cc).
#include <iostream>

#include <fmt/format.h>

#include "client/cli/claim_view.h"
#include "client/cli/context.h"
#include "client/cli/output.h"
#include "client/cli/precheck.h"
#include "client/cli/segment_text.h"
#include "proto/claim_link_text.h"
#include "proto/claim_progress.h"
#include "proto/workflow_requests.h"

namespace factdesk::cli {
namespace {

using CS = v1::ClaimService::Stub;

Result<v1::Claim> GetClaim(CommandClient& api, std::int64_t id) {
  v1::GetClaimRequest req;
  req.set_claim_id(id);
  return api.Call(&CS::GetClaim, req);
}

void PrintClaim(Context& ctx, const v1::Claim& claim) {
  if (ctx.json()) {
    PrintJson(ToJson(claim));
  } else {
    std::cout << ClaimLine(claim) << "\n";
  }
}

// Runs a claim mutation that names the version it read: `version`, or (0) the claim's
// current one. What the server would refuse first is refused here without sending: the
// request's fields, then the rules on the claim as read (Precheck). On ABORTED the error
// says where the claim stands now.
template <typename Req>
Status Mutate(Context& ctx, std::int64_t claim_id, std::int64_t version, domain::Action action,
              Req req, grpc::Status (CS::*method)(grpc::ClientContext*, const Req&, v1::Claim*)) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  req.set_claim_id(claim_id);
  // The fields are checked before the claim is read, as the server checks them first. A
  // version of 0 becomes the one read, which is positive: 1 stands in for it meanwhile.
  req.set_expected_version(version != 0 ? version : 1);
  FD_RETURN_IF_ERROR(v1::CheckedRequest(req).status());
  FD_ASSIGN_OR_RETURN(const v1::Claim current, GetClaim(*api, claim_id));
  req.set_expected_version(version != 0 ? version : current.version());
  FD_RETURN_IF_ERROR(Precheck(*api, current, action, req.expected_version()));
  std::string current_bin;
  auto claim = api->Call(method, req, {.current_bin = &current_bin});
  if (!claim.ok()) return WithCurrentClaim(claim.status(), current_bin);
  PrintClaim(ctx, *claim);
  return Status::Ok();
}

struct AddOptions {
  std::int64_t segment_id = 0;
  int start = -1;
  int end = -1;
  std::int64_t transcript_id = 0;
  int ordinal = -1;
  std::string quote;
  int occurrence = 0;
  std::string summary;
  std::string claimant;
};

// The segment and byte range of `quote` in segment `ordinal` of a transcript.
Status ResolveQuote(CommandClient& api, const AddOptions& o, v1::CreateClaimRequest& req) {
  v1::ListSegmentsRequest list;
  list.set_transcript_id(o.transcript_id);
  list.set_from_ordinal(ApiOrdinal(o.ordinal));
  list.set_page_size(1);
  FD_ASSIGN_OR_RETURN(const auto page, api.Call(&v1::TranscriptService::Stub::ListSegments, list));
  if (page.segments().empty() || page.segments(0).ordinal() != ApiOrdinal(o.ordinal)) {
    return Status::NotFound(
        fmt::format("transcript {} has no segment {}", o.transcript_id, o.ordinal));
  }
  const v1::Segment& segment = page.segments(0);
  FD_ASSIGN_OR_RETURN(const ByteRange range, QuoteRange(segment.text(), o.quote, o.occurrence,
                                                        fmt::format("segment {} of transcript {}",
                                                                    o.ordinal, o.transcript_id)));
  req.set_segment_id(segment.id());
  req.set_start_byte(range.start);
  req.set_end_byte(range.end);
  return Status::Ok();
}

Status Add(Context& ctx, const AddOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::CreateClaimRequest req;
  if (o.segment_id != 0) {
    if (o.start < 0 || o.end < 0) UsageError("--segment needs --start and --end");
    req.set_segment_id(o.segment_id);
    req.set_start_byte(o.start);
    req.set_end_byte(o.end);
  } else {
    if (o.transcript_id == 0 || o.ordinal < 1 || o.quote.empty()) {
      UsageError(
          "give --segment ID --start BYTE --end BYTE, or --transcript T --ordinal N --quote TEXT");
    }
    FD_RETURN_IF_ERROR(ResolveQuote(*api, o, req));
  }
  req.set_summary(o.summary);
  req.set_claimant(o.claimant);
  FD_ASSIGN_OR_RETURN(const v1::Claim claim, api->Call(&CS::CreateClaim, req));
  if (ctx.json()) {
    PrintJson(ToJson(claim));
  } else {
    std::cout << fmt::format("created claim {} in transcript {} segment {}: {}\n", claim.id(),
                             claim.transcript_id(), SegmentNumber(claim.segment_ordinal()),
                             Quoted(claim.quote()));
  }
  return Status::Ok();
}

struct ListOptions {
  std::int64_t transcript_id = 0;
  std::vector<std::string> statuses;
  std::string assignee;
  bool unassigned = false;
};

Status List(Context& ctx, const ListOptions& o) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::ListClaimsRequest req;
  req.set_workspace_id(ws.id());
  req.set_transcript_id(o.transcript_id);
  for (const auto& s : o.statuses) req.add_statuses(*v1::EnumFromText<v1::ClaimStatus>(s));
  if (!o.assignee.empty()) {
    FD_ASSIGN_OR_RETURN(const std::int64_t id, api->MemberId(ws.id(), o.assignee));
    req.set_assignee_id(id);
  }
  req.set_unassigned(o.unassigned);
  req.set_page_size(500);
  std::vector<v1::Claim> claims;
  FD_RETURN_IF_ERROR(api->Pages(&CS::ListClaims, req, [&](const auto& page) {
    claims.insert(claims.end(), page.claims().begin(), page.claims().end());
    return true;
  }));
  if (ctx.json()) {
    PrintJson(ToJsonArray(claims));
    return Status::Ok();
  }
  Table table(
      {"ID", "STATUS", "WHERE", "CLAIMANT", "ASSIGNEES", "VERDICT", "SRC", "TAGS", "SUMMARY"});
  for (const auto& c : claims) {
    table.Add({std::to_string(c.id()), Upper(c.status()) + QuoteChangedFlag(c),
               fmt::format("{}:{}", c.transcript_id(), SegmentNumber(c.segment_ordinal())),
               c.claimant(), Handles(c.assignees()), c.final_verdict().label(),
               std::to_string(c.source_count()), c.tags().empty() ? "" : TagList(c),
               Shorten(c.summary(), 70)});
  }
  table.Print(std::cout);
  return Status::Ok();
}

struct ShowOptions {
  std::int64_t claim_id = 0;
};

// The claim's own fields, one per line, for `claim show`.
void PrintClaimFields(const v1::Claim& c, const std::string& waiting) {
  Table fields({});
  fields.Add({"Where:", fmt::format("transcript {}, segment {} ({}), bytes {}-{}",
                                    c.transcript_id(), SegmentNumber(c.segment_ordinal()),
                                    c.speaker(), c.start_byte(), c.end_byte())});
  fields.Add({"Quote:", Quoted(c.quote(), 500)});
  fields.Add({"Summary:", c.summary()});
  fields.Add({"Claimant:", c.claimant()});
  fields.Add({"Marked:", IsoDateTime(c.created_at()) + " by " + c.created_by().handle()});
  fields.Add({"Assignees:", c.assignees().empty() ? "(none)" : Handles(c.assignees())});
  fields.Add({"Tags:", TagList(c)});
  if (!waiting.empty()) fields.Add({"Next:", waiting});
  if (!c.final_verdict().label().empty()) {
    fields.Add({"Verdict:",
                c.final_verdict().label() + " (resolved " + IsoDateTime(c.resolved_at()) + ")"});
  }
  if (IsSet(c.published_at())) fields.Add({"Published:", IsoDateTime(c.published_at())});
  if (c.dismiss_reason() != v1::DISMISS_REASON_UNSPECIFIED) {
    fields.Add({"Dismissed:", Lower(c.dismiss_reason())});
  }
  if (c.has_link()) fields.Add({"Same claim as:", v1::LinkText(c.link())});
  if (!c.status_reason().empty()) fields.Add({"Reason:", c.status_reason()});
  if (c.correction_count() > 0) fields.Add({"Corrections:", std::to_string(c.correction_count())});
  AddQuoteChange(c, fields);
  fields.Print(std::cout, 2);
}

Status Show(Context& ctx, const ShowOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  FD_ASSIGN_OR_RETURN(const v1::Claim c, GetClaim(*api, o.claim_id));
  v1::ListSourcesRequest sources_req;
  sources_req.set_claim_id(c.id());
  FD_ASSIGN_OR_RETURN(const auto sources,
                      api->Call(&v1::SourceService::Stub::ListSources, sources_req));
  v1::ListNotesRequest notes_req;
  notes_req.set_claim_id(c.id());
  FD_ASSIGN_OR_RETURN(const auto notes, api->Call(&v1::NoteService::Stub::ListNotes, notes_req));
  v1::ListReviewsRequest reviews_req;
  reviews_req.set_claim_id(c.id());
  FD_ASSIGN_OR_RETURN(const auto reviews,
                      api->Call(&v1::ReviewService::Stub::ListReviews, reviews_req));
  v1::GetDisputeRequest dispute_req;
  dispute_req.set_claim_id(c.id());
  auto dispute = api->Call(&v1::ReviewService::Stub::GetDispute, dispute_req);
  // No dispute is the common case, not an error.
  if (!dispute.ok() && dispute.status().code() != Code::kNotFound) return dispute.status();
  FD_ASSIGN_OR_RETURN(const v1::Workspace workspace, api->WorkspaceById(c.workspace_id()));
  const std::string waiting =
      v1::WaitingFor(c, workspace.policy(), reviews.reviews(), dispute.ok() ? &*dispute : nullptr);

  if (ctx.json()) {
    PrintJson({{"claim", ToJson(c)},
               {"waiting_for", waiting},
               {"sources", ToJsonArray(sources.sources())},
               {"notes", ToJsonArray(notes.notes())},
               {"reviews", ToJsonArray(reviews.reviews())},
               {"dispute", dispute.ok() ? ToJson(*dispute) : nlohmann::json()}});
    return Status::Ok();
  }
  std::cout << fmt::format("Claim {}  {}  (version {})\n", c.id(), ClaimTag(c), c.version());
  PrintClaimFields(c, waiting);
  std::cout << fmt::format("\nSources ({})\n", sources.sources_size());
  if (!sources.sources().empty()) PrintSources(sources.sources(), 2);
  std::cout << fmt::format("\nNotes ({})\n", notes.notes_size());
  PrintNotes(notes.notes(), 2);
  std::cout << fmt::format("\nReviews ({})\n", reviews.reviews_size());
  PrintReviews(reviews.reviews(), 2);
  if (dispute.ok()) {
    std::cout << fmt::format("\nDispute {}  {}  opened {}", dispute->id(), Upper(dispute->status()),
                             IsoDateTime(dispute->opened_at()));
    if (!dispute->waiting_for().empty()) std::cout << "; waiting for " << dispute->waiting_for();
    std::cout << "\n";
  }
  return Status::Ok();
}

struct UpdateOptions {
  std::int64_t claim_id = 0;
  std::int64_t version = 0;
  std::optional<std::string> summary;
  std::optional<std::string> claimant;
  std::optional<std::string> verdict;
  std::vector<std::string> to;
  std::string reason;
  std::string explanation;
  // dismiss --reason duplicate, and link: what the claim is the same claim as.
  std::int64_t same_as_claim = 0;
  std::int64_t same_as_check = 0;
};

Status Update(Context& ctx, const UpdateOptions& o) {
  if (!o.summary && !o.claimant) UsageError("give --summary and/or --claimant");
  v1::UpdateClaimRequest req;
  if (o.summary) req.set_summary(*o.summary);
  if (o.claimant) req.set_claimant(*o.claimant);
  return Mutate(ctx, o.claim_id, o.version, domain::Action::kEditClaim, req, &CS::UpdateClaim);
}

Status Assign(Context& ctx, const UpdateOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  FD_ASSIGN_OR_RETURN(const v1::Claim claim, GetClaim(*api, o.claim_id));
  v1::AssignClaimRequest req;
  for (const auto& handle : o.to) {
    if (handle.empty()) continue;
    FD_ASSIGN_OR_RETURN(const std::int64_t id, api->MemberId(claim.workspace_id(), handle));
    req.add_assignee_ids(id);
  }
  return Mutate(ctx, o.claim_id, o.version, domain::Action::kAssignClaim, req, &CS::AssignClaim);
}

Status Take(Context& ctx, const UpdateOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::TakeClaimRequest req;
  req.set_claim_id(o.claim_id);
  FD_RETURN_IF_ERROR(v1::CheckedRequest(req).status());
  FD_ASSIGN_OR_RETURN(const v1::Claim current, GetClaim(*api, o.claim_id));
  FD_RETURN_IF_ERROR(Precheck(*api, current, domain::Action::kTakeClaim));
  FD_ASSIGN_OR_RETURN(const v1::Claim claim, api->Call(&CS::TakeClaim, req));
  PrintClaim(ctx, claim);
  return Status::Ok();
}

Status Dismiss(Context& ctx, const UpdateOptions& o) {
  v1::DismissClaimRequest req;
  std::string reason = o.reason;
  std::replace(reason.begin(), reason.end(), '-', '_');
  req.set_reason(*v1::EnumFromText<v1::DismissReason>(reason));
  req.set_explanation(o.explanation);
  req.set_duplicate_of_claim_id(o.same_as_claim);
  req.set_duplicate_of_check_id(o.same_as_check);
  return Mutate(ctx, o.claim_id, o.version, domain::Action::kDismiss, req, &CS::DismissClaim);
}

Status Link(Context& ctx, const UpdateOptions& o) {
  v1::LinkClaimRequest req;
  req.set_check_id(o.same_as_check);
  req.set_same_as_claim_id(o.same_as_claim);
  return Mutate(ctx, o.claim_id, o.version, domain::Action::kEditClaim, req, &CS::LinkClaim);
}

Status Unlink(Context& ctx, const UpdateOptions& o) {
  return Mutate(ctx, o.claim_id, o.version, domain::Action::kEditClaim, v1::UnlinkClaimRequest(),
                &CS::UnlinkClaim);
}

Status Reopen(Context& ctx, const UpdateOptions& o) {
  v1::ReopenClaimRequest req;
  req.set_reason(o.reason);
  return Mutate(ctx, o.claim_id, o.version, domain::Action::kReopen, req, &CS::ReopenClaim);
}

Status Publish(Context& ctx, const UpdateOptions& o) {
  return Mutate(ctx, o.claim_id, o.version, domain::Action::kPublish, v1::PublishClaimRequest(),
                &CS::PublishClaim);
}

Status Correct(Context& ctx, const UpdateOptions& o) {
  if (!o.summary && !o.claimant && !o.verdict) {
    UsageError("a correction changes something: give --summary, --claimant and/or --verdict");
  }
  v1::CorrectClaimRequest req;
  req.set_reason(o.reason);
  if (o.summary) req.set_summary(*o.summary);
  if (o.claimant) req.set_claimant(*o.claimant);
  if (o.verdict) req.set_verdict(*o.verdict);
  return Mutate(ctx, o.claim_id, o.version, domain::Action::kCorrect, req, &CS::CorrectClaim);
}

Status History(Context& ctx, const ShowOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::GetClaimHistoryRequest req;
  req.set_claim_id(o.claim_id);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&CS::GetClaimHistory, req));
  if (ctx.json()) {
    PrintJson(ToJsonArray(resp.entries()));
    return Status::Ok();
  }
  for (const auto& e : resp.entries()) {
    std::cout << fmt::format("seq {}  {}  {}  {}  {}\n", e.seq(), IsoDateTime(e.time()),
                             e.actor().handle(), e.kind(), e.summary());
    for (const auto& change : e.changes()) {
      std::cout << fmt::format("    {}: {} → {}\n", change.field(),
                               change.old_value().empty() ? "(none)" : Quoted(change.old_value()),
                               change.new_value().empty() ? "(none)" : Quoted(change.new_value()));
    }
  }
  return Status::Ok();
}

void AddClaimIdArg(CLI::App* cmd, UpdateOptions& o) {
  cmd->add_option("CLAIM_ID", o.claim_id, "Claim id")->required();
}

void AddVersionOption(CLI::App* cmd, UpdateOptions& o) {
  cmd->add_option("--version", o.version,
                  "The version you read (default: the claim's current version)");
}

void AddMarkCommand(Context& ctx, CLI::App* claim) {
  auto o = std::make_shared<AddOptions>();
  auto* cmd = ctx.Command(*claim, "add",
                          "Mark a claim: by byte range (--segment --start --end) or by quoting "
                          "it (--transcript --ordinal --quote)",
                          [&ctx, o] { return Add(ctx, *o); });
  auto* segment = cmd->add_option("--segment", o->segment_id, "Segment id");
  cmd->add_option("--start", o->start, "First byte of the claim in the segment's text")
      ->needs(segment);
  cmd->add_option("--end", o->end, "Byte after the claim")->needs(segment);
  auto* transcript = cmd->add_option("--transcript", o->transcript_id, "Transcript id");
  transcript->excludes(segment);
  cmd->add_option("--ordinal", o->ordinal,
                  "Segment number in the transcript (from 1, as `show` prints it)")
      ->needs(transcript);
  cmd->add_option("--quote", o->quote, "The claim's exact text in that segment")->needs(transcript);
  cmd->add_option("--occurrence", o->occurrence, "Which occurrence of the quote (1-based)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--summary", o->summary, "The claim as it is checked (default: the quote)");
  cmd->add_option("--claimant", o->claimant, "Who made it (default: the speaker)");
  ctx.AddJsonFlag(cmd);
}

void AddReadCommands(Context& ctx, CLI::App* claim) {
  {
    auto o = std::make_shared<ListOptions>();
    auto* cmd =
        ctx.Command(*claim, "list", "List claims, filtered", [&ctx, o] { return List(ctx, *o); });
    ctx.AddWorkspaceOption(cmd);
    cmd->add_option("--transcript", o->transcript_id, "Only this transcript");
    cmd->add_option("--status", o->statuses, "Only these statuses (OPEN, IN_REVIEW, ...)")
        ->delimiter(',')
        ->check(CLI::IsMember(ClaimStatusNames(), CLI::ignore_case));
    auto* assignee = cmd->add_option("--assignee", o->assignee, "Only claims assigned to HANDLE");
    cmd->add_flag("--unassigned", o->unassigned, "Only claims with no assignee")
        ->excludes(assignee);
    ctx.AddJsonFlag(cmd);
  }
  auto show = std::make_shared<ShowOptions>();
  auto* cmd =
      ctx.Command(*claim, "show", "A claim with its assignees, sources, notes, reviews and dispute",
                  [&ctx, show] { return Show(ctx, *show); });
  cmd->add_option("CLAIM_ID", show->claim_id, "Claim id")->required();
  ctx.AddJsonFlag(cmd);
  auto* history = ctx.Command(*claim, "history", "Who changed what, and when",
                              [&ctx, show] { return History(ctx, *show); });
  history->add_option("CLAIM_ID", show->claim_id, "Claim id")->required();
  ctx.AddJsonFlag(history);
}

// What a claim is the same claim as: another claim, or an archived check (one of the two).
void AddSameAsOptions(CLI::App* cmd, UpdateOptions& o, const std::string& claim_flag,
                      const std::string& check_flag, const std::string& claim_help,
                      const std::string& check_help) {
  auto* same_claim = cmd->add_option(claim_flag, o.same_as_claim, "CLAIM_ID: " + claim_help);
  cmd->add_option(check_flag, o.same_as_check, "CHECK_ID: " + check_help)->excludes(same_claim);
}

// Edits of an open claim: summary and claimant, who works on it, what it is the same as.
void AddEditCommands(Context& ctx, CLI::App* claim, const std::shared_ptr<UpdateOptions>& o) {
  {
    auto* cmd = ctx.Command(*claim, "update", "Edit the summary or claimant",
                            [&ctx, o] { return Update(ctx, *o); });
    AddClaimIdArg(cmd, *o);
    AddVersionOption(cmd, *o);
    cmd->add_option("--summary", o->summary, "New summary");
    cmd->add_option("--claimant", o->claimant, "New claimant");
    ctx.AddJsonFlag(cmd);
  }
  {
    auto* cmd = ctx.Command(*claim, "assign", "Set the checkers working on a claim (editor)",
                            [&ctx, o] { return Assign(ctx, *o); });
    AddClaimIdArg(cmd, *o);
    AddVersionOption(cmd, *o);
    cmd->add_option("--to", o->to, "Handles, comma-separated (\"\" unassigns)")
        ->required()
        ->delimiter(',');
    ctx.AddJsonFlag(cmd);
  }
  {
    auto* cmd = ctx.Command(*claim, "take", "Assign an unassigned claim to yourself",
                            [&ctx, o] { return Take(ctx, *o); });
    AddClaimIdArg(cmd, *o);
    ctx.AddJsonFlag(cmd);
  }
  {
    auto* cmd = ctx.Command(*claim, "link",
                            "Record that a claim is the same claim as an earlier check "
                            "(see `factdesk match --claim ID`)",
                            [&ctx, o] { return Link(ctx, *o); });
    AddClaimIdArg(cmd, *o);
    AddVersionOption(cmd, *o);
    AddSameAsOptions(cmd, *o, "--same-as", "--check", "another claim of the workspace",
                     "an archived check");
    ctx.AddJsonFlag(cmd);
  }
  auto* cmd = ctx.Command(*claim, "unlink", "Remove a claim's \"same claim as\" link",
                          [&ctx, o] { return Unlink(ctx, *o); });
  AddClaimIdArg(cmd, *o);
  AddVersionOption(cmd, *o);
  ctx.AddJsonFlag(cmd);
}

// The editor's moves: dismiss, reopen, publish, correct.
void AddDecisionCommands(Context& ctx, CLI::App* claim, const std::shared_ptr<UpdateOptions>& o) {
  {
    auto* cmd = ctx.Command(*claim, "dismiss", "Dismiss a claim as not checkable (editor)",
                            [&ctx, o] { return Dismiss(ctx, *o); });
    AddClaimIdArg(cmd, *o);
    AddVersionOption(cmd, *o);
    cmd->add_option("--reason", o->reason,
                    "opinion, prediction, not-checkable, not-a-claim or duplicate")
        ->required()
        ->check(
            CLI::IsMember({"opinion", "prediction", "not-checkable", "not-a-claim", "duplicate"},
                          CLI::ignore_case));
    cmd->add_option("--explanation", o->explanation, "Why");
    AddSameAsOptions(cmd, *o, "--duplicate-of", "--duplicate-of-check",
                     "for a duplicate: the claim it duplicates",
                     "for a duplicate: the archived check it duplicates");
    ctx.AddJsonFlag(cmd);
  }
  {
    auto* cmd = ctx.Command(*claim, "reopen", "Reopen a dismissed, resolved or published claim",
                            [&ctx, o] { return Reopen(ctx, *o); });
    AddClaimIdArg(cmd, *o);
    AddVersionOption(cmd, *o);
    cmd->add_option("--reason", o->reason, "Why (recorded)")->required();
    ctx.AddJsonFlag(cmd);
  }
  {
    auto* cmd = ctx.Command(*claim, "publish", "Publish a resolved claim (editor)",
                            [&ctx, o] { return Publish(ctx, *o); });
    AddClaimIdArg(cmd, *o);
    AddVersionOption(cmd, *o);
    ctx.AddJsonFlag(cmd);
  }
  auto* cmd = ctx.Command(*claim, "correct", "Correct a published claim, with a reason (editor)",
                          [&ctx, o] { return Correct(ctx, *o); });
  AddClaimIdArg(cmd, *o);
  AddVersionOption(cmd, *o);
  cmd->add_option("--reason", o->reason, "Why (published with the correction)")->required();
  cmd->add_option("--summary", o->summary, "New summary");
  cmd->add_option("--claimant", o->claimant, "New claimant");
  cmd->add_option("--verdict", o->verdict, "New final verdict label");
  ctx.AddJsonFlag(cmd);
}

}  // namespace

void AddClaimCommands(Context& ctx, CLI::App& app) {
  auto* claim = ctx.Group(app, "claim", "Mark, list, inspect and move claims through review");
  AddMarkCommand(ctx, claim);
  AddReadCommands(ctx, claim);
  const auto o = std::make_shared<UpdateOptions>();
  AddEditCommands(ctx, claim, o);
  AddDecisionCommands(ctx, claim, o);
  AddClaimTagCommands(ctx, claim);
  AddClaimReanchorCommand(ctx, claim);
}

}  // namespace factdesk::cli
