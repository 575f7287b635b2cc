// archive import|list|show|remove, match: other fact-checkers' published checks, and
// "checked before?" for a piece of text.
#include <fstream>
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "archive/claimreview_reader.h"
#include "client/cli/context.h"
#include "client/cli/output.h"
#include "proto/archived_check.h"

namespace factdesk::cli {
namespace {

using AS = v1::ArchiveService::Stub;

// Checks per ImportArchive call (the server takes at most 1,000).
constexpr std::size_t kBatch = 500;

struct ImportOptions {
  std::string file;
  bool strict = false;
};

struct ImportTotals {
  v1::ImportArchiveResponse sent;
  std::size_t batches = 0;
};

Status SendBatch(CommandClient& api, v1::ImportArchiveRequest& batch, ImportTotals& totals) {
  if (batch.checks().empty()) return Status::Ok();
  FD_ASSIGN_OR_RETURN(const auto resp, api.Call(&AS::ImportArchive, batch));
  totals.sent.set_created(totals.sent.created() + resp.created());
  totals.sent.set_updated(totals.sent.updated() + resp.updated());
  totals.sent.set_unchanged(totals.sent.unchanged() + resp.unchanged());
  ++totals.batches;
  batch.clear_checks();
  if (StdoutIsTerminal()) {
    std::cerr << fmt::format("\r{} checks sent", totals.sent.created() + totals.sent.updated() +
                                                     totals.sent.unchanged())
              << std::flush;
  }
  return Status::Ok();
}

// --strict: the whole file is read once without sending, so a malformed item anywhere
// refuses it before any batch is committed.
Status CheckWholeFile(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::InvalidArgument("FILE", "cannot read " + file);
  archive::ReadOptions options;
  options.strict = true;
  return archive::ReadClaimReviews(
             in, [](const archive::ArchivedCheck&) { return Status::Ok(); }, options)
      .status();
}

// Reads the file as it streams (the reader never holds it whole) and sends it in batches.
// Batches are committed one by one: a failed import can be run again, as a re-import
// updates in place.
Status Import(Context& ctx, const ImportOptions& o) {
  if (o.strict) FD_RETURN_IF_ERROR(CheckWholeFile(o.file));
  std::ifstream in(o.file, std::ios::binary);
  if (!in) return Status::InvalidArgument("FILE", "cannot read " + o.file);
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::ImportArchiveRequest batch;
  batch.set_workspace_id(ws.id());
  ImportTotals totals;
  archive::ReadOptions options;
  options.strict = o.strict;
  const auto summary = archive::ReadClaimReviews(
      in,
      [&](archive::ArchivedCheck check) {
        *batch.add_checks() = v1::ToProto(check);
        return batch.checks_size() >= static_cast<int>(kBatch) ? SendBatch(*api, batch, totals)
                                                               : Status::Ok();
      },
      options);
  if (!summary.ok()) return summary.status();
  FD_RETURN_IF_ERROR(SendBatch(*api, batch, totals));
  if (StdoutIsTerminal()) std::cerr << "\n";
  if (ctx.json()) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& e : summary->errors) {
      errors.push_back({{"position", e.position}, {"message", e.message}});
    }
    PrintJson({{"created", totals.sent.created()},
               {"updated", totals.sent.updated()},
               {"unchanged", totals.sent.unchanged()},
               {"malformed", summary->malformed},
               {"ignored", summary->ignored},
               {"errors", errors}});
    return Status::Ok();
  }
  std::cout << fmt::format(
      "{}: {} checks read; {} new, {} updated, {} unchanged; {} malformed skipped\n", ws.slug(),
      summary->read, totals.sent.created(), totals.sent.updated(), totals.sent.unchanged(),
      summary->malformed);
  for (const auto& e : summary->errors) {
    std::cout << fmt::format("  item {}: {}\n", e.position, e.message);
  }
  if (summary->errors.size() < summary->malformed) {
    std::cout << fmt::format("  ... and {} more\n", summary->malformed - summary->errors.size());
  }
  return Status::Ok();
}

std::string Verdict(const v1::ArchivedCheck& c) {
  return c.rating_name().empty() ? c.rating_value() : c.rating_name();
}

Status List(Context& ctx) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::ListArchiveRequest req;
  req.set_workspace_id(ws.id());
  req.set_page_size(500);
  FD_ASSIGN_OR_RETURN(const auto checks,
                      api->All(&AS::ListArchive, req, &v1::ListArchiveResponse::checks));
  if (ctx.json()) {
    PrintJson(ToJsonArray(checks));
    return Status::Ok();
  }
  Table table({"ID", "PUBLISHED", "BY", "VERDICT", "CLAIM"});
  for (const auto& c : checks) {
    table.Add({std::to_string(c.id()), c.date_published(), Shorten(c.author_name(), 20),
               Shorten(Verdict(c), 16), Shorten(c.claim_reviewed(), 60)});
  }
  table.Print(std::cout);
  return Status::Ok();
}

void PrintCheck(const v1::ArchivedCheck& c) {
  Table fields({});
  fields.Add({"Claim:", c.claim_reviewed()});
  if (!c.claimant().empty()) fields.Add({"Claimant:", c.claimant()});
  if (!c.claim_date().empty()) fields.Add({"Claimed:", c.claim_date()});
  fields.Add({"Verdict:", Verdict(c)});
  if (!c.headline().empty()) fields.Add({"Headline:", c.headline()});
  fields.Add(
      {"Checked by:", c.author_name() + (c.author_url().empty() ? "" : " " + c.author_url())});
  fields.Add({"Published:", c.date_published()});
  fields.Add({"URL:", c.url()});
  for (const auto& a : c.appearances()) fields.Add({"Appeared:", a});
  if (!c.in_language().empty()) fields.Add({"Language:", c.in_language()});
  fields.Add({"Imported:", IsoDateTime(c.imported_at())});
  fields.Print(std::cout, 2);
}

Status Show(Context& ctx, std::int64_t id) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::GetArchivedCheckRequest req;
  req.set_id(id);
  FD_ASSIGN_OR_RETURN(const auto check, api->Call(&AS::GetArchivedCheck, req));
  if (ctx.json()) {
    PrintJson(ToJson(check));
    return Status::Ok();
  }
  std::cout << fmt::format("Archived check {}\n", check.id());
  PrintCheck(check);
  return Status::Ok();
}

Status Remove(Context& ctx, std::int64_t id) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::RemoveArchivedCheckRequest req;
  req.set_id(id);
  FD_RETURN_IF_ERROR(api->Call(&AS::RemoveArchivedCheck, req).status());
  std::cout << fmt::format("removed archived check {}\n", id);
  return Status::Ok();
}

struct MatchOptions {
  std::string text;
  std::int64_t claim_id = 0;
  int limit = 5;
};

void PrintMatches(const google::protobuf::RepeatedPtrField<v1::CheckMatch>& matches) {
  Table table({"SCORE", "SOURCE", "ID", "VERDICT", "BY", "PUBLISHED", "CLAIM"});
  for (const auto& m : matches) {
    const auto& c = m.check();
    const std::string source =
        c.claim_id() != 0 ? fmt::format("claim {}", c.claim_id()) : m.source();
    table.Add({fmt::format("{:.1f}", m.score()), source, std::to_string(c.id()),
               Shorten(Verdict(c), 16), Shorten(c.author_name(), 20), c.date_published(),
               Shorten(c.claim_reviewed(), 60)});
  }
  table.Print(std::cout);
}

// The matches the server found for a claim when it was marked ("checked before?").
Status ClaimMatches(Context& ctx, std::int64_t claim_id) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::ListClaimMatchesRequest req;
  req.set_claim_id(claim_id);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&AS::ListClaimMatches, req));
  if (ctx.json()) {
    PrintJson({{"matched", resp.matched()}, {"matches", ToJsonArray(resp.matches())}});
    return Status::Ok();
  }
  if (!resp.matched()) {
    std::cout << fmt::format("claim {} is not matched yet; the server matches it shortly\n",
                             claim_id);
  } else if (resp.matches().empty()) {
    std::cout << fmt::format("no earlier check of claim {} was found\n", claim_id);
  } else {
    PrintMatches(resp.matches());
    std::cout << fmt::format("\nfactdesk claim link {} --check ID  records the same claim\n",
                             claim_id);
  }
  return Status::Ok();
}

Status Match(Context& ctx, const MatchOptions& o) {
  if (o.claim_id != 0) return ClaimMatches(ctx, o.claim_id);
  if (o.text.empty()) UsageError("give --text (what to match) or --claim (a claim's matches)");
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::MatchChecksRequest req;
  req.set_workspace_id(ws.id());
  req.set_text(o.text);
  req.set_limit(o.limit);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&AS::MatchChecks, req));
  if (ctx.json()) {
    PrintJson(ToJsonArray(resp.matches()));
    return Status::Ok();
  }
  if (resp.matches().empty()) {
    std::cout << "no earlier check shares a word with this text\n";
    return Status::Ok();
  }
  PrintMatches(resp.matches());
  return Status::Ok();
}

}  // namespace

void AddArchiveCommands(Context& ctx, CLI::App& app) {
  auto* archive = ctx.Group(
      app, "archive", "Past checks: other fact-checkers' (ClaimReview) and this desk's published");
  auto import = std::make_shared<ImportOptions>();
  auto* imp = ctx.Command(*archive, "import",
                          "Import ClaimReview JSON-LD (one, an array, an @graph or a DataFeed); "
                          "a check already there (same url) is updated",
                          [&ctx, import] { return Import(ctx, *import); });
  imp->add_option("FILE", import->file, "The JSON-LD file")->required();
  imp->add_flag("--strict", import->strict, "Refuse the file at its first malformed item");
  ctx.AddWorkspaceOption(imp);
  ctx.AddJsonFlag(imp);

  auto* list =
      ctx.Command(*archive, "list", "The archive, newest first", [&ctx] { return List(ctx); });
  ctx.AddWorkspaceOption(list);
  ctx.AddJsonFlag(list);

  auto id = std::make_shared<std::int64_t>(0);
  auto* show =
      ctx.Command(*archive, "show", "One archived check", [&ctx, id] { return Show(ctx, *id); });
  show->add_option("ID", *id, "From `factdesk archive list`")->required();
  ctx.AddJsonFlag(show);
  auto* remove = ctx.Command(*archive, "remove", "Remove a check from the archive (editors)",
                             [&ctx, id] { return Remove(ctx, *id); });
  remove->add_option("ID", *id, "From `factdesk archive list`")->required();

  auto match = std::make_shared<MatchOptions>();
  auto* m = ctx.Command(app, "match", "Earlier checks of the same claim, best first",
                        [&ctx, match] { return Match(ctx, *match); });
  auto* text = m->add_option("--text", match->text, "The claim, sentence or post to match");
  auto* claim = m->add_option("--claim", match->claim_id,
                              "A claim's matches, as the server found them when it was marked");
  text->excludes(claim);
  m->add_option("--limit", match->limit, "How many (default 5, at most 50)")
      ->check(CLI::Range(1, 50))
      ->excludes(claim);
  ctx.AddWorkspaceOption(m);
  ctx.AddJsonFlag(m);
}

}  // namespace factdesk::cli
