// policy set, scale show/set, publisher set (workspace settings; admin).
#include <iostream>

#include <fmt/format.h>

#include "client/cli/context.h"
#include "client/cli/output.h"

namespace factdesk::cli {
namespace {

using WS = v1::WorkspaceService::Stub;

struct SettingsOptions {
  std::optional<int> required_reviews;
  std::string require_source;
  std::string dispute_rule;
  std::string file;
  std::string name;
  std::string url;
  std::string claim_url_prefix;
};

void PrintPolicy(const v1::ReviewPolicy& p) {
  std::cout << fmt::format("required reviews: {}\nrequire a source: {}\ndispute rule:     {}\n",
                           p.required_reviews(), p.require_source() ? "yes" : "no",
                           p.dispute_rule() == v1::DISPUTE_RULE_MAJORITY ? "majority" : "editor");
}

Status SetPolicy(Context& ctx, const SettingsOptions& o) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  // Change only what was given; the rest stays as it is.
  v1::UpdatePolicyRequest req;
  req.set_workspace_id(ws.id());
  *req.mutable_policy() = ws.policy();
  if (o.required_reviews) req.mutable_policy()->set_required_reviews(*o.required_reviews);
  if (!o.require_source.empty())
    req.mutable_policy()->set_require_source(o.require_source == "yes");
  if (!o.dispute_rule.empty()) {
    req.mutable_policy()->set_dispute_rule(
        o.dispute_rule == "majority" ? v1::DISPUTE_RULE_MAJORITY : v1::DISPUTE_RULE_EDITOR_DECIDES);
  }
  FD_ASSIGN_OR_RETURN(const v1::Workspace updated, api->Call(&WS::UpdatePolicy, req));
  if (ctx.json()) {
    PrintJson(ToJson(updated.policy()));
  } else {
    PrintPolicy(updated.policy());
  }
  return Status::Ok();
}

void PrintScale(Context& ctx, const v1::RatingScale& scale) {
  if (ctx.json()) {
    PrintJson(ToJson(scale));
    return;
  }
  Table table({"LABEL", "VALUE", "DESCRIPTION"});
  for (const auto& l : scale.labels()) {
    table.Add({l.label(), l.ordered() ? fmt::format("{:g}", l.value()) : "-", l.description()});
  }
  table.Print(std::cout);
  std::cout << fmt::format("best {:g}, worst {:g}\n", scale.best(), scale.worst());
}

Status ShowScale(Context& ctx) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  PrintScale(ctx, ws.rating_scale());
  return Status::Ok();
}

// The scale file: [{"label": "True", "value": 5, "description": "..."}, ...]; a label
// without "value" (or with "ordered": false) is outside the ordered scale. What
// `scale show --json` prints ({"labels": [...], ...}) is read too, so a scale can be
// saved, edited and set again.
Result<v1::SetRatingScaleRequest> ReadScale(const std::string& path) {
  FD_ASSIGN_OR_RETURN(const std::string text, ReadInputFile("--file", path));
  auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (json.is_object() && json.contains("labels")) json = json["labels"];
  if (!json.is_array()) {
    return Status::InvalidArgument(
        "--file", path + " must hold a JSON array of {\"label\", \"value\"?, \"description\"}");
  }
  v1::SetRatingScaleRequest req;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const auto& item = json[i];
    const auto label = item.is_object() ? item.find("label") : item.end();
    if (!item.is_object() || label == item.end() || !label->is_string()) {
      return Status::InvalidArgument("--file", fmt::format("entry {} needs a string \"label\"", i));
    }
    auto* out = req.add_labels();
    out->set_label(label->get<std::string>());
    const auto ordered = item.find("ordered");
    const bool unordered = ordered != item.end() && ordered->is_boolean() && !ordered->get<bool>();
    if (const auto v = item.find("value"); v != item.end() && !v->is_null() && !unordered) {
      if (!v->is_number()) {
        return Status::InvalidArgument("--file",
                                       fmt::format("entry {}: \"value\" must be a number", i));
      }
      out->set_ordered(true);
      out->set_value(v->get<double>());
    }
    if (const auto d = item.find("description"); d != item.end() && d->is_string()) {
      out->set_description(d->get<std::string>());
    }
  }
  return req;
}

Status SetScale(Context& ctx, const SettingsOptions& o) {
  FD_ASSIGN_OR_RETURN(v1::SetRatingScaleRequest req, ReadScale(o.file));
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  req.set_workspace_id(ws.id());
  FD_ASSIGN_OR_RETURN(const v1::Workspace updated, api->Call(&WS::SetRatingScale, req));
  PrintScale(ctx, updated.rating_scale());
  return Status::Ok();
}

Status SetPublisher(Context& ctx, const SettingsOptions& o) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  // The publisher is replaced as a whole: options not given are cleared.
  v1::UpdatePublisherRequest req;
  req.set_workspace_id(ws.id());
  req.mutable_publisher()->set_name(o.name);
  req.mutable_publisher()->set_url(o.url);
  req.mutable_publisher()->set_claim_url_prefix(o.claim_url_prefix);
  FD_ASSIGN_OR_RETURN(const v1::Workspace updated, api->Call(&WS::UpdatePublisher, req));
  if (ctx.json()) {
    PrintJson(ToJson(updated.publisher()));
  } else {
    const auto& p = updated.publisher();
    std::cout << fmt::format(
        "publisher: {}{}{}\n", p.name(), p.url().empty() ? "" : " " + p.url(),
        p.claim_url_prefix().empty() ? "" : " (claims at " + p.claim_url_prefix() + "ID)");
  }
  return Status::Ok();
}

}  // namespace

void AddSettingsCommands(Context& ctx, CLI::App& app) {
  auto o = std::make_shared<SettingsOptions>();
  auto* policy = ctx.Group(app, "policy", "The workspace's review rules (admin)");
  {
    auto* cmd = ctx.Command(*policy, "set", "Change the review policy",
                            [&ctx, o] { return SetPolicy(ctx, *o); });
    ctx.AddWorkspaceOption(cmd);
    cmd->add_option("--required-reviews", o->required_reviews,
                    "Independent reviews that must agree (1-10)");
    cmd->add_option("--require-source", o->require_source, "yes or no")
        ->check(CLI::IsMember({"yes", "no"}, CLI::ignore_case));
    cmd->add_option("--dispute-rule", o->dispute_rule, "editor or majority")
        ->check(CLI::IsMember({"editor", "majority"}, CLI::ignore_case));
    ctx.AddJsonFlag(cmd);
  }
  auto* scale = ctx.Group(app, "scale", "The workspace's verdict labels");
  {
    auto* cmd =
        ctx.Command(*scale, "show", "Print the rating scale", [&ctx] { return ShowScale(ctx); });
    ctx.AddWorkspaceOption(cmd);
    ctx.AddJsonFlag(cmd);
  }
  {
    auto* cmd = ctx.Command(*scale, "set", "Replace the rating scale (admin)",
                            [&ctx, o] { return SetScale(ctx, *o); });
    ctx.AddWorkspaceOption(cmd);
    cmd->add_option("--file", o->file,
                    "JSON array of {\"label\", \"value\" (omit for unordered), \"description\"}, "
                    "or what `scale show --json` prints")
        ->required();
    ctx.AddJsonFlag(cmd);
  }
  auto* publisher = ctx.Group(app, "publisher", "Who publishes the workspace's checks");
  {
    auto* cmd = ctx.Command(*publisher, "set", "Set the publisher (admin; replaces all fields)",
                            [&ctx, o] { return SetPublisher(ctx, *o); });
    ctx.AddWorkspaceOption(cmd);
    cmd->add_option("--name", o->name, "Organization name")->required();
    cmd->add_option("--url", o->url, "Home page");
    cmd->add_option("--claim-url-prefix", o->claim_url_prefix,
                    "Prefix of a published claim's page (the claim id is appended)");
    ctx.AddJsonFlag(cmd);
  }
}

}  // namespace factdesk::cli
