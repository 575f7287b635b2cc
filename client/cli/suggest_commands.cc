// suggest, suggest accept|dismiss|rescore: the sentences the server's scorer ranks worth
// checking (issue 14), and what the desk does with them.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "client/cli/claim_view.h"
#include "client/cli/context.h"
#include "client/cli/output.h"
#include "factdesk/v1/suggestion.grpc.pb.h"
#include "proto/enum_text.h"

namespace factdesk::cli {
namespace {

using Stub = v1::SuggestionService::Stub;

struct SuggestOptions {
  std::int64_t transcript_id = 0;
  int top = 20;
  double min_score = 0;
  bool all = false;
  std::int64_t id = 0;
  std::string reason;
  std::string summary;
  std::string claimant;
};

struct Subcommands {
  CLI::App* accept = nullptr;
  CLI::App* dismiss = nullptr;
  CLI::App* rescore = nullptr;
};

Status RequireTranscript(std::int64_t id) {
  if (id > 0) return Status::Ok();
  return Status::InvalidArgument("-t", "give the transcript's id (see `factdesk transcripts`)");
}

Status RequireSuggestion(std::int64_t id) {
  if (id > 0) return Status::Ok();
  return Status::InvalidArgument("SUGGESTION_ID",
                                 "must be a positive id (see `factdesk suggest -t ID`)");
}

// "120 of 120 segments scored (en-2019.1)", or why there are no suggestions.
std::string StatusLine(const v1::ScoringStatus& s) {
  if (s.state() == v1::SCORING_STATE_NOT_ENGLISH) {
    return fmt::format("Transcript {} gets no suggestions: {}", s.transcript_id(), s.note());
  }
  const std::string model = s.scorer_version().empty() ? "" : " by " + s.scorer_version();
  const char* still = s.state() == v1::SCORING_STATE_DONE ? "" : "; scoring goes on";
  return fmt::format("Transcript {}: {} of {} segments scored{}{}", s.transcript_id(),
                     s.scored_segments(), s.segment_count(), model, still);
}

std::string Reasons(const v1::Suggestion& s) {
  std::string out;
  for (const auto& r : s.reasons()) out += (out.empty() ? "" : "; ") + r.text();
  return out.empty() ? "-" : out;
}

// The best earlier check the server matched to the sentence:
//   checked before: False (PolitiFact) "Drinking hot water ..." https://...
std::string CheckedBefore(const v1::CheckMatch& best) {
  const v1::ArchivedCheck& c = best.check();
  const std::string verdict = c.rating_name().empty() ? c.rating_value() : c.rating_name();
  const std::string who =
      c.claim_id() != 0 ? fmt::format("this desk, claim {}", c.claim_id()) : c.author_name();
  return fmt::format("{}{} {} {}", verdict.empty() ? "no verdict" : verdict,
                     who.empty() ? "" : " (" + who + ")", Quoted(c.claim_reviewed(), 80), c.url());
}

void PrintSuggestion(const v1::Suggestion& s) {
  std::string state;
  if (s.state() == v1::SUGGESTION_STATE_ACCEPTED) state = fmt::format("  [claim {}]", s.claim_id());
  if (s.state() == v1::SUGGESTION_STATE_DISMISSED) {
    state = fmt::format("  [dismissed by {}: {}]", s.decided_by().handle(), s.reason());
  }
  std::cout << fmt::format("#{:<6} {:.2f}  {}:{}  {}{}  {}{}\n", s.id(), s.score(),
                           s.transcript_id(), s.segment_ordinal() + 1, v1::EnumText(s.kind(), true),
                           s.speaker().empty() ? "" : " " + s.speaker(), Quoted(s.quote(), 90),
                           state);
  std::cout << "        why: " << Reasons(s) << "\n";
  if (s.matches_size() > 0) {
    std::cout << "        checked before: " << CheckedBefore(s.matches(0)) << "\n";
  }
}

Status ListSuggestions(Context& ctx, const SuggestOptions& o) {
  FD_RETURN_IF_ERROR(RequireTranscript(o.transcript_id));
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::ListSuggestionsRequest req;
  req.set_transcript_id(o.transcript_id);
  req.set_top(o.top);
  req.set_min_score(o.min_score);
  req.set_include_decided(o.all);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&Stub::ListSuggestions, req));
  if (ctx.json()) {
    PrintJson(ToJson(resp));
    return Status::Ok();
  }
  std::cout << StatusLine(resp.status()) << "\n";
  if (resp.status().state() == v1::SCORING_STATE_NOT_ENGLISH) return Status::Ok();
  if (resp.suggestions().empty()) {
    std::cout << "No open suggestions" << (o.min_score > 0 ? " at or above that score" : "")
              << ".\n";
    return Status::Ok();
  }
  std::cout << fmt::format("Best {} first (score, transcript:segment, kind, speaker):\n",
                           resp.suggestions_size());
  for (const auto& s : resp.suggestions()) PrintSuggestion(s);
  return Status::Ok();
}

Status AcceptSuggestion(Context& ctx, const SuggestOptions& o) {
  FD_RETURN_IF_ERROR(RequireSuggestion(o.id));
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::AcceptSuggestionRequest req;
  req.set_suggestion_id(o.id);
  req.set_summary(o.summary);
  req.set_claimant(o.claimant);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&Stub::AcceptSuggestion, req));
  if (ctx.json()) {
    PrintJson(ToJson(resp));
    return Status::Ok();
  }
  std::cout << fmt::format("accepted suggestion {}: {}\n", o.id, ClaimLine(resp.claim()));
  return Status::Ok();
}

Status DismissSuggestion(Context& ctx, const SuggestOptions& o) {
  FD_RETURN_IF_ERROR(RequireSuggestion(o.id));
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::DismissSuggestionRequest req;
  req.set_suggestion_id(o.id);
  req.set_reason(o.reason);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&Stub::DismissSuggestion, req));
  if (ctx.json()) {
    PrintJson(ToJson(resp));
    return Status::Ok();
  }
  std::cout << fmt::format("dismissed suggestion {} for everyone: {}\n", resp.id(), resp.reason());
  return Status::Ok();
}

Status RescoreTranscript(Context& ctx, const SuggestOptions& o) {
  FD_RETURN_IF_ERROR(RequireTranscript(o.transcript_id));
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::RescoreTranscriptRequest req;
  req.set_transcript_id(o.transcript_id);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&Stub::RescoreTranscript, req));
  if (ctx.json()) {
    PrintJson(ToJson(resp));
    return Status::Ok();
  }
  std::cout << fmt::format(
      "transcript {} ({} segments) is queued for scoring with the server's model; open "
      "suggestions were dropped, accepted and dismissed ones kept. See `factdesk suggest -t "
      "{}`.\n",
      o.transcript_id, resp.segment_count(), o.transcript_id);
  return Status::Ok();
}

}  // namespace

void AddSuggestCommands(Context& ctx, CLI::App& app) {
  auto o = std::make_shared<SuggestOptions>();
  auto sub = std::make_shared<Subcommands>();
  // One registered action for the group and its subcommands: Context runs the first
  // parsed command's action, and "suggest" is parsed whenever one of them is.
  auto* suggest = ctx.Command(app, "suggest",
                              "Sentences worth checking, ranked by the server's scorer, and why",
                              [&ctx, o, sub] {
                                if (sub->accept->parsed()) return AcceptSuggestion(ctx, *o);
                                if (sub->dismiss->parsed()) return DismissSuggestion(ctx, *o);
                                if (sub->rescore->parsed()) return RescoreTranscript(ctx, *o);
                                return ListSuggestions(ctx, *o);
                              });
  suggest->add_option("-t,--transcript", o->transcript_id, "The transcript's id");
  suggest->add_option("--top", o->top, "How many, best first (default 20, at most 1000)");
  suggest->add_option("--min-score", o->min_score, "Only scores at or above this (0 to 1)");
  suggest->add_flag("--all", o->all, "Also accepted and dismissed ones");
  ctx.AddJsonFlag(suggest);

  CLI::App* accept = sub->accept =
      suggest->add_subcommand("accept", "Mark the suggested sentence as a claim");
  accept->add_option("SUGGESTION_ID", o->id, "From `factdesk suggest -t ID`")->required();
  accept->add_option("--summary", o->summary, "The claim as it is checked (default: the quote)");
  accept->add_option("--claimant", o->claimant, "Who made it (default: the speaker)");
  ctx.AddJsonFlag(accept);
  CLI::App* dismiss = sub->dismiss =
      suggest->add_subcommand("dismiss", "Hide a suggestion for everyone, saying why");
  dismiss->add_option("SUGGESTION_ID", o->id, "From `factdesk suggest -t ID`")->required();
  dismiss->add_option("--reason", o->reason, "Why it is not worth checking")->required();
  ctx.AddJsonFlag(dismiss);
  CLI::App* rescore = sub->rescore = suggest->add_subcommand(
      "rescore", "Score a transcript again with the server's current model (editor)");
  rescore->add_option("-t,--transcript", o->transcript_id, "The transcript's id")->required();
  ctx.AddJsonFlag(rescore);
}

}  // namespace factdesk::cli
