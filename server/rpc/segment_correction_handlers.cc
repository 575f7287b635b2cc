// TranscriptService's corrections of a segment's text (issue 13): the text is replaced,
// the old one kept in the segment's history, and every claim in the segment follows its
// quote (domain/segment_correction.h) or is flagged with the quote change.
#include <fmt/format.h>

#include "domain/segment_correction.h"
#include "server/rpc/authorize.h"
#include "server/rpc/call.h"
#include "server/rpc/record_access.h"
#include "server/rpc/request_checks.h"
#include "server/rpc/transcript_service.h"
#include "server/store/archive_store.h"
#include "server/store/claim_store.h"
#include "server/store/segment_revision_store.h"
#include "server/store/suggestion_store.h"
#include "server/store/transcript_store.h"

namespace factdesk::rpc {
namespace {

using store::Tx;

// The segment's workspace as AuthorizeRecord takes it.
Result<std::int64_t> SegmentWorkspace(Tx& tx, std::int64_t segment_id) {
  FD_ASSIGN_OR_RETURN(const store::SegmentInfo seg, store::GetSegment(tx, segment_id));
  return seg.workspace_id;
}

Result<v1::Segment> SegmentRecord(Tx& tx, std::int64_t segment_id) {
  FD_ASSIGN_OR_RETURN(auto found, store::SegmentsById(tx, {segment_id}));
  const auto it = found.find(segment_id);
  if (it == found.end())
    return Status::NotFound(fmt::format("segment {} does not exist", segment_id));
  return it->second;
}

// ABORTED unless the caller read the current revision, with the segment attached.
Status RequireRevision(Tx& tx, Call& call, const store::LockedSegment& seg, int expected) {
  if (seg.revision == expected) return Status::Ok();
  FD_ASSIGN_OR_RETURN(const v1::Segment current, SegmentRecord(tx, seg.info.id));
  call.AttachCurrent(current);
  return Status::Aborted(fmt::format(
      "segment {} changed since you read it (you read revision {}; it is now revision {}); "
      "the current segment is attached",
      seg.info.id, expected, seg.revision));
}

// Moves or flags each claim in the segment; a claim that changed gets a new version (and
// a published one's archive mirror follows it).
void FollowCorrectionInClaims(Tx& tx, const Call& call, const store::LockedSegment& seg,
                              const std::string& new_text, int revision) {
  for (const v1::Claim& c : store::ClaimsOfSegment(tx, seg.info.id)) {
    const domain::Anchor anchor{c.quote(), c.prefix(), c.suffix()};
    const auto after = domain::FollowCorrection(new_text, anchor, c.start_byte(), c.end_byte());
    if (after.quote_found()) {
      const bool same = after.start == c.start_byte() && after.end == c.end_byte() &&
                        *after.anchor == anchor && !c.has_quote_change();
      if (same) continue;
      store::MoveClaimAnchor(tx, c.id(), after.start, after.end, *after.anchor);
    } else {
      store::FlagQuoteChange(tx, c.id(), after.start, after.end, seg.info.text, new_text, revision);
    }
    if (c.status() == v1::CLAIM_STATUS_PUBLISHED) {
      store::MirrorOwnClaim(tx, seg.info.workspace_id, c.id(), call.user_id());
    }
  }
}

}  // namespace

grpc::ServerUnaryReactor* TranscriptService::CorrectSegment(grpc::CallbackServerContext* ctx,
                                                            const v1::CorrectSegmentRequest* req,
                                                            v1::CorrectSegmentResponse* resp) {
  return Mutation(rt_, ctx, "CorrectSegment", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    FD_ASSIGN_OR_RETURN(const std::string text, CorrectedText(req->text()));
    const std::int64_t id = req->segment_id();
    return rt_.db.Write("CorrectSegment", call.writer(), [&](Tx& tx) -> Status {
      const Result<std::int64_t> ws = SegmentWorkspace(tx, id);
      FD_RETURN_IF_ERROR(
          AuthorizeRecord(tx, ws, call, domain::Action::kCorrectSegment, "segment", id).status());
      FD_RETURN_IF_ERROR(tx.TakeSeq(*ws).status());
      FD_ASSIGN_OR_RETURN(const store::LockedSegment seg, store::LockSegment(tx, id));
      FD_RETURN_IF_ERROR(RequireRevision(tx, call, seg, req->expected_revision()));
      if (text == seg.info.text) return Status::InvalidArgument("text", "the text is unchanged");
      const int revision = seg.revision + 1;
      FD_ASSIGN_OR_RETURN(*resp->mutable_correction(),
                          store::ReviseSegment(tx, {*ws, id, revision, seg.info.text, text,
                                                    call.user_id(), req->reason()}));
      // Open suggestions point into the old text: they go (the decided ones stay).
      store::DropOpenSuggestionsOf(tx, id);
      FollowCorrectionInClaims(tx, call, seg, text, revision);
      FD_ASSIGN_OR_RETURN(*resp->mutable_segment(), SegmentRecord(tx, id));
      for (auto& c : store::ClaimsOfSegment(tx, id)) *resp->add_claims() = std::move(c);
      v1::Event event = NewEvent(v1::EVENT_KIND_SEGMENT_CORRECTED);
      *event.add_segments() = resp->segment();
      *event.mutable_correction() = resp->correction();
      *event.mutable_claims() = resp->claims();
      tx.Append(event);
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* TranscriptService::GetSegmentHistory(
    grpc::CallbackServerContext* ctx, const v1::GetSegmentHistoryRequest* req,
    v1::GetSegmentHistoryResponse* resp) {
  return Unary(rt_, ctx, "GetSegmentHistory", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return rt_.db.Read("GetSegmentHistory", [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(AuthorizeRecord(tx, SegmentWorkspace(tx, req->segment_id()), call,
                                         domain::Action::kRead, "segment", req->segment_id())
                             .status());
      for (auto& r : store::SegmentHistory(tx, req->segment_id())) {
        *resp->add_revisions() = std::move(r);
      }
      return Status::Ok();
    });
  });
}

}  // namespace factdesk::rpc
