// dashboard: where the review of a workspace or transcript stands.
#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "client/cli/context.h"
#include "client/cli/output.h"

namespace factdesk::cli {
namespace {

struct DashboardOptions {
  std::int64_t transcript_id = 0;
};

template <typename Counts>
void PrintCounts(const Counts& rows) {
  std::int64_t max = 0;
  for (const auto& [label, count] : rows) max = std::max<std::int64_t>(max, count);
  Table table({});
  for (const auto& [label, count] : rows) {
    table.Add({label, std::to_string(count), Bar(count, max)});
  }
  table.Print(std::cout, 2);
}

void PrintStatesAndVerdicts(const v1::Dashboard& d) {
  std::cout << fmt::format("\nClaims by state ({} in all)\n", d.total_claims());
  std::vector<std::pair<std::string, std::int64_t>> states;
  for (const auto& s : d.by_status()) states.emplace_back(Upper(s.status()), s.count());
  PrintCounts(states);

  std::cout << "\nVerdicts (resolved and published)\n";
  std::vector<std::pair<std::string, std::int64_t>> verdicts;
  for (const auto& v : d.by_verdict()) verdicts.emplace_back(v.label(), v.count());
  if (verdicts.empty()) std::cout << "  (none yet)\n";
  PrintCounts(verdicts);

  std::cout << "\nClaims by tag\n";
  std::vector<std::pair<std::string, std::int64_t>> tags;
  for (const auto& t : d.by_tag()) tags.emplace_back(t.tag(), t.count());
  if (tags.empty()) std::cout << "  (none yet)\n";
  PrintCounts(tags);
}

void PrintCheckersAndDisputes(const v1::Dashboard& d) {
  std::cout << "\nCheckers\n";
  Table checkers({"HANDLE", "ASSIGNED", "REVIEWED", "WAITING"});
  for (const auto& c : d.checkers()) {
    checkers.Add({c.user().handle(), std::to_string(c.assigned()), std::to_string(c.reviewed()),
                  std::to_string(c.waiting())});
  }
  checkers.Print(std::cout, 2);

  std::cout << fmt::format("\nOpen disputes ({})\n", d.open_disputes_size());
  if (d.open_disputes().empty()) return;
  Table disputes({"ID", "CLAIM", "AGE", "VERDICTS", "SUMMARY"});
  for (const auto& x : d.open_disputes()) {
    std::string labels;
    for (const auto& v : x.verdicts()) labels += (labels.empty() ? "" : " / ") + v;
    disputes.Add({std::to_string(x.dispute_id()), std::to_string(x.claim_id()),
                  Age(x.age_seconds()), labels, Shorten(x.claim_summary(), 60)});
  }
  disputes.Print(std::cout, 2);
}

void PrintGapsAndSpeakers(const v1::Dashboard& d) {
  std::string ids;
  for (const auto id : d.claims_without_source_ids()) {
    ids += (ids.empty() ? "#" : ", #") + std::to_string(id);
  }
  std::cout << fmt::format("\nClaims without a source: {}{}\n", d.claims_without_source(),
                           ids.empty() ? "" : " (" + ids + ")");
  std::cout << fmt::format("Median time to resolution: {} over {} resolved claims\n",
                           d.resolved_claims() == 0
                               ? std::string("-")
                               : Age(static_cast<std::int64_t>(d.median_seconds_to_resolution())),
                           d.resolved_claims());

  std::cout << "\nVerdicts per speaker\n";
  Table speakers({"SPEAKER", "CLAIMS", "VERDICTS"});
  for (const auto& s : d.speakers()) {
    std::string mix;
    for (const auto& v : s.verdicts()) {
      mix += (mix.empty() ? "" : ", ") + fmt::format("{} {}", v.label(), v.count());
    }
    speakers.Add({s.speaker(), std::to_string(s.claims()), mix});
  }
  speakers.Print(std::cout, 2);
}

// What the desk made of the scorer's suggestions, and where it missed.
void PrintSuggestions(const v1::SuggestionCounts& s) {
  std::cout << fmt::format("\nSuggestions: {} accepted, {} dismissed, {} open\n", s.accepted(),
                           s.dismissed(), s.open());
  std::string ids;
  for (const auto id : s.claims_ranked_low_ids()) {
    ids += (ids.empty() ? "#" : ", #") + std::to_string(id);
  }
  std::cout << fmt::format("Claims on sentences the scorer ranked low: {}{}\n",
                           s.claims_ranked_low(), ids.empty() ? "" : " (" + ids + ")");
}

// How a transcript opened live is keeping up (only such a transcript's dashboard has it).
void PrintLive(const v1::LiveProgress& live) {
  std::cout << fmt::format(
      "\nLive transcript: {}, {} segments in{}\n", v1::EnumText(live.state()), live.segments(),
      live.has_last_segment_at() ? ", the last at " + IsoDateTime(live.last_segment_at())
                                 : std::string());
  std::cout << fmt::format(
      "Claims marked: {}; median time from a segment's arrival to its first claim: {}\n",
      live.claims_marked(),
      live.claims_marked() == 0 ? std::string("-")
                                : Age(static_cast<std::int64_t>(live.median_seconds_to_mark())));
  std::cout << fmt::format("Corrected segments: {}; claims whose quote a correction changed: {}\n",
                           live.corrected_segments(), live.claims_quote_changed());
}

Status Dashboard(Context& ctx, const DashboardOptions& o) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::GetDashboardRequest req;
  req.set_workspace_id(ws.id());
  req.set_transcript_id(o.transcript_id);
  FD_ASSIGN_OR_RETURN(const v1::Dashboard d,
                      api->Call(&v1::DashboardService::Stub::GetDashboard, req));
  if (ctx.json()) {
    PrintJson(ToJson(d));
    return Status::Ok();
  }
  std::cout << fmt::format(
      "Dashboard of {}{}, as of event {} ({})\n", ws.slug(),
      o.transcript_id != 0 ? fmt::format(", transcript {}", o.transcript_id) : std::string(),
      d.as_of_seq(), IsoDateTime(d.computed_at()));
  if (d.has_live()) PrintLive(d.live());
  PrintStatesAndVerdicts(d);
  PrintCheckersAndDisputes(d);
  PrintGapsAndSpeakers(d);
  PrintSuggestions(d.suggestions());
  return Status::Ok();
}

}  // namespace

void AddDashboardCommands(Context& ctx, CLI::App& app) {
  auto o = std::make_shared<DashboardOptions>();
  auto* cmd = ctx.Command(app, "dashboard", "Where the review of a workspace stands",
                          [&ctx, o] { return Dashboard(ctx, *o); });
  ctx.AddWorkspaceOption(cmd);
  cmd->add_option("--transcript", o->transcript_id, "Only this transcript");
  ctx.AddJsonFlag(cmd);
}

}  // namespace factdesk::cli
