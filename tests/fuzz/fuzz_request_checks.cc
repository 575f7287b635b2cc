// libFuzzer target over the request validation layer: the first byte picks an RPC, the
// rest is its serialized request, as the server receives it. The claim, review and
// source mutations go through proto/workflow_requests.h (CheckedRequest), every other
// RPC through server/rpc/request_checks.h (CheckRequest). Neither may crash; what they let
// through must be what the server stores (single-line text without controls, ids
// positive), and what they refuse must be INVALID_ARGUMENT naming a field, in a short
// message whatever the input's size.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <string_view>

#include "common/utf8.h"
#include "domain/limits.h"
#include "domain/text_validation.h"
#include "proto/workflow_requests.h"
#include "server/rpc/request_checks.h"

namespace {

using factdesk::Code;
using factdesk::Result;

void Check(bool holds) {
  if (!holds) std::abort();
}

// Messages quote at most a short prefix of what was sent.
constexpr std::size_t kMaxMessageBytes = 1024;

void CheckLine(std::string_view field, const std::string& text, std::size_t max_chars) {
  Check(factdesk::domain::ValidateLine(field, text, max_chars, false).ok());
}

void CheckAccepted(const factdesk::v1::CreateClaimRequest& r) {
  Check(r.segment_id() > 0);
  CheckLine("summary", r.summary(), factdesk::domain::kMaxSummaryChars);
  CheckLine("claimant", r.claimant(), factdesk::domain::kMaxClaimantChars);
}
void CheckAccepted(const factdesk::v1::UpdateClaimRequest& r) {
  Check(r.claim_id() > 0 && r.expected_version() > 0);
  CheckLine("summary", r.summary(), factdesk::domain::kMaxSummaryChars);
  CheckLine("claimant", r.claimant(), factdesk::domain::kMaxClaimantChars);
}
void CheckAccepted(const factdesk::v1::AddSourceRequest& r) {
  Check(r.claim_id() > 0 && !r.url().empty());
  CheckLine("title", r.title(), factdesk::domain::kMaxSourceTitleChars);
  CheckLine("publisher", r.publisher(), factdesk::domain::kMaxPublisherChars);
}
void CheckAccepted(const factdesk::v1::SubmitReviewRequest& r) {
  Check(r.claim_id() > 0 && factdesk::utf8::IsValid(r.rationale()));
}
template <typename Req>
void CheckAccepted(const Req& r) {
  Check(r.claim_id() > 0);
}
void CheckAccepted(const factdesk::v1::DecideDisputeRequest& r) {
  Check(r.dispute_id() > 0 && factdesk::utf8::IsValid(r.reasoning()));
}

// What CheckRequest lets through, for the requests whose fields the server stores or
// uses as given; the others' accepted shape is their ids.
void CheckPassed(const factdesk::v1::SearchSegmentsRequest& r) {
  Check(r.workspace_id() > 0 && r.transcript_id() >= 0);
  CheckLine("query", factdesk::domain::Trim(r.query()), factdesk::domain::kMaxSearchQueryChars);
}
void CheckPassed(const factdesk::v1::UpdatePublisherRequest& r) {
  Check(r.workspace_id() > 0);
  CheckLine("publisher.name", factdesk::domain::Trim(r.publisher().name()), 200);
}
void CheckPassed(const factdesk::v1::ImportTranscriptRequest& r) {
  Check(r.workspace_id() > 0);
  CheckLine("filename", r.filename(), 255);
  CheckLine("title", factdesk::domain::Trim(r.title()), factdesk::domain::kMaxTitleChars);
}
void CheckPassed(const factdesk::v1::UpdatePresenceRequest& r) {
  Check(r.workspace_id() > 0 && !r.session_id().empty() && r.session_id().size() <= 64);
  Check(r.transcript_id() >= 0 && r.segment_id() >= 0 && r.claim_id() >= 0);
}
void CheckPassed(const factdesk::v1::ListWebhookDeliveriesRequest& r) {
  Check(r.webhook_id() > 0 && r.limit() >= 0 && r.limit() <= 100);
}
void CheckPassed(const factdesk::v1::AddNoteRequest& r) {
  Check(r.claim_id() > 0 && r.parent_id() >= 0 && factdesk::utf8::IsValid(r.body()));
}
void CheckPassed(const factdesk::v1::EditNoteRequest& r) {
  Check(r.note_id() > 0 && r.expected_version() > 0 && factdesk::utf8::IsValid(r.body()));
}
void CheckPassed(const factdesk::v1::OpenLiveTranscriptRequest& r) {
  Check(r.workspace_id() > 0);
  CheckLine("title", factdesk::domain::Trim(r.title()), factdesk::domain::kMaxTitleChars);
}
// What an append lets through is what the server stores: valid UTF-8 without NUL,
// non-empty text, single-line speakers, times in order.
void CheckPassed(const factdesk::v1::AppendSegmentsRequest& r) {
  Check(r.transcript_id() > 0 && r.first_ordinal() >= 0 && r.segments_size() > 0 &&
        r.segments_size() <= factdesk::rpc::kMaxAppendSegments);
  const auto segments = factdesk::rpc::AppendedSegments(r);
  Check(segments.ok());
  for (const auto& s : *segments) {
    Check(!s.text.empty() && factdesk::utf8::IsValid(s.text) &&
          s.text.find('\0') == std::string::npos);
    CheckLine("speaker", s.speaker, factdesk::domain::kMaxClaimantChars);
    Check(!s.start_ms || !s.end_ms || *s.start_ms <= *s.end_ms);
  }
}
void CheckPassed(const factdesk::v1::CorrectSegmentRequest& r) {
  Check(r.segment_id() > 0 && r.expected_revision() >= 0);
  const auto text = factdesk::rpc::CorrectedText(r.text());
  Check(text.ok() && !text->empty() && factdesk::utf8::IsValid(*text));
}
void CheckPassed(const factdesk::v1::ReanchorClaimRequest& r) {
  Check(r.claim_id() > 0 && r.expected_version() > 0 && r.start_byte() >= 0 &&
        r.end_byte() > r.start_byte());
}
template <typename Req>
void CheckPassed(const Req& /*r*/) {}

// A refusal: INVALID_ARGUMENT "<field>: <reason>", short whatever the input's size.
void CheckRefusal(const factdesk::Status& status) {
  Check(status.code() == Code::kInvalidArgument);
  Check(status.message().size() <= kMaxMessageBytes);
  Check(status.message().find(": ") != std::string::npos);
}

// One of request_checks.h's requests: checked twice, it answers alike (no hidden state).
template <typename Req, typename... Extra>
void RunCheck(std::string_view bytes, Extra... extra) {
  Req req;
  if (!req.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return;
  const factdesk::Status status = factdesk::rpc::CheckRequest(req, extra...);
  const factdesk::Status again = factdesk::rpc::CheckRequest(req, extra...);
  Check(status.code() == again.code() && status.message() == again.message());
  if (status.ok()) {
    CheckPassed(req);
  } else {
    CheckRefusal(status);
  }
}

template <typename Req>
void Run(std::string_view bytes) {
  Req req;
  if (!req.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return;
  const Result<Req> checked = factdesk::v1::CheckedRequest(req);
  if (checked.ok()) {
    CheckAccepted(*checked);
    // Checking is idempotent: what passed once passes again, unchanged.
    const Result<Req> again = factdesk::v1::CheckedRequest(*checked);
    Check(again.ok() && again->SerializeAsString() == checked->SerializeAsString());
    return;
  }
  CheckRefusal(checked.status());
}

// The requests of request_checks.h, by the selector byte (after the workflow ones).
void RunOther(int which, std::string_view bytes) {
  namespace v1 = factdesk::v1;
  using Runner = void (*)(std::string_view);
  static constexpr Runner kRunners[] = {
      RunCheck<v1::GetWorkspaceRequest>,
      RunCheck<v1::ListMembersRequest>,
      RunCheck<v1::SetMemberRequest>,
      RunCheck<v1::RemoveMemberRequest>,
      RunCheck<v1::UpdatePolicyRequest>,
      RunCheck<v1::SetRatingScaleRequest>,
      RunCheck<v1::UpdatePublisherRequest>,
      RunCheck<v1::ImportTranscriptRequest>,
      RunCheck<v1::ListTranscriptsRequest>,
      RunCheck<v1::GetTranscriptRequest>,
      RunCheck<v1::ListSegmentsRequest>,
      RunCheck<v1::SearchSegmentsRequest>,
      RunCheck<v1::GetClaimRequest>,
      RunCheck<v1::ListClaimsRequest>,
      RunCheck<v1::GetClaimHistoryRequest>,
      RunCheck<v1::ListSourcesRequest>,
      RunCheck<v1::RemoveSourceRequest>,
      RunCheck<v1::AddNoteRequest>,
      RunCheck<v1::ListNotesRequest>,
      RunCheck<v1::EditNoteRequest>,
      RunCheck<v1::RemoveNoteRequest>,
      RunCheck<v1::ListReviewsRequest>,
      RunCheck<v1::GetDisputeRequest>,
      RunCheck<v1::ListDisputesRequest>,
      RunCheck<v1::GetDashboardRequest>,
      RunCheck<v1::ExportRequest>,
      [](std::string_view b) { RunCheck<v1::AddWebhookRequest>(b, false); },
      [](std::string_view b) { RunCheck<v1::AddWebhookRequest>(b, true); },
      RunCheck<v1::ListWebhooksRequest>,
      RunCheck<v1::RemoveWebhookRequest>,
      RunCheck<v1::TestWebhookRequest>,
      RunCheck<v1::ListWebhookDeliveriesRequest>,
      RunCheck<v1::RevokeTokenRequest>,
      RunCheck<v1::SubscribeRequest>,
      RunCheck<v1::UpdatePresenceRequest>,
      RunCheck<v1::OpenLiveTranscriptRequest>,
      RunCheck<v1::AppendSegmentsRequest>,
      RunCheck<v1::CloseTranscriptRequest>,
      RunCheck<v1::CorrectSegmentRequest>,
      RunCheck<v1::GetSegmentHistoryRequest>,
      RunCheck<v1::ReanchorClaimRequest>,
  };
  kRunners[static_cast<std::size_t>(which) % std::size(kRunners)](bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  namespace v1 = factdesk::v1;
  // Even selectors: the workflow mutations; odd ones: every other RPC.
  if (data[0] % 2 == 1) {
    RunOther(data[0] / 2, bytes);
    return 0;
  }
  switch ((data[0] / 2) % 11) {
    case 0:
      Run<v1::CreateClaimRequest>(bytes);
      break;
    case 1:
      Run<v1::UpdateClaimRequest>(bytes);
      break;
    case 2:
      Run<v1::AssignClaimRequest>(bytes);
      break;
    case 3:
      Run<v1::TakeClaimRequest>(bytes);
      break;
    case 4:
      Run<v1::DismissClaimRequest>(bytes);
      break;
    case 5:
      Run<v1::ReopenClaimRequest>(bytes);
      break;
    case 6:
      Run<v1::PublishClaimRequest>(bytes);
      break;
    case 7:
      Run<v1::CorrectClaimRequest>(bytes);
      break;
    case 8:
      Run<v1::SubmitReviewRequest>(bytes);
      break;
    case 9:
      Run<v1::AddSourceRequest>(bytes);
      break;
    default:
      Run<v1::DecideDisputeRequest>(bytes);
      break;
  }
  return 0;
}
