#include "server/rpc/review_service.h"

#include <fmt/format.h>

#include "domain/blind_rule.h"
#include "domain/limits.h"
#include "domain/review_rules.h"
#include "proto/claim_checks.h"
#include "proto/domain_enums.h"
#include "proto/enum_text.h"
#include "proto/workflow_requests.h"
#include "server/rpc/authorize.h"
#include "server/rpc/blind_view.h"
#include "server/rpc/call.h"
#include "server/rpc/claim_mutation.h"
#include "server/rpc/record_access.h"
#include "server/rpc/request_checks.h"
#include "server/store/account_store.h"
#include "server/store/claim_store.h"
#include "server/store/review_store.h"
#include "server/store/scale_store.h"
#include "server/store/source_store.h"

namespace factdesk::rpc {
namespace {

using store::Tx;

std::string StateText(domain::ClaimState s) {
  return std::string(domain::StateName(s));
}

// Fills a dispute's side-by-side view: claim, reviews (blind rule applied), sources and
// what it waits for.
Status FillDispute(Tx& tx, domain::Role role, std::int64_t viewer_id, v1::Dispute* d) {
  FD_ASSIGN_OR_RETURN(*d->mutable_claim(), store::GetClaim(tx, d->claim_id()));
  FD_ASSIGN_OR_RETURN(auto reviews, VisibleReviews(tx, d->claim(), role, viewer_id));
  for (auto& r : reviews) *d->add_reviews() = std::move(r);
  FD_ASSIGN_OR_RETURN(auto sources, store::ListSources(tx, d->claim_id(), false));
  for (auto& s : sources) *d->add_sources() = std::move(s);
  if (d->status() == v1::DISPUTE_STATUS_OPEN) {
    FD_ASSIGN_OR_RETURN(const v1::Workspace w,
                        store::GetWorkspace(tx, d->workspace_id(), viewer_id));
    const auto outcome = domain::EvaluateReviews(
        v1::ToDomain(w.policy()), d->claim().created_by().id(), store::Votes(tx, d->claim_id()));
    d->set_waiting_for(outcome.waiting_for);
  }
  // A closed dispute of an earlier round says how it ended: as blind as the reviews.
  if (!MaySeeReviews(tx, d->claim(), role, viewer_id)) RedactDispute(d, viewer_id);
  return Status::Ok();
}

// A first review is sent with expected_version 0, a revision with the version it read.
Status CheckReviewVersion(Call& call, std::int64_t claim_id,
                          const std::optional<v1::Review>& existing, std::int64_t expected) {
  if (existing && expected != existing->version()) {
    if (expected == 0) {
      call.AttachCurrent(*existing);
      return Status::Aborted(
          fmt::format("you already reviewed claim {}; to revise it, send expected_version={}",
                      claim_id, existing->version()));
    }
    return StaleVersion(call, "review", existing->id(), expected, *existing, existing->version());
  }
  if (!existing && expected != 0) {
    return Status::InvalidArgument(
        "expected_version",
        fmt::format("you have no review of claim {} to revise; send 0", claim_id));
  }
  return Status::Ok();
}

// After a review is saved, the reviews decide the claim's state, and open or close its
// dispute; `event` carries the dispute that changed.
Status ApplyReviews(ClaimContext& c, v1::Event& event) {
  const v1::Claim& claim = c.claim;
  const v1::Workspace& w = *c.workspace;
  const store::ReviewStanding standing = store::ReadReviewStanding(c.tx, claim.id());
  const auto outcome =
      domain::EvaluateReviews(v1::ToDomain(w.policy()), claim.created_by().id(), standing.votes);
  const std::optional<v1::Dispute>& open = standing.open_dispute;
  if (outcome.dispute_open && !open) {
    FD_ASSIGN_OR_RETURN(*event.mutable_dispute(),
                        store::OpenDispute(c.tx, claim.workspace_id(), claim.id()));
  }
  store::ClaimStateChange change{.status = StateText(outcome.state)};
  if (outcome.state == domain::ClaimState::kResolved) {
    change.verdict = store::MakeVerdict(w.rating_scale(), *outcome.final_verdict);
    change.set_resolved_now = true;
    if (open) {
      store::DisputeClosing closing{std::string(domain::ResolutionName(outcome.resolution)),
                                    std::nullopt, change.verdict, ""};
      FD_ASSIGN_OR_RETURN(*event.mutable_dispute(), store::CloseDispute(c.tx, open->id(), closing));
    }
  }
  if (outcome.state != v1::StateOf(claim) || change.verdict) {
    // The change's last write: the claim as it now stands comes back with it.
    FD_ASSIGN_OR_RETURN(c.now, store::ChangeClaimStateAndRead(c.tx, claim.id(), change));
  }
  return Status::Ok();
}

}  // namespace

ReviewService::ReviewService(Runtime& rt) : rt_(rt) {}
ReviewService::~ReviewService() = default;

grpc::ServerUnaryReactor* ReviewService::SubmitReview(grpc::CallbackServerContext* ctx,
                                                      const v1::SubmitReviewRequest* req,
                                                      v1::SubmitReviewResponse* resp) {
  return Mutation(rt_, ctx, "SubmitReview", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(v1::CheckedRequest(*req).status());
    return MutateClaim(
        rt_, call, req->claim_id(), -1, domain::Action::kSubmitReview,
        [&](ClaimContext& c) -> Result<v1::Event> {
          const v1::Claim& claim = c.claim;
          const v1::Workspace& w = *c.workspace;  // read for the source rule
          FD_RETURN_IF_ERROR(
              domain::CheckVerdict(store::ToDomainScale(w.rating_scale()), req->verdict()));
          const auto existing = store::FindReview(c.tx, claim.id(), call.user_id());
          FD_RETURN_IF_ERROR(
              CheckReviewVersion(call, claim.id(), existing, req->expected_version()));
          store::ReviewInput input{
              claim.workspace_id(), claim.id(),
              call.user_id(),       store::MakeVerdict(w.rating_scale(), req->verdict()),
              req->rationale(),     v1::EnumText(req->confidence())};
          FD_ASSIGN_OR_RETURN(*resp->mutable_review(), store::SaveReview(c.tx, input, existing));
          v1::Event event =
              NewEvent(existing ? v1::EVENT_KIND_REVIEW_REVISED : v1::EVENT_KIND_REVIEW_SUBMITTED);
          *event.mutable_review() = resp->review();
          FD_RETURN_IF_ERROR(ApplyReviews(c, event));
          return event;
        },
        resp->mutable_claim());
  });
}

grpc::ServerUnaryReactor* ReviewService::ListReviews(grpc::CallbackServerContext* ctx,
                                                     const v1::ListReviewsRequest* req,
                                                     v1::ListReviewsResponse* resp) {
  return Unary(rt_, ctx, "ListReviews", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return rt_.db.Read("ListReviews", [&](Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(const ClaimAccess access,
                          AuthorizeClaim(tx, call, domain::Action::kRead, req->claim_id()));
      const domain::Role role = access.role;
      FD_ASSIGN_OR_RETURN(const v1::Claim claim, store::GetClaim(tx, req->claim_id()));
      FD_ASSIGN_OR_RETURN(auto reviews, VisibleReviews(tx, claim, role, call.user_id()));
      for (auto& r : reviews) *resp->add_reviews() = std::move(r);
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* ReviewService::GetDispute(grpc::CallbackServerContext* ctx,
                                                    const v1::GetDisputeRequest* req,
                                                    v1::Dispute* resp) {
  return Unary(rt_, ctx, "GetDispute", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return rt_.db.Read("GetDispute", [&](Tx& tx) -> Status {
      // Membership is judged before anything about the dispute is said (17.10).
      domain::Role role = domain::Role::kViewer;
      if (req->dispute_id() != 0) {
        const Result<v1::Dispute> found = store::GetDispute(tx, req->dispute_id());
        FD_ASSIGN_OR_RETURN(
            role, AuthorizeRecord(tx, WorkspaceOf(found), call, domain::Action::kRead, "dispute",
                                  req->dispute_id()));
        *resp = *found;
      } else {
        FD_ASSIGN_OR_RETURN(const ClaimAccess access,
                            AuthorizeClaim(tx, call, domain::Action::kRead, req->claim_id()));
        role = access.role;
        auto latest = store::LatestDispute(tx, req->claim_id());
        if (!latest) {
          return Status::NotFound(fmt::format("claim {} has no dispute", req->claim_id()));
        }
        *resp = std::move(*latest);
      }
      return FillDispute(tx, role, call.user_id(), resp);
    });
  });
}

grpc::ServerUnaryReactor* ReviewService::ListDisputes(grpc::CallbackServerContext* ctx,
                                                      const v1::ListDisputesRequest* req,
                                                      v1::ListDisputesResponse* resp) {
  return Unary(rt_, ctx, "ListDisputes", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return rt_.db.Read("ListDisputes", [&](Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(const domain::Role role,
                          Authorize(tx, req->workspace_id(), call, domain::Action::kRead));
      FD_ASSIGN_OR_RETURN(
          auto disputes,
          store::ListDisputes(tx, req->workspace_id(), req->transcript_id(), req->open_only()));
      for (auto& d : disputes) {
        FD_ASSIGN_OR_RETURN(*d.mutable_claim(), store::GetClaim(tx, d.claim_id()));
      }
      BlindDisputes(tx, role, call.user_id(), &disputes);
      for (auto& d : disputes) *resp->add_disputes() = std::move(d);
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* ReviewService::DecideDispute(grpc::CallbackServerContext* ctx,
                                                       const v1::DecideDisputeRequest* req,
                                                       v1::Dispute* resp) {
  return Mutation(rt_, ctx, "DecideDispute", req, resp, [this, req, resp](Call& call) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::DecideDisputeRequest r, v1::CheckedRequest(*req));
    const std::string& reasoning = r.reasoning();
    std::int64_t claim_id = 0;
    FD_RETURN_IF_ERROR(rt_.db.Read("DecideDispute", [&](Tx& tx) -> Status {
      const Result<v1::Dispute> d = store::GetDispute(tx, req->dispute_id());
      FD_RETURN_IF_ERROR(AuthorizeRecord(tx, WorkspaceOf(d), call, domain::Action::kRead, "dispute",
                                         req->dispute_id())
                             .status());
      claim_id = d->claim_id();
      return Status::Ok();
    }));
    v1::Claim claim;
    FD_RETURN_IF_ERROR(MutateClaim(
        rt_, call, claim_id, -1, domain::Action::kDecideDispute,
        [&](ClaimContext& c) -> Result<v1::Event> {
          const auto open = store::FindOpenDispute(c.tx, claim_id);
          if (!open || open->id() != req->dispute_id()) {
            return Status::FailedPrecondition(
                fmt::format("dispute {} is closed", req->dispute_id()));
          }
          const v1::Workspace& w = *c.workspace;  // read for the dispute rule
          FD_RETURN_IF_ERROR(
              domain::CheckVerdict(store::ToDomainScale(w.rating_scale()), req->verdict()));
          const v1::Verdict verdict = store::MakeVerdict(w.rating_scale(), req->verdict());
          store::DisputeClosing closing{
              std::string(domain::ResolutionName(domain::Resolution::kEditorDecision)),
              call.user_id(), verdict, reasoning};
          v1::Event event = NewEvent(v1::EVENT_KIND_DISPUTE_DECIDED);
          FD_ASSIGN_OR_RETURN(*event.mutable_dispute(),
                              store::CloseDispute(c.tx, open->id(), closing));
          FD_ASSIGN_OR_RETURN(c.now, store::ChangeClaimStateAndRead(
                                         c.tx, claim_id,
                                         {.status = StateText(domain::ClaimState::kResolved),
                                          .status_reason = reasoning,
                                          .verdict = verdict,
                                          .set_resolved_now = true}));
          *resp = event.dispute();
          return event;
        },
        &claim));
    // The role is read again: a replayed decision (idempotency key) ran no change.
    return rt_.db.Read("DecideDispute", [&](Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(const domain::Role role,
                          Authorize(tx, resp->workspace_id(), call, domain::Action::kRead));
      return FillDispute(tx, role, call.user_id(), resp);
    });
  });
}

}  // namespace factdesk::rpc
