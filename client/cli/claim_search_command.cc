// claims search: full-text search over a workspace's claims, with filters.
#include <ctime>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "client/cli/context.h"
#include "client/cli/output.h"
#include "client/cli/search_hits.h"
#include "domain/claim_tags.h"

namespace factdesk::cli {
namespace {

using CS = v1::ClaimService::Stub;

struct SearchOptions {
  std::string query;
  std::vector<std::string> statuses;
  std::string verdict;
  std::string speaker;
  std::int64_t transcript_id = 0;
  std::string tag;
  std::string since;
  std::string until;
  int limit = 20;
};

// YYYY-MM-DD as midnight UTC, `days_after` days later (--until names the last day).
google::protobuf::Timestamp ParseDay(const std::string& flag, const std::string& text,
                                     int days_after) {
  std::tm tm{};
  std::istringstream in(text);
  in >> std::get_time(&tm, "%Y-%m-%d");
  if (in.fail() || !in.eof()) UsageError(flag + ": must be a date as YYYY-MM-DD");
  google::protobuf::Timestamp t;
  t.set_seconds(timegm(&tm) + std::int64_t{days_after} * 86400);
  return t;
}

v1::SearchClaimsRequest BuildRequest(const SearchOptions& o, std::int64_t workspace_id) {
  v1::SearchClaimsRequest req;
  req.set_workspace_id(workspace_id);
  req.set_query(o.query);
  for (const auto& s : o.statuses) {
    std::string name = s;
    for (char& c : name) c = c == '-' ? '_' : static_cast<char>(std::toupper(c));
    req.add_statuses(*v1::EnumFromText<v1::ClaimStatus>(name));
  }
  req.set_verdict(o.verdict);
  req.set_speaker(o.speaker);
  req.set_transcript_id(o.transcript_id);
  req.set_tag(o.tag);
  if (!o.since.empty()) *req.mutable_since() = ParseDay("--since", o.since, 0);
  if (!o.until.empty()) *req.mutable_until() = ParseDay("--until", o.until, 1);
  req.set_page_size(std::min(o.limit, 100));
  return req;
}

// "summary", "source title", ...
std::string FieldName(v1::ClaimField field) {
  std::string name = Lower(field);
  for (char& c : name) c = c == '_' ? ' ' : c;
  return name;
}

void PrintHits(const std::vector<v1::ClaimSearchHit>& hits, int total) {
  const bool terminal = StdoutIsTerminal();
  Table table({"ID", "STATUS", "VERDICT", "CLAIMANT", "TAGS", "MATCHED", "SNIPPET"});
  for (const auto& h : hits) {
    const v1::Claim& c = h.claim();
    std::string tags;
    for (const auto& t : c.tags()) tags.append(tags.empty() ? "" : ",").append(t);
    table.Add({std::to_string(c.id()), Upper(c.status()), c.final_verdict().label(), c.claimant(),
               tags, FieldName(h.field()), RenderSnippet(h.snippet(), terminal)});
  }
  table.Print(std::cout, 0, TerminalWidth());
  std::cout << fmt::format("{} of {} claims\n", hits.size(), total);
}

Status Search(Context& ctx, const SearchOptions& o) {
  // The tag rule is the server's; a bad tag is refused before anything is sent.
  if (!o.tag.empty()) FD_RETURN_IF_ERROR(domain::CheckTag(o.tag));
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  const v1::SearchClaimsRequest req = BuildRequest(o, ws.id());
  SearchHits<v1::ClaimSearchHit> found;
  FD_RETURN_IF_ERROR(ReadSearchHits(*api, &CS::SearchClaims, req, o.limit, found));
  const std::vector<v1::ClaimSearchHit>& hits = found.hits;
  const int total = found.total;
  if (ctx.json()) {
    PrintJson({{"total", total}, {"hits", ToJsonArray(hits)}});
    return Status::Ok();
  }
  PrintHits(hits, total);
  return Status::Ok();
}

}  // namespace

void AddClaimSearchCommands(Context& ctx, CLI::App& app) {
  auto* claims = ctx.Group(app, "claims", "Search a workspace's claims");
  auto o = std::make_shared<SearchOptions>();
  auto* cmd = ctx.Command(*claims, "search",
                          "Full-text search over claims: quotes, summaries, review rationales, "
                          "notes and source titles",
                          [&ctx, o] { return Search(ctx, *o); });
  cmd->add_option("QUERY", o->query, "Words, \"quoted phrases\", -excluded, OR")->required();
  ctx.AddWorkspaceOption(cmd);
  cmd->add_option("--state", o->statuses, "Only these states (OPEN, IN_REVIEW, ...)")
      ->delimiter(',')
      ->check(CLI::IsMember(ClaimStatusNames(), CLI::ignore_case));
  cmd->add_option("--verdict", o->verdict, "Only claims with this final verdict");
  cmd->add_option("--speaker", o->speaker, "Only claims made by this claimant or speaker");
  cmd->add_option("-t,--transcript", o->transcript_id, "Only this transcript");
  cmd->add_option("--tag", o->tag, "Only claims with this tag");
  cmd->add_option("--since", o->since, "Only claims marked on or after this day (YYYY-MM-DD)");
  cmd->add_option("--until", o->until, "Only claims marked on or before this day (YYYY-MM-DD)");
  cmd->add_option("--limit", o->limit, "Claims to print (default 20)")->check(CLI::PositiveNumber);
  ctx.AddJsonFlag(cmd);
}

}  // namespace factdesk::cli
