#include "server/rpc/claim_service.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/utf8.h"
#include "domain/anchor.h"
#include "domain/blind_rule.h"
#include "domain/claim_actions.h"
#include "domain/claim_tags.h"
#include "domain/limits.h"
#include "domain/review_rules.h"
#include "domain/text_validation.h"
#include "proto/claim_checks.h"
#include "proto/enum_text.h"
#include "proto/workflow_requests.h"
#include "server/rpc/authorize.h"
#include "server/rpc/blind_view.h"
#include "server/rpc/call.h"
#include "server/rpc/claim_history.h"
#include "server/rpc/claim_marking.h"
#include "server/rpc/claim_mutation.h"
#include "server/rpc/claim_search.h"
#include "server/rpc/record_access.h"
#include "server/rpc/request_checks.h"
#include "server/store/account_store.h"
#include "server/store/claim_link_store.h"
#include "server/store/claim_match_store.h"
#include "server/store/claim_store.h"
#include "server/store/event_store.h"
#include "server/store/review_store.h"
#include "server/store/scale_store.h"
#include "server/store/transcript_store.h"

namespace factdesk::rpc {
namespace {

using store::Tx;

std::string StateText(domain::ClaimState s) {
  return std::string(domain::StateName(s));
}

std::vector<std::string> TagsOf(const v1::Claim& claim) {
  return {claim.tags().begin(), claim.tags().end()};
}

// A claim.tagged or claim.untagged event naming the tag.
v1::Event TagEvent(v1::EventKind kind, const std::string& tag) {
  v1::Event event = NewEvent(kind);
  event.set_tag(tag);
  return event;
}

}  // namespace

ClaimService::ClaimService(Runtime& rt, std::function<void()> claim_queued)
    : rt_(rt), claim_queued_(std::move(claim_queued)) {}
ClaimService::~ClaimService() = default;

grpc::ServerUnaryReactor* ClaimService::CreateClaim(grpc::CallbackServerContext* ctx,
                                                    const v1::CreateClaimRequest* req,
                                                    v1::Claim* resp) {
  return Mutation(rt_, ctx, "CreateClaim", req, resp, [this, req, resp](Call& call) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::CreateClaimRequest r, v1::CheckedRequest(*req));
    Status created = rt_.db.Write("CreateClaim", call.writer(), [&](Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(
          const SegmentAccess access,
          AuthorizeSegmentChange(tx, call, domain::Action::kMarkClaim, r.segment_id()));
      const store::SegmentInfo& seg = access.segment;
      if (seg.kind != v1::SEGMENT_KIND_SPEECH) {
        return Status::InvalidArgument(
            "segment_id", fmt::format("segment {} is a {}; only speech can carry claims", seg.id,
                                      v1::EnumText(seg.kind, true)));
      }
      FD_ASSIGN_OR_RETURN(
          *resp, MarkClaim(tx, call, seg, r.start_byte(), r.end_byte(), r.summary(), r.claimant()));
      v1::Event event = NewEvent(v1::EVENT_KIND_CLAIM_CREATED, resp->id());
      *event.mutable_claim() = *resp;
      tx.Append(event);
      return Status::Ok();
    });
    if (created.ok()) ClaimQueued();
    return created;
  });
}

grpc::ServerUnaryReactor* ClaimService::GetClaim(grpc::CallbackServerContext* ctx,
                                                 const v1::GetClaimRequest* req, v1::Claim* resp) {
  return Unary(rt_, ctx, "GetClaim", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return rt_.db.Read("GetClaim", [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(AuthorizeClaim(tx, call, domain::Action::kRead, req->claim_id()).status());
      FD_ASSIGN_OR_RETURN(*resp, store::GetClaim(tx, req->claim_id()));
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* ClaimService::ListClaims(grpc::CallbackServerContext* ctx,
                                                   const v1::ListClaimsRequest* req,
                                                   v1::ListClaimsResponse* resp) {
  return Unary(rt_, ctx, "ListClaims", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    store::ClaimFilter filter;
    filter.workspace_id = req->workspace_id();
    filter.transcript_id = req->transcript_id();
    filter.assignee_id = req->assignee_id();
    filter.unassigned = req->unassigned();
    for (const int status : req->statuses()) {
      filter.statuses.push_back(v1::EnumText(static_cast<v1::ClaimStatus>(status)));
    }
    FD_ASSIGN_OR_RETURN(const int limit, PageSize(req->page_size()));
    FD_ASSIGN_OR_RETURN(const std::int64_t after, DecodePageToken(req->page_token()));
    return rt_.db.Read("ListClaims", [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(Authorize(tx, req->workspace_id(), call, domain::Action::kRead).status());
      FD_ASSIGN_OR_RETURN(auto claims, store::ListClaims(tx, filter, after, limit + 1));
      const bool more = static_cast<int>(claims.size()) > limit;
      if (more) claims.pop_back();
      for (auto& c : claims) *resp->add_claims() = std::move(c);
      if (more) resp->set_next_page_token(EncodePageToken(resp->claims().rbegin()->id()));
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* ClaimService::UpdateClaim(grpc::CallbackServerContext* ctx,
                                                    const v1::UpdateClaimRequest* req,
                                                    v1::Claim* resp) {
  return Mutation(rt_, ctx, "UpdateClaim", req, resp, [this, req, resp](Call& call) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::UpdateClaimRequest r, v1::CheckedRequest(*req));
    bool requeued = false;
    Status updated = MutateClaim(
        rt_, call, r.claim_id(), r.expected_version(), domain::Action::kEditClaim,
        [&](ClaimContext& c) -> Result<v1::Event> {
          store::UpdateClaimText(c.tx, c.claim.id(),
                                 r.has_summary() ? r.summary() : c.claim.summary(),
                                 r.has_claimant() ? r.claimant() : c.claim.claimant());
          // The summary is what is matched: a new one is matched again.
          requeued = r.has_summary() && r.summary() != c.claim.summary();
          if (requeued) store::QueueClaimMatch(c.tx, c.claim.workspace_id(), c.claim.id());
          return NewEvent(v1::EVENT_KIND_CLAIM_UPDATED);
        },
        resp);
    if (updated.ok() && requeued) ClaimQueued();
    return updated;
  });
}

grpc::ServerUnaryReactor* ClaimService::AssignClaim(grpc::CallbackServerContext* ctx,
                                                    const v1::AssignClaimRequest* req,
                                                    v1::Claim* resp) {
  return Mutation(rt_, ctx, "AssignClaim", req, resp, [this, req, resp](Call& call) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::AssignClaimRequest r, v1::CheckedRequest(*req));
    return MutateClaim(
        rt_, call, r.claim_id(), r.expected_version(), domain::Action::kAssignClaim,
        [&](ClaimContext& c) -> Result<v1::Event> {
          const std::vector<std::int64_t> ids(r.assignee_ids().begin(), r.assignee_ids().end());
          for (const std::int64_t id : ids) {
            FD_RETURN_IF_ERROR(
                domain::CheckAssignee(id, store::RoleOf(c.tx, c.claim.workspace_id(), id)));
          }
          store::SetAssignees(c.tx, c.claim.workspace_id(), c.claim.id(), ids, call.user_id());
          // Assigning starts the review; taking everyone off an unreviewed claim undoes it.
          const auto state = v1::StateOf(c.claim);
          if (state == domain::ClaimState::kOpen && !ids.empty()) {
            store::ChangeClaimState(c.tx, c.claim.id(),
                                    {.status = StateText(domain::ClaimState::kInReview)});
          } else if (state == domain::ClaimState::kInReview && ids.empty() &&
                     c.claim.review_count() == 0) {
            store::ChangeClaimState(c.tx, c.claim.id(),
                                    {.status = StateText(domain::ClaimState::kOpen)});
          } else {
            store::TouchClaim(c.tx, c.claim.id());
          }
          return NewEvent(v1::EVENT_KIND_CLAIM_ASSIGNED);
        },
        resp);
  });
}

grpc::ServerUnaryReactor* ClaimService::TakeClaim(grpc::CallbackServerContext* ctx,
                                                  const v1::TakeClaimRequest* req,
                                                  v1::Claim* resp) {
  return Mutation(rt_, ctx, "TakeClaim", req, resp, [this, req, resp](Call& call) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::TakeClaimRequest r, v1::CheckedRequest(*req));
    return MutateClaim(
        rt_, call, r.claim_id(), -1, domain::Action::kTakeClaim,
        [&](ClaimContext& c) -> Result<v1::Event> {
          store::SetAssignees(c.tx, c.claim.workspace_id(), c.claim.id(), {call.user_id()},
                              call.user_id());
          FD_ASSIGN_OR_RETURN(
              c.now, store::ChangeClaimStateAndRead(
                         c.tx, c.claim.id(), {.status = StateText(domain::ClaimState::kInReview)}));
          return NewEvent(v1::EVENT_KIND_CLAIM_TAKEN);
        },
        resp);
  });
}

grpc::ServerUnaryReactor* ClaimService::DismissClaim(grpc::CallbackServerContext* ctx,
                                                     const v1::DismissClaimRequest* req,
                                                     v1::Claim* resp) {
  return Mutation(rt_, ctx, "DismissClaim", req, resp, [this, req, resp](Call& call) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::DismissClaimRequest r, v1::CheckedRequest(*req));
    return MutateClaim(
        rt_, call, r.claim_id(), r.expected_version(), domain::Action::kDismiss,
        [&](ClaimContext& c) -> Result<v1::Event> {
          // A duplicate names what it duplicates; that becomes the claim's link.
          const store::LinkTarget duplicate_of{r.duplicate_of_check_id(),
                                               r.duplicate_of_claim_id()};
          if (r.reason() == v1::DISMISS_REASON_DUPLICATE) {
            FD_RETURN_IF_ERROR(
                store::CheckLinkTarget(c.tx, c.claim.workspace_id(), c.claim.id(), duplicate_of));
          }
          store::ChangeClaimState(c.tx, c.claim.id(),
                                  {.status = StateText(domain::ClaimState::kDismissed),
                                   .status_reason = r.explanation(),
                                   .dismiss_reason = v1::EnumText(r.reason())});
          if (r.reason() == v1::DISMISS_REASON_DUPLICATE) {
            store::SetClaimLink(c.tx, c.claim.id(), duplicate_of, call.user_id());
          }
          return NewEvent(v1::EVENT_KIND_CLAIM_DISMISSED);
        },
        resp);
  });
}

grpc::ServerUnaryReactor* ClaimService::ReopenClaim(grpc::CallbackServerContext* ctx,
                                                    const v1::ReopenClaimRequest* req,
                                                    v1::Claim* resp) {
  return Mutation(rt_, ctx, "ReopenClaim", req, resp, [this, req, resp](Call& call) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::ReopenClaimRequest r, v1::CheckedRequest(*req));
    const std::string& reason = r.reason();
    return MutateClaim(
        rt_, call, r.claim_id(), r.expected_version(), domain::Action::kReopen,
        [&](ClaimContext& c) -> Result<v1::Event> {
          const auto from = v1::StateOf(c.claim);
          const auto to = domain::ReopenTarget(from, c.claim.review_count() > 0);
          if (from == domain::ClaimState::kPublished) {
            // Reopening a published check changes what readers were told: a correction.
            store::RecordCorrection(c.tx, c.claim.workspace_id(), c.claim.id(),
                                    "Reopened: " + reason, call.user_id());
          }
          store::ChangeClaimState(c.tx, c.claim.id(),
                                  {.status = StateText(to),
                                   .status_reason = reason,
                                   .verdict = v1::Verdict(),
                                   .clear_resolution = true});
          store::StartReviewRound(c.tx, c.claim.id());  // blind again (domain/blind_rule.h)
          return NewEvent(v1::EVENT_KIND_CLAIM_REOPENED);
        },
        resp);
  });
}

grpc::ServerUnaryReactor* ClaimService::PublishClaim(grpc::CallbackServerContext* ctx,
                                                     const v1::PublishClaimRequest* req,
                                                     v1::Claim* resp) {
  return Mutation(rt_, ctx, "PublishClaim", req, resp, [this, req, resp](Call& call) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::PublishClaimRequest r, v1::CheckedRequest(*req));
    return MutateClaim(
        rt_, call, r.claim_id(), r.expected_version(), domain::Action::kPublish,
        [&](ClaimContext& c) -> Result<v1::Event> {
          FD_ASSIGN_OR_RETURN(c.now, store::ChangeClaimStateAndRead(
                                         c.tx, c.claim.id(),
                                         {.status = StateText(domain::ClaimState::kPublished),
                                          .status_reason = c.claim.status_reason(),
                                          .set_published_now = true}));
          return NewEvent(v1::EVENT_KIND_CLAIM_PUBLISHED);
        },
        resp);
  });
}

grpc::ServerUnaryReactor* ClaimService::CorrectClaim(grpc::CallbackServerContext* ctx,
                                                     const v1::CorrectClaimRequest* req,
                                                     v1::Claim* resp) {
  return Mutation(rt_, ctx, "CorrectClaim", req, resp, [this, req, resp](Call& call) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::CorrectClaimRequest r, v1::CheckedRequest(*req));
    const std::string& reason = r.reason();
    return MutateClaim(
        rt_, call, r.claim_id(), r.expected_version(), domain::Action::kCorrect,
        [&](ClaimContext& c) -> Result<v1::Event> {
          if (r.has_verdict()) {
            FD_ASSIGN_OR_RETURN(const v1::RatingScale scale,
                                store::CurrentScale(c.tx, c.claim.workspace_id()));
            FD_RETURN_IF_ERROR(domain::CheckVerdict(store::ToDomainScale(scale), r.verdict()));
            store::ChangeClaimState(c.tx, c.claim.id(),
                                    {.status = StateText(domain::ClaimState::kPublished),
                                     .status_reason = reason,
                                     .verdict = store::MakeVerdict(scale, r.verdict())});
          }
          if (r.has_summary() || r.has_claimant()) {
            store::UpdateClaimText(c.tx, c.claim.id(),
                                   r.has_summary() ? r.summary() : c.claim.summary(),
                                   r.has_claimant() ? r.claimant() : c.claim.claimant());
          }
          // The verdict it replaced, kept only when the correction changed it.
          const std::string& before = c.claim.final_verdict().label();
          const bool changed = r.has_verdict() && r.verdict() != before;
          store::RecordCorrection(c.tx, c.claim.workspace_id(), c.claim.id(), reason,
                                  call.user_id(), changed ? before : std::string());
          return NewEvent(v1::EVENT_KIND_CLAIM_CORRECTED);
        },
        resp);
  });
}

grpc::ServerUnaryReactor* ClaimService::GetClaimHistory(grpc::CallbackServerContext* ctx,
                                                        const v1::GetClaimHistoryRequest* req,
                                                        v1::GetClaimHistoryResponse* resp) {
  return Unary(rt_, ctx, "GetClaimHistory", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return rt_.db.Read("GetClaimHistory", [&](Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(const ClaimAccess access,
                          AuthorizeClaim(tx, call, domain::Action::kRead, req->claim_id()));
      const domain::Role role = access.role;
      FD_ASSIGN_OR_RETURN(const v1::Claim claim, store::GetClaim(tx, req->claim_id()));
      const bool see_reviews = MaySeeReviews(tx, claim, role, call.user_id());
      FD_ASSIGN_OR_RETURN(const auto events, store::ReadClaimEvents(tx, claim.id()));
      *resp = BuildClaimHistory(events, call.user_id(), see_reviews);
      return Status::Ok();
    });
  });
}

// Tags are not the claim's content: no expected version, and the version stays (two
// people tagging side by side must not conflict); the tag rule is checked before any SQL.
grpc::ServerUnaryReactor* ClaimService::TagClaim(grpc::CallbackServerContext* ctx,
                                                 const v1::TagClaimRequest* req, v1::Claim* resp) {
  return Mutation(rt_, ctx, "TagClaim", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(RequireId("claim_id", req->claim_id()));
    FD_RETURN_IF_ERROR(domain::CheckTag(req->tag()));
    return MutateClaim(
        rt_, call, req->claim_id(), -1, domain::Action::kTagClaim,
        [&](ClaimContext& c) -> Result<v1::Event> {
          FD_RETURN_IF_ERROR(domain::CheckTagToAdd(c.claim.id(), TagsOf(c.claim), req->tag()));
          store::AddTag(c.tx, c.claim.workspace_id(), c.claim.id(), req->tag(), call.user_id());
          return TagEvent(v1::EVENT_KIND_CLAIM_TAGGED, req->tag());
        },
        resp);
  });
}

grpc::ServerUnaryReactor* ClaimService::UntagClaim(grpc::CallbackServerContext* ctx,
                                                   const v1::UntagClaimRequest* req,
                                                   v1::Claim* resp) {
  return Mutation(rt_, ctx, "UntagClaim", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(RequireId("claim_id", req->claim_id()));
    FD_RETURN_IF_ERROR(domain::CheckTag(req->tag()));
    return MutateClaim(
        rt_, call, req->claim_id(), -1, domain::Action::kTagClaim,
        [&](ClaimContext& c) -> Result<v1::Event> {
          FD_RETURN_IF_ERROR(domain::CheckTagToRemove(c.claim.id(), TagsOf(c.claim), req->tag()));
          store::RemoveTag(c.tx, c.claim.id(), req->tag());
          return TagEvent(v1::EVENT_KIND_CLAIM_UNTAGGED, req->tag());
        },
        resp);
  });
}

grpc::ServerUnaryReactor* ClaimService::SearchClaims(grpc::CallbackServerContext* ctx,
                                                     const v1::SearchClaimsRequest* req,
                                                     v1::SearchClaimsResponse* resp) {
  return Unary(rt_, ctx, "SearchClaims", [this, req, resp](Call& call) -> Status {
    return RunClaimSearch(rt_, call, *req, resp);
  });
}

}  // namespace factdesk::rpc
