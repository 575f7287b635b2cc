#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/field_checks.h"
#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/dashboard.pb.h"
#include "factdesk/v1/export.pb.h"
#include "factdesk/v1/live.pb.h"
#include "factdesk/v1/note.pb.h"
#include "factdesk/v1/review.pb.h"
#include "factdesk/v1/source.pb.h"
#include "factdesk/v1/token.pb.h"
#include "factdesk/v1/transcript.pb.h"
#include "factdesk/v1/webhook.pb.h"
#include "factdesk/v1/workspace.pb.h"
#include "import/transcript.h"

namespace factdesk::rpc {

// "claim_id: must be a positive id" unless id > 0 (shared with the clients).
using domain::RequireId;

// 0 means the default (100); larger than the maximum (500) is capped; negative is refused.
Result<int> PageSize(std::int32_t requested);

// Page tokens are opaque to clients; inside, a keyset position or an offset.
std::string EncodePageToken(std::int64_t position);
// 0 for an empty token; INVALID_ARGUMENT "page_token: ..." for one we did not issue.
Result<std::int64_t> DecodePageToken(std::string_view token);

// A ranked search's page into its response: the hits, the total, and the next page's
// token (an offset) while hits remain.
template <typename Page, typename Response>
void SetSearchPage(Page& page, std::int64_t offset, Response* resp) {
  for (auto& hit : page.hits) *resp->add_hits() = std::move(hit);
  resp->set_total(page.total);
  if (offset + resp->hits_size() < page.total) {
    resp->set_next_page_token(EncodePageToken(offset + resp->hits_size() + 1));
  }
}

// The field checks of every request that proto/workflow_requests.h does not cover, run
// by the handlers before any SQL (invariant 5): OK, or INVALID_ARGUMENT "<field>: ...".
// They need no database, so tests/fuzz/fuzz_request_checks feeds them serialized requests.
inline constexpr std::size_t kMaxSessionIdBytes = 64;
inline constexpr int kMaxDeliveriesListed = 100;
// Segments per AppendSegments call (a live feed sends a few a second).
inline constexpr int kMaxAppendSegments = 500;

Status CheckRequest(const v1::GetWorkspaceRequest& req);
Status CheckRequest(const v1::ListMembersRequest& req);
Status CheckRequest(const v1::SetMemberRequest& req);
Status CheckRequest(const v1::RemoveMemberRequest& req);
Status CheckRequest(const v1::UpdatePolicyRequest& req);
Status CheckRequest(const v1::SetRatingScaleRequest& req);
Status CheckRequest(const v1::UpdatePublisherRequest& req);

Status CheckRequest(const v1::ImportTranscriptRequest& req);
Status CheckRequest(const v1::ListTranscriptsRequest& req);
Status CheckRequest(const v1::GetTranscriptRequest& req);
Status CheckRequest(const v1::ListSegmentsRequest& req);
Status CheckRequest(const v1::SearchSegmentsRequest& req);
Status CheckRequest(const v1::OpenLiveTranscriptRequest& req);
Status CheckRequest(const v1::AppendSegmentsRequest& req);
Status CheckRequest(const v1::CloseTranscriptRequest& req);
Status CheckRequest(const v1::CorrectSegmentRequest& req);
Status CheckRequest(const v1::GetSegmentHistoryRequest& req);
Status CheckRequest(const v1::ReanchorClaimRequest& req);

// A feed's segments as the importer's, each finished and checked as the importer does a
// file's (import::FinishSegment, import::CheckSegment): kind resolved (UNSPECIFIED is
// SPEECH with a speaker, CUE without), text and speaker trimmed. INVALID_ARGUMENT names
// the segment by its index: "segments[3].text: must not be empty".
Result<std::vector<import::Segment>> AppendedSegments(const v1::AppendSegmentsRequest& req);
// A segment's corrected text, trimmed and checked as an appended segment's is.
Result<std::string> CorrectedText(const std::string& text);

Status CheckRequest(const v1::GetClaimRequest& req);
Status CheckRequest(const v1::ListClaimsRequest& req);
Status CheckRequest(const v1::GetClaimHistoryRequest& req);
Status CheckRequest(const v1::ListSourcesRequest& req);
Status CheckRequest(const v1::RemoveSourceRequest& req);
Status CheckRequest(const v1::AddNoteRequest& req);
Status CheckRequest(const v1::ListNotesRequest& req);
Status CheckRequest(const v1::EditNoteRequest& req);
Status CheckRequest(const v1::RemoveNoteRequest& req);
Status CheckRequest(const v1::ListReviewsRequest& req);
Status CheckRequest(const v1::GetDisputeRequest& req);
Status CheckRequest(const v1::ListDisputesRequest& req);

Status CheckRequest(const v1::GetDashboardRequest& req);
Status CheckRequest(const v1::ExportRequest& req);
// URLs of private addresses pass only with --allow-private-webhooks (`allow_private`);
// what a host name resolves to is the handler's to check.
Status CheckRequest(const v1::AddWebhookRequest& req, bool allow_private);
Status CheckRequest(const v1::ListWebhooksRequest& req);
Status CheckRequest(const v1::RemoveWebhookRequest& req);
Status CheckRequest(const v1::TestWebhookRequest& req);
Status CheckRequest(const v1::ListWebhookDeliveriesRequest& req);
Status CheckRequest(const v1::RevokeTokenRequest& req);
Status CheckRequest(const v1::SubscribeRequest& req);
Status CheckRequest(const v1::UpdatePresenceRequest& req);

}  // namespace factdesk::rpc
