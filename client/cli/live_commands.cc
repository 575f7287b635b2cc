// Live transcripts: transcript open|close, segment correct|history, claim reanchor.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "client/cli/claim_view.h"
#include "client/cli/context.h"
#include "client/cli/output.h"
#include "client/cli/segment_text.h"

namespace factdesk::cli {
namespace {

using TS = v1::TranscriptService::Stub;
using CS = v1::ClaimService::Stub;

struct OpenOptions {
  std::string title;
  std::string format = "text";
  std::string source_url;
};

void PrintTranscript(Context& ctx, const std::string& verb, const v1::Transcript& t) {
  if (ctx.json()) {
    PrintJson(ToJson(t));
    return;
  }
  std::cout << fmt::format("{} transcript {} {} ({}, {} segments)\n", verb, t.id(),
                           Quoted(t.title()), Upper(t.state()), t.segment_count());
}

Status Open(Context& ctx, const OpenOptions& o) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::OpenLiveTranscriptRequest req;
  req.set_workspace_id(ws.id());
  req.set_title(o.title);
  req.set_format(*v1::EnumFromText<v1::TranscriptFormat>(o.format));
  req.set_source_url(o.source_url);
  FD_ASSIGN_OR_RETURN(const v1::Transcript t, api->Call(&TS::OpenLiveTranscript, req));
  PrintTranscript(ctx, "opened", t);
  return Status::Ok();
}

Status Close(Context& ctx, std::int64_t transcript_id) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::CloseTranscriptRequest req;
  req.set_transcript_id(transcript_id);
  FD_ASSIGN_OR_RETURN(const v1::Transcript t, api->Call(&TS::CloseTranscript, req));
  PrintTranscript(ctx, "closed", t);
  return Status::Ok();
}

struct CorrectOptions {
  std::int64_t segment_id = 0;
  int revision = 0;
  std::string text;
  std::string reason;
};

// "claim 4 re-anchored: bytes 10-32" or "claim 4 QUOTE CHANGED: ..." for each claim in it.
void PrintClaimsAfterCorrection(const google::protobuf::RepeatedPtrField<v1::Claim>& claims) {
  for (const auto& c : claims) {
    if (c.has_quote_change()) {
      std::cout << fmt::format(
          "  claim {}: quote changed, {} is no longer in the text; mark it "
          "again with `factdesk claim reanchor {}`\n",
          c.id(), Quoted(c.quote_change().old_quote()), c.id());
    } else {
      std::cout << fmt::format("  claim {}: re-anchored at bytes {}-{}: {}\n", c.id(),
                               c.start_byte(), c.end_byte(), Quoted(c.quote()));
    }
  }
}

Status Correct(Context& ctx, const CorrectOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::CorrectSegmentRequest req;
  req.set_segment_id(o.segment_id);
  req.set_expected_revision(o.revision);
  req.set_text(o.text);
  req.set_reason(o.reason);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&TS::CorrectSegment, req));
  if (ctx.json()) {
    PrintJson(ToJson(resp));
    return Status::Ok();
  }
  std::cout << fmt::format("segment {} (transcript {}, segment {}) is at revision {}: {}\n",
                           resp.segment().id(), resp.segment().transcript_id(),
                           SegmentNumber(resp.segment().ordinal()), resp.segment().revision(),
                           Quoted(resp.segment().text(), 200));
  PrintClaimsAfterCorrection(resp.claims());
  return Status::Ok();
}

Status History(Context& ctx, std::int64_t segment_id) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::GetSegmentHistoryRequest req;
  req.set_segment_id(segment_id);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&TS::GetSegmentHistory, req));
  if (ctx.json()) {
    PrintJson(ToJsonArray(resp.revisions()));
    return Status::Ok();
  }
  if (resp.revisions().empty()) {
    std::cout << fmt::format("segment {} has not been corrected\n", segment_id);
    return Status::Ok();
  }
  for (const auto& r : resp.revisions()) {
    std::cout << fmt::format("revision {}  {}  {}{}\n    {} → {}\n", r.revision(),
                             IsoDateTime(r.corrected_at()),
                             r.has_corrected_by() ? r.corrected_by().handle() : "(the feed)",
                             r.reason().empty() ? "" : "  " + Quoted(r.reason()),
                             Quoted(r.old_text(), 200), Quoted(r.new_text(), 200));
  }
  return Status::Ok();
}

struct ReanchorOptions {
  std::int64_t claim_id = 0;
  std::int64_t version = 0;
  int start = -1;
  int end = -1;
  std::string quote;
  int occurrence = 0;
};

// The segment's current text: the claim names its transcript and ordinal.
Result<v1::Segment> SegmentOf(CommandClient& api, const v1::Claim& claim) {
  v1::ListSegmentsRequest list;
  list.set_transcript_id(claim.transcript_id());
  list.set_from_ordinal(claim.segment_ordinal());
  list.set_page_size(1);
  FD_ASSIGN_OR_RETURN(const auto page, api.Call(&TS::ListSegments, list));
  if (page.segments().empty() || page.segments(0).id() != claim.segment_id()) {
    return Status::NotFound(fmt::format("claim {}'s segment is gone", claim.id()));
  }
  return page.segments(0);
}

Status Reanchor(Context& ctx, const ReanchorOptions& o) {
  if (o.quote.empty() == (o.start < 0 || o.end < 0)) {
    UsageError("give --start BYTE --end BYTE, or --quote TEXT");
  }
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::GetClaimRequest get;
  get.set_claim_id(o.claim_id);
  FD_ASSIGN_OR_RETURN(const v1::Claim claim, api->Call(&CS::GetClaim, get));
  v1::ReanchorClaimRequest req;
  req.set_claim_id(o.claim_id);
  req.set_expected_version(o.version != 0 ? o.version : claim.version());
  req.set_start_byte(o.start);
  req.set_end_byte(o.end);
  if (!o.quote.empty()) {
    FD_ASSIGN_OR_RETURN(const v1::Segment segment, SegmentOf(*api, claim));
    FD_ASSIGN_OR_RETURN(const ByteRange range,
                        QuoteRange(segment.text(), o.quote, o.occurrence, "the segment's text"));
    req.set_start_byte(range.start);
    req.set_end_byte(range.end);
  }
  std::string current_bin;
  auto done = api->Call(&CS::ReanchorClaim, req, {.current_bin = &current_bin});
  if (!done.ok()) return WithCurrentClaim(done.status(), current_bin);
  if (ctx.json()) {
    PrintJson(ToJson(*done));
  } else {
    std::cout << ClaimLine(*done) << "\n"
              << fmt::format("  quote: {}\n", Quoted(done->quote(), 200));
  }
  return Status::Ok();
}

void AddTranscriptGroup(Context& ctx, CLI::App& app) {
  auto* transcript = ctx.Group(app, "transcript", "Open and close live transcripts");
  auto o = std::make_shared<OpenOptions>();
  auto* open = ctx.Command(*transcript, "open", "Open an empty LIVE transcript (checker)",
                           [&ctx, o] { return Open(ctx, *o); });
  ctx.AddWorkspaceOption(open);
  open->add_option("--title", o->title, "Title, e.g. \"Presidential debate, live\"")->required();
  open->add_option("--format", o->format, "What the feed is: text, vtt or srt (default text)")
      ->check(CLI::IsMember({"text", "vtt", "srt"}, CLI::ignore_case));
  open->add_option("--source-url", o->source_url, "Where the broadcast is");
  ctx.AddJsonFlag(open);
  auto id = std::make_shared<std::int64_t>(0);
  auto* close = ctx.Command(*transcript, "close", "Close a LIVE transcript: no more appends",
                            [&ctx, id] { return Close(ctx, *id); });
  close->add_option("TRANSCRIPT_ID", *id, "Transcript id")->required();
  ctx.AddJsonFlag(close);
}

void AddSegmentGroup(Context& ctx, CLI::App& app) {
  auto* segment = ctx.Group(app, "segment", "Correct a segment's text, read its history");
  auto o = std::make_shared<CorrectOptions>();
  auto* correct = ctx.Command(*segment, "correct",
                              "Correct a segment's text; its claims are re-anchored or flagged",
                              [&ctx, o] { return Correct(ctx, *o); });
  correct->add_option("SEGMENT_ID", o->segment_id, "Segment id (show --json has them)")->required();
  correct->add_option("--revision", o->revision, "The revision you read (0 as it arrived)")
      ->required();
  correct->add_option("--text", o->text, "The corrected text")->required();
  correct->add_option("--reason", o->reason, "Why, e.g. \"caption misheard 'billion'\"");
  ctx.AddJsonFlag(correct);
  auto id = std::make_shared<std::int64_t>(0);
  auto* history = ctx.Command(*segment, "history", "A segment's corrections, oldest first",
                              [&ctx, id] { return History(ctx, *id); });
  history->add_option("SEGMENT_ID", *id, "Segment id")->required();
  ctx.AddJsonFlag(history);
}

}  // namespace

void AddLiveTranscriptCommands(Context& ctx, CLI::App& app) {
  AddTranscriptGroup(ctx, app);
  AddSegmentGroup(ctx, app);
}

void AddClaimReanchorCommand(Context& ctx, CLI::App* claim) {
  auto o = std::make_shared<ReanchorOptions>();
  auto* cmd = ctx.Command(*claim, "reanchor",
                          "Mark a claim's quote again after a correction changed it: by byte "
                          "range (--start --end) or by quoting it (--quote)",
                          [&ctx, o] { return Reanchor(ctx, *o); });
  cmd->add_option("CLAIM_ID", o->claim_id, "Claim id")->required();
  cmd->add_option("--version", o->version, "The version you read (default: the current one)");
  cmd->add_option("--start", o->start, "First byte of the quote in the segment's text");
  cmd->add_option("--end", o->end, "Byte after the quote");
  cmd->add_option("--quote", o->quote, "The quote's exact words in the segment's text");
  cmd->add_option("--occurrence", o->occurrence, "Which occurrence of the quote (1-based)")
      ->check(CLI::PositiveNumber);
  ctx.AddJsonFlag(cmd);
}

}  // namespace factdesk::cli
