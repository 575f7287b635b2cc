#include "server/rpc/suggestion_service.h"

#include <cmath>

#include <fmt/format.h>

#include "domain/limits.h"
#include "domain/text_validation.h"
#include "proto/enum_text.h"
#include "proto/workflow_requests.h"
#include "server/rpc/authorize.h"
#include "server/rpc/call.h"
#include "server/rpc/claim_marking.h"
#include "server/rpc/request_checks.h"
#include "server/store/suggestion_match_store.h"
#include "server/store/suggestion_store.h"
#include "server/store/transcript_store.h"

namespace factdesk::rpc {
namespace {

using store::Tx;

constexpr int kDefaultTop = 50;
constexpr int kMaxTop = 1000;

Status CheckListRequest(const v1::ListSuggestionsRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("transcript_id", req.transcript_id()));
  if (req.top() < 0 || req.top() > kMaxTop) {
    return Status::InvalidArgument("top", fmt::format("must be 0 to {} (got {}); 0 means {}",
                                                      kMaxTop, req.top(), kDefaultTop));
  }
  if (!std::isfinite(req.min_score()) || req.min_score() < 0 || req.min_score() > 1) {
    return Status::InvalidArgument("min_score",
                                   fmt::format("must be 0 to 1 (got {})", req.min_score()));
  }
  return Status::Ok();
}

// "was accepted by ben (claim 7)", "was dismissed by ana: not a claim".
std::string Decided(const v1::Suggestion& s) {
  const std::string who = s.decided_by().handle();
  if (s.state() == v1::SUGGESTION_STATE_ACCEPTED) {
    return fmt::format("was accepted by {} (claim {})", who, s.claim_id());
  }
  return fmt::format("was dismissed by {}: {}", who, s.reason());
}

// Only an open suggestion can be accepted or dismissed, once.
Status RequireOpen(const v1::Suggestion& s, std::string_view action) {
  if (s.state() == v1::SUGGESTION_STATE_OPEN) return Status::Ok();
  return Status::FailedPrecondition(fmt::format(
      "suggestion {} {}; only an open suggestion can be {}", s.id(), Decided(s), action));
}

// Cues and captions are scored but are not claims (CreateClaim's rule).
Status RequireSpeech(const v1::Suggestion& s, const store::SegmentInfo& seg) {
  if (seg.kind == v1::SEGMENT_KIND_SPEECH) return Status::Ok();
  return Status::FailedPrecondition(
      fmt::format("suggestion {} is in segment {}, a {}; only speech can carry claims", s.id(),
                  seg.id, v1::EnumText(seg.kind, true)));
}

v1::Event SuggestionEvent(v1::EventKind kind, const v1::Suggestion& s) {
  v1::Event event = NewEvent(kind, s.claim_id());
  event.mutable_suggestions()->set_transcript_id(s.transcript_id());
  *event.mutable_suggestions()->add_suggestions() = s;
  return event;
}

// The suggestion, read for its workspace, and the caller authorized for `action` there.
Result<v1::Suggestion> AuthorizedSuggestion(Tx& tx, const Call& call, std::int64_t id,
                                            domain::Action action) {
  FD_ASSIGN_OR_RETURN(v1::Suggestion s, store::GetSuggestion(tx, id));
  FD_RETURN_IF_ERROR(Authorize(tx, s.workspace_id(), call, action).status());
  return s;
}

}  // namespace

SuggestionService::SuggestionService(Runtime& rt) : rt_(rt) {}
SuggestionService::~SuggestionService() = default;

grpc::ServerUnaryReactor* SuggestionService::ListSuggestions(grpc::CallbackServerContext* ctx,
                                                             const v1::ListSuggestionsRequest* req,
                                                             v1::ListSuggestionsResponse* resp) {
  return Unary(rt_, ctx, "ListSuggestions", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckListRequest(*req));
    return rt_.db.Read("ListSuggestions", [&](Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(const std::int64_t ws,
                          store::TranscriptWorkspace(tx, req->transcript_id()));
      FD_RETURN_IF_ERROR(Authorize(tx, ws, call, domain::Action::kRead).status());
      const int top = req->top() == 0 ? kDefaultTop : req->top();
      for (auto& s : store::ListSuggestions(tx, req->transcript_id(), req->min_score(),
                                            req->include_decided(), top)) {
        *resp->add_suggestions() = std::move(s);
      }
      *resp->mutable_status() = store::GetScoringStatus(tx, req->transcript_id());
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* SuggestionService::AcceptSuggestion(
    grpc::CallbackServerContext* ctx, const v1::AcceptSuggestionRequest* req,
    v1::AcceptSuggestionResponse* resp) {
  return Mutation(rt_, ctx, "AcceptSuggestion", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(RequireId("suggestion_id", req->suggestion_id()));
    // The summary and claimant are checked (and trimmed) as CreateClaim checks them.
    v1::CreateClaimRequest fields;
    fields.set_segment_id(1);
    fields.set_summary(req->summary());
    fields.set_claimant(req->claimant());
    FD_ASSIGN_OR_RETURN(fields, v1::CheckedRequest(fields));
    return rt_.db.Write("AcceptSuggestion", call.writer(), [&](Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(v1::Suggestion s, AuthorizedSuggestion(tx, call, req->suggestion_id(),
                                                                 domain::Action::kMarkClaim));
      FD_RETURN_IF_ERROR(RequireOpen(s, "accepted"));
      FD_ASSIGN_OR_RETURN(const store::SegmentInfo seg, store::GetSegment(tx, s.segment_id()));
      FD_RETURN_IF_ERROR(RequireSpeech(s, seg));
      // From here on this transaction holds the workspace, so the locked read sees the
      // suggestion as the last writer left it.
      FD_RETURN_IF_ERROR(tx.TakeSeq(seg.workspace_id).status());
      FD_ASSIGN_OR_RETURN(*resp->mutable_claim(),
                          MarkClaim(tx, call, seg, s.start_byte(), s.end_byte(), fields.summary(),
                                    fields.claimant()));
      FD_ASSIGN_OR_RETURN(s, store::GetSuggestion(tx, s.id(), true));
      FD_RETURN_IF_ERROR(RequireOpen(s, "accepted"));
      store::MarkAccepted(tx, s.id(), call.user_id(), resp->claim().id());
      store::CarryMatchesToClaim(tx, s.id(), resp->claim().id());
      FD_ASSIGN_OR_RETURN(*resp->mutable_suggestion(), store::GetSuggestion(tx, s.id()));
      v1::Event event = SuggestionEvent(v1::EVENT_KIND_SUGGESTION_ACCEPTED, resp->suggestion());
      *event.mutable_claim() = resp->claim();
      tx.Append(event);
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* SuggestionService::DismissSuggestion(
    grpc::CallbackServerContext* ctx, const v1::DismissSuggestionRequest* req,
    v1::Suggestion* resp) {
  return Mutation(
      rt_, ctx, "DismissSuggestion", req, resp, [this, req, resp](Call& call) -> Status {
        FD_RETURN_IF_ERROR(RequireId("suggestion_id", req->suggestion_id()));
        FD_RETURN_IF_ERROR(
            domain::ValidateText("reason", req->reason(), domain::kMaxReasonChars, true));
        const std::string reason = domain::Trim(req->reason());
        return rt_.db.Write("DismissSuggestion", call.writer(), [&](Tx& tx) -> Status {
          FD_ASSIGN_OR_RETURN(v1::Suggestion s,
                              AuthorizedSuggestion(tx, call, req->suggestion_id(),
                                                   domain::Action::kDismissSuggestion));
          FD_RETURN_IF_ERROR(RequireOpen(s, "dismissed"));
          FD_RETURN_IF_ERROR(tx.TakeSeq(s.workspace_id()).status());
          FD_ASSIGN_OR_RETURN(s, store::GetSuggestion(tx, s.id(), true));
          FD_RETURN_IF_ERROR(RequireOpen(s, "dismissed"));
          store::MarkDismissed(tx, s.id(), call.user_id(), reason);
          FD_ASSIGN_OR_RETURN(*resp, store::GetSuggestion(tx, s.id()));
          tx.Append(SuggestionEvent(v1::EVENT_KIND_SUGGESTION_DISMISSED, *resp));
          return Status::Ok();
        });
      });
}

grpc::ServerUnaryReactor* SuggestionService::RescoreTranscript(
    grpc::CallbackServerContext* ctx, const v1::RescoreTranscriptRequest* req,
    v1::ScoringStatus* resp) {
  return Mutation(
      rt_, ctx, "RescoreTranscript", req, resp, [this, req, resp](Call& call) -> Status {
        FD_RETURN_IF_ERROR(RequireId("transcript_id", req->transcript_id()));
        // The worker wakes on the event's NOTIFY, on every replica.
        return rt_.db.Write("RescoreTranscript", call.writer(), [&](Tx& tx) -> Status {
          FD_ASSIGN_OR_RETURN(const std::int64_t ws,
                              store::TranscriptWorkspace(tx, req->transcript_id()));
          FD_RETURN_IF_ERROR(Authorize(tx, ws, call, domain::Action::kRescoreTranscript).status());
          // The queue row before the workspace's, as the worker takes them.
          store::LockScoring(tx, req->transcript_id());
          FD_RETURN_IF_ERROR(tx.TakeSeq(ws).status());
          store::RestartScoring(tx, ws, req->transcript_id());
          *resp = store::GetScoringStatus(tx, req->transcript_id());
          v1::Event event = NewEvent(v1::EVENT_KIND_SUGGESTIONS_RESCORED);
          event.mutable_suggestions()->set_transcript_id(req->transcript_id());
          *event.mutable_suggestions()->mutable_status() = *resp;
          tx.Append(event);
          return Status::Ok();
        });
      });
}

}  // namespace factdesk::rpc
