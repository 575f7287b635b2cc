// libFuzzer target over the request validation layer (proto/workflow_requests.h): the
// first byte picks a mutation RPC, the rest is its serialized request, as the server
// receives it. CheckedRequest must never crash; what it lets through must be what the
// server stores (single-line text without controls, ids positive), and what it refuses
// must be INVALID_ARGUMENT naming a field, in a short message whatever the input's size.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/utf8.h"
#include "domain/limits.h"
#include "domain/text_validation.h"
#include "proto/workflow_requests.h"

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
  const auto& status = checked.status();
  Check(status.code() == Code::kInvalidArgument);
  Check(status.message().size() <= kMaxMessageBytes);
  Check(status.message().find(": ") != std::string::npos);  // "<field>: <reason>"
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  namespace v1 = factdesk::v1;
  switch (data[0] % 11) {
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
