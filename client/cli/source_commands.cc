// source add/list/remove.
#include <iostream>

#include <fmt/format.h>

#include "client/cli/claim_view.h"
#include "client/cli/context.h"
#include "client/cli/output.h"
#include "client/cli/precheck.h"
#include "proto/workflow_requests.h"

namespace factdesk::cli {
namespace {

using SS = v1::SourceService::Stub;

struct SourceOptions {
  std::int64_t id = 0;  // claim id (add, list) or source id (remove)
  std::string url, stance, title, publisher, excerpt, archived_url;
  bool primary = false;
  bool all = false;
};

void PrintSource(Context& ctx, const v1::Source& s, const char* verb) {
  if (ctx.json()) {
    PrintJson(ToJson(s));
  } else {
    std::cout << fmt::format("{} source {} on claim {}: {} {}\n", verb, s.id(), s.claim_id(),
                             Upper(s.stance()), s.url());
  }
}

Status Add(Context& ctx, const SourceOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::AddSourceRequest req;
  req.set_claim_id(o.id);
  req.set_url(o.url);
  req.set_stance(*v1::EnumFromText<v1::Stance>(o.stance));
  req.set_title(o.title);
  req.set_publisher(o.publisher);
  req.set_excerpt(o.excerpt);
  req.set_archived_url(o.archived_url);
  req.set_primary(o.primary);
  // What the server would refuse first is refused here, without sending (Precheck).
  FD_RETURN_IF_ERROR(v1::CheckedRequest(req).status());
  v1::GetClaimRequest get;
  get.set_claim_id(o.id);
  FD_ASSIGN_OR_RETURN(const v1::Claim claim, api->Call(&v1::ClaimService::Stub::GetClaim, get));
  FD_RETURN_IF_ERROR(Precheck(*api, claim, domain::Action::kAddSource));
  FD_ASSIGN_OR_RETURN(const v1::Source s, api->Call(&SS::AddSource, req));
  PrintSource(ctx, s, "added");
  return Status::Ok();
}

Status List(Context& ctx, const SourceOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::ListSourcesRequest req;
  req.set_claim_id(o.id);
  req.set_include_removed(o.all);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&SS::ListSources, req));
  if (ctx.json()) {
    PrintJson(ToJsonArray(resp.sources()));
  } else {
    PrintSources(resp.sources(), 0);
  }
  return Status::Ok();
}

Status Remove(Context& ctx, const SourceOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::RemoveSourceRequest req;
  req.set_source_id(o.id);
  FD_ASSIGN_OR_RETURN(const v1::Source s, api->Call(&SS::RemoveSource, req));
  PrintSource(ctx, s, "removed");
  return Status::Ok();
}

}  // namespace

void AddSourceCommands(Context& ctx, CLI::App& app) {
  auto* source = ctx.Group(app, "source", "Evidence attached to claims");
  auto o = std::make_shared<SourceOptions>();
  {
    auto* cmd = ctx.Command(*source, "add", "Attach a source to a claim",
                            [&ctx, o] { return Add(ctx, *o); });
    cmd->add_option("CLAIM_ID", o->id, "Claim id")->required();
    cmd->add_option("--url", o->url, "http or https URL")->required();
    cmd->add_option("--stance", o->stance, "supports, refutes or context")
        ->required()
        ->check(CLI::IsMember({"supports", "refutes", "context"}, CLI::ignore_case));
    cmd->add_option("--title", o->title, "Title of the page or document");
    cmd->add_option("--publisher", o->publisher, "Who published it");
    cmd->add_option("--excerpt", o->excerpt, "The passage that matters");
    cmd->add_option("--archived-url", o->archived_url, "A copy in an archive");
    cmd->add_flag("--primary", o->primary, "A primary source (the original data or statement)");
    ctx.AddJsonFlag(cmd);
  }
  {
    auto* cmd = ctx.Command(*source, "list", "A claim's sources, oldest first",
                            [&ctx, o] { return List(ctx, *o); });
    cmd->add_option("CLAIM_ID", o->id, "Claim id")->required();
    cmd->add_flag("--all", o->all, "Include removed sources");
    ctx.AddJsonFlag(cmd);
  }
  {
    auto* cmd = ctx.Command(*source, "remove", "Remove a source (kept in the history)",
                            [&ctx, o] { return Remove(ctx, *o); });
    cmd->add_option("SOURCE_ID", o->id, "Source id")->required();
    ctx.AddJsonFlag(cmd);
  }
}

}  // namespace factdesk::cli
