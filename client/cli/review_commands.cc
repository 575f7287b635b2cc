// review submit/list, dispute list/show/decide.
#include <algorithm>
#include <iostream>

#include <fmt/format.h>

#include "client/cli/claim_view.h"
#include "client/cli/context.h"
#include "client/cli/output.h"
#include "client/cli/precheck.h"
#include "proto/claim_checks.h"
#include "proto/workflow_requests.h"

namespace factdesk::cli {
namespace {

using RS = v1::ReviewService::Stub;

v1::GetClaimRequest ClaimRequest(std::int64_t claim_id) {
  v1::GetClaimRequest req;
  req.set_claim_id(claim_id);
  return req;
}

// "waiting for 1 more independent review": what the claim needs next, so nobody has to
// guess after their part is done.
Status PrintWaitingFor(CommandClient& api, const v1::Claim& claim) {
  FD_ASSIGN_OR_RETURN(const std::string waiting, WaitingForNow(api, claim));
  if (!waiting.empty()) std::cout << waiting << "\n";
  return Status::Ok();
}

// The open dispute to decide: by its id, or the one on --claim. Dispute ids are not claim
// ids, so a dispute id that is not found says how to name the claim instead.
Result<v1::Dispute> DisputeToDecide(CommandClient& api, std::int64_t dispute_id,
                                    std::int64_t claim_id) {
  v1::GetDisputeRequest get;
  get.set_dispute_id(dispute_id);
  get.set_claim_id(claim_id);
  auto found = api.Call(&RS::GetDispute, get);
  if (!found.ok() && found.status().code() == Code::kNotFound && dispute_id != 0) {
    return Status::NotFound(fmt::format(
        "{} (dispute ids are not claim ids: `dispute decide --claim {}` decides claim {}'s "
        "dispute; `dispute list --open` lists the disputes)",
        found.status().message(), dispute_id, dispute_id));
  }
  return found;
}

struct ReviewOptions {
  std::int64_t id = 0;  // claim id (review), dispute id (dispute show/decide)
  std::int64_t claim_id = 0;
  std::string verdict;
  std::string rationale;
  std::string confidence;
  std::int64_t version = -1;
  bool open_only = false;
  std::int64_t transcript_id = 0;
};

Status Submit(Context& ctx, const ReviewOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::SubmitReviewRequest req;
  req.set_claim_id(o.id);
  req.set_verdict(o.verdict);
  req.set_rationale(o.rationale);
  req.set_confidence(*v1::EnumFromText<v1::Confidence>(o.confidence));
  req.set_expected_version(std::max<std::int64_t>(o.version, 0));  // looked up below when < 0
  // What the server would refuse first is refused here, without sending (Precheck).
  FD_RETURN_IF_ERROR(v1::CheckedRequest(req).status());
  FD_ASSIGN_OR_RETURN(const v1::Claim claim,
                      api->Call(&v1::ClaimService::Stub::GetClaim, ClaimRequest(o.id)));
  FD_RETURN_IF_ERROR(Precheck(*api, claim, domain::Action::kSubmitReview));
  std::int64_t version = o.version;
  if (version < 0) {
    // Revising: name the version of the review we already submitted, if any.
    FD_ASSIGN_OR_RETURN(const v1::User me, api->Me());
    v1::ListReviewsRequest list;
    list.set_claim_id(o.id);
    FD_ASSIGN_OR_RETURN(const auto reviews, api->Call(&RS::ListReviews, list));
    version = 0;
    for (const auto& r : reviews.reviews()) {
      if (r.reviewer().id() == me.id()) version = r.version();
    }
  }
  req.set_expected_version(version);
  std::string current_bin;
  auto resp = api->Call(&RS::SubmitReview, req, {.current_bin = &current_bin});
  if (!resp.ok()) return WithCurrentReview(resp.status(), current_bin);
  if (ctx.json()) {
    PrintJson(ToJson(*resp));
  } else {
    std::cout << fmt::format("{} review {} (version {}): {}\n",
                             version == 0 ? "submitted" : "revised", resp->review().id(),
                             resp->review().version(), resp->review().verdict().label())
              << ClaimLine(resp->claim()) << "\n";
    FD_RETURN_IF_ERROR(PrintWaitingFor(*api, resp->claim()));
  }
  return Status::Ok();
}

Status ListReviews(Context& ctx, const ReviewOptions& o) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::ListReviewsRequest req;
  req.set_claim_id(o.id);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&RS::ListReviews, req));
  if (ctx.json()) {
    PrintJson(ToJsonArray(resp.reviews()));
  } else {
    PrintReviews(resp.reviews(), 0);
  }
  return Status::Ok();
}

Status ListDisputes(Context& ctx, const ReviewOptions& o) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::ListDisputesRequest req;
  req.set_workspace_id(ws.id());
  req.set_open_only(o.open_only);
  req.set_transcript_id(o.transcript_id);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&RS::ListDisputes, req));
  if (ctx.json()) {
    PrintJson(ToJsonArray(resp.disputes()));
    return Status::Ok();
  }
  Table table({"ID", "CLAIM", "STATUS", "OPENED", "RESOLUTION", "VERDICT", "WAITING FOR"});
  for (const auto& d : resp.disputes()) {
    table.Add({std::to_string(d.id()), std::to_string(d.claim_id()), Upper(d.status()),
               IsoDateTime(d.opened_at()),
               d.resolution() == v1::DISPUTE_RESOLUTION_UNSPECIFIED ? "" : Lower(d.resolution()),
               d.final_verdict().label(), d.waiting_for()});
  }
  table.Print(std::cout);
  return Status::Ok();
}

Status ShowDispute(Context& ctx, const ReviewOptions& o) {
  if ((o.id == 0) == (o.claim_id == 0)) UsageError("give a DISPUTE_ID or --claim CLAIM_ID");
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::GetDisputeRequest req;
  req.set_dispute_id(o.id);
  req.set_claim_id(o.claim_id);
  FD_ASSIGN_OR_RETURN(const v1::Dispute d, api->Call(&RS::GetDispute, req));
  if (ctx.json()) {
    PrintJson(ToJson(d));
    return Status::Ok();
  }
  std::cout << fmt::format("Dispute {} on claim {}  {}  opened {}\n", d.id(), d.claim_id(),
                           Upper(d.status()), IsoDateTime(d.opened_at()));
  if (d.has_claim()) {
    std::cout << fmt::format("  {}: {}\n", d.claim().claimant(), Quoted(d.claim().quote(), 200));
  }
  if (d.status() == v1::DISPUTE_STATUS_CLOSED) {
    std::cout << fmt::format(
        "  closed {} by {}: {}{}\n", IsoDateTime(d.closed_at()), Lower(d.resolution()),
        d.final_verdict().label(),
        d.decided_by().handle().empty() ? "" : " (" + d.decided_by().handle() + ")");
    if (!d.reasoning().empty()) std::cout << "  reasoning: " << d.reasoning() << "\n";
  } else if (!d.waiting_for().empty()) {
    std::cout << "  waiting for " << d.waiting_for() << "\n";
  }
  // The verdicts side by side, then each rationale in full.
  std::cout << "\nVerdicts\n";
  Table table({"REVIEWER", "VERDICT", "CONFIDENCE", "SUBMITTED"});
  for (const auto& r : d.reviews()) {
    if (r.hidden()) {
      table.Add({r.reviewer().handle(), "(hidden until you submit your own)", "", ""});
    } else {
      table.Add({r.reviewer().handle(), r.verdict().label(), Lower(r.confidence()),
                 IsoDateTime(r.submitted_at())});
    }
  }
  table.Print(std::cout, 2);
  std::cout << "\nRationales\n";
  PrintReviews(d.reviews(), 2);
  std::cout << fmt::format("\nSources ({})\n", d.sources_size());
  if (!d.sources().empty()) PrintSources(d.sources(), 2);
  return Status::Ok();
}

Status Decide(Context& ctx, const ReviewOptions& o) {
  if ((o.id == 0) == (o.claim_id == 0)) UsageError("give a DISPUTE_ID or --claim CLAIM_ID");
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::DecideDisputeRequest req;
  req.set_dispute_id(o.id != 0 ? o.id : 1);  // the request is checked before the lookup
  req.set_verdict(o.verdict);
  req.set_reasoning(o.rationale);
  // What the server would refuse first is refused here, without sending (Precheck): the
  // dispute brings its claim and the reviews the caller can see.
  FD_RETURN_IF_ERROR(v1::CheckedRequest(req).status());
  FD_ASSIGN_OR_RETURN(const v1::Dispute open, DisputeToDecide(*api, o.id, o.claim_id));
  req.set_dispute_id(open.id());
  const std::vector<const v1::Review*> reviews(open.reviews().pointer_begin(),
                                               open.reviews().pointer_end());
  FD_RETURN_IF_ERROR(Precheck(*api, open.claim(), domain::Action::kDecideDispute, std::nullopt,
                              v1::VotesOf(reviews)));
  FD_ASSIGN_OR_RETURN(const v1::Dispute d, api->Call(&RS::DecideDispute, req));
  if (ctx.json()) {
    PrintJson(ToJson(d));
  } else {
    std::cout << fmt::format("decided dispute {} on claim {}: {}\n", d.id(), d.claim_id(),
                             d.final_verdict().label());
    if (d.has_claim()) FD_RETURN_IF_ERROR(PrintWaitingFor(*api, d.claim()));
  }
  return Status::Ok();
}

}  // namespace

void AddReviewCommands(Context& ctx, CLI::App& app) {
  auto o = std::make_shared<ReviewOptions>();
  auto* review = ctx.Group(app, "review", "Independent verdicts on claims");
  {
    auto* cmd = ctx.Command(*review, "submit", "Submit or revise your review of a claim",
                            [&ctx, o] { return Submit(ctx, *o); });
    cmd->add_option("CLAIM_ID", o->id, "Claim id")->required();
    cmd->add_option("--verdict", o->verdict, "A label of the workspace's rating scale")->required();
    cmd->add_option("--rationale", o->rationale, "Why (Markdown)")->required();
    cmd->add_option("--confidence", o->confidence, "low, medium or high")
        ->required()
        ->check(CLI::IsMember({"low", "medium", "high"}, CLI::ignore_case));
    cmd->add_option("--version", o->version,
                    "Your review's version when revising (default: looked up; 0 = first review)");
    ctx.AddJsonFlag(cmd);
  }
  {
    auto* cmd = ctx.Command(*review, "list", "A claim's reviews (blind rule applied)",
                            [&ctx, o] { return ListReviews(ctx, *o); });
    cmd->add_option("CLAIM_ID", o->id, "Claim id")->required();
    ctx.AddJsonFlag(cmd);
  }
  auto* dispute = ctx.Group(app, "dispute", "Claims whose reviews disagree");
  {
    auto* cmd = ctx.Command(*dispute, "list", "A workspace's disputes",
                            [&ctx, o] { return ListDisputes(ctx, *o); });
    ctx.AddWorkspaceOption(cmd);
    cmd->add_flag("--open", o->open_only, "Only open disputes");
    cmd->add_option("--transcript", o->transcript_id, "Only this transcript");
    ctx.AddJsonFlag(cmd);
  }
  {
    auto* cmd =
        ctx.Command(*dispute, "show", "A dispute: verdicts, rationales and sources side by side",
                    [&ctx, o] { return ShowDispute(ctx, *o); });
    auto* id = cmd->add_option("DISPUTE_ID", o->id, "Dispute id");
    cmd->add_option("--claim", o->claim_id, "The newest dispute of this claim")->excludes(id);
    ctx.AddJsonFlag(cmd);
  }
  {
    auto* cmd = ctx.Command(*dispute, "decide", "End a dispute with a final verdict (editor)",
                            [&ctx, o] { return Decide(ctx, *o); });
    auto* id = cmd->add_option("DISPUTE_ID", o->id, "Dispute id (not a claim id)");
    cmd->add_option("--claim", o->claim_id, "Decide this claim's open dispute")->excludes(id);
    cmd->add_option("--verdict", o->verdict, "A label of the current rating scale")->required();
    cmd->add_option("--reasoning", o->rationale, "Why (required)")->required();
    ctx.AddJsonFlag(cmd);
  }
}

}  // namespace factdesk::cli
