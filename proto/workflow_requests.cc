#include "proto/workflow_requests.h"

#include <algorithm>

#include "domain/field_checks.h"
#include "domain/limits.h"
#include "domain/text_validation.h"
#include "domain/url.h"
#include "proto/enum_text.h"

namespace factdesk::v1 {
namespace {

using domain::RequireId;
using domain::RequireVersion;

// Trims `*text` and checks it.
Status TrimmedText(std::string_view field, std::string* text, std::size_t max_chars,
                   bool required) {
  *text = domain::Trim(*text);
  return domain::ValidateText(field, *text, max_chars, required);
}

// Trims `*text` and checks it as a single line (no control characters).
Status TrimmedLine(std::string_view field, std::string* text, std::size_t max_chars,
                   bool required) {
  *text = domain::Trim(*text);
  return domain::ValidateLine(field, *text, max_chars, required);
}

// A claim's summary and claimant, either of which a change may leave out; given ones
// must not be blank.
template <typename Req>
Status ClaimTexts(Req& req) {
  if (req.has_summary()) {
    FD_RETURN_IF_ERROR(
        TrimmedLine("summary", req.mutable_summary(), domain::kMaxSummaryChars, true));
  }
  if (req.has_claimant()) {
    FD_RETURN_IF_ERROR(
        TrimmedLine("claimant", req.mutable_claimant(), domain::kMaxClaimantChars, true));
  }
  return Status::Ok();
}

// An optional URL, normalised when given.
Status OptionalUrl(std::string_view field, std::string* url) {
  if (url->empty()) return Status::Ok();
  FD_ASSIGN_OR_RETURN(*url, domain::NormalizeUrl(field, *url));
  return Status::Ok();
}

}  // namespace

Result<CreateClaimRequest> CheckedRequest(const CreateClaimRequest& in) {
  CreateClaimRequest req = in;
  FD_RETURN_IF_ERROR(RequireId("segment_id", req.segment_id()));
  // Empty means "the default" (the quote, the speaker); blank is refused.
  if (!req.summary().empty()) {
    FD_RETURN_IF_ERROR(
        TrimmedLine("summary", req.mutable_summary(), domain::kMaxSummaryChars, true));
  }
  if (!req.claimant().empty()) {
    FD_RETURN_IF_ERROR(
        TrimmedLine("claimant", req.mutable_claimant(), domain::kMaxClaimantChars, true));
  }
  return req;
}

Result<UpdateClaimRequest> CheckedRequest(const UpdateClaimRequest& in) {
  UpdateClaimRequest req = in;
  FD_RETURN_IF_ERROR(RequireId("claim_id", req.claim_id()));
  FD_RETURN_IF_ERROR(RequireVersion(req.expected_version()));
  if (!req.has_summary() && !req.has_claimant()) {
    return Status::InvalidArgument("summary", "give a summary or a claimant to change");
  }
  FD_RETURN_IF_ERROR(ClaimTexts(req));
  return req;
}

Result<AssignClaimRequest> CheckedRequest(const AssignClaimRequest& in) {
  AssignClaimRequest req = in;
  FD_RETURN_IF_ERROR(RequireId("claim_id", req.claim_id()));
  FD_RETURN_IF_ERROR(RequireVersion(req.expected_version()));
  auto& ids = *req.mutable_assignee_ids();
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  if (static_cast<std::size_t>(ids.size()) > domain::kMaxAssignees) {
    return Status::InvalidArgument(
        "assignee_ids",
        "at most " + std::to_string(domain::kMaxAssignees) + " assignees per claim");
  }
  for (const std::int64_t id : ids) FD_RETURN_IF_ERROR(RequireId("assignee_ids", id));
  return req;
}

Result<TakeClaimRequest> CheckedRequest(const TakeClaimRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("claim_id", req.claim_id()));
  return req;
}

Result<DismissClaimRequest> CheckedRequest(const DismissClaimRequest& in) {
  DismissClaimRequest req = in;
  FD_RETURN_IF_ERROR(RequireId("claim_id", req.claim_id()));
  FD_RETURN_IF_ERROR(RequireVersion(req.expected_version()));
  if (!IsKnownEnum(req.reason())) {
    return Status::InvalidArgument(
        "reason", "must be OPINION, PREDICTION, NOT_CHECKABLE, NOT_A_CLAIM or DUPLICATE");
  }
  FD_RETURN_IF_ERROR(
      TrimmedText("explanation", req.mutable_explanation(), domain::kMaxReasonChars, false));
  if (req.duplicate_of_claim_id() < 0) {
    return RequireId("duplicate_of_claim_id", req.duplicate_of_claim_id());
  }
  if (req.duplicate_of_check_id() < 0) {
    return RequireId("duplicate_of_check_id", req.duplicate_of_check_id());
  }
  const int named = (req.duplicate_of_claim_id() != 0) + (req.duplicate_of_check_id() != 0);
  if (req.reason() == DISMISS_REASON_DUPLICATE && named != 1) {
    return Status::InvalidArgument(
        "duplicate_of", named == 0 ? "a duplicate names the claim or archived check it duplicates"
                                   : "name one claim or one archived check, not both");
  }
  if (req.reason() != DISMISS_REASON_DUPLICATE && named != 0) {
    return Status::InvalidArgument("duplicate_of",
                                   "only a claim dismissed as DUPLICATE names what it duplicates");
  }
  return req;
}

Result<LinkClaimRequest> CheckedRequest(const LinkClaimRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("claim_id", req.claim_id()));
  FD_RETURN_IF_ERROR(RequireVersion(req.expected_version()));
  if (req.check_id() < 0) return RequireId("check_id", req.check_id());
  if (req.same_as_claim_id() < 0) return RequireId("same_as_claim_id", req.same_as_claim_id());
  if ((req.check_id() != 0) == (req.same_as_claim_id() != 0)) {
    return Status::InvalidArgument(
        "check_id",
        "name exactly one target: an archived check or another claim (same_as_claim_id)");
  }
  if (req.same_as_claim_id() == req.claim_id()) {
    return Status::InvalidArgument("same_as_claim_id",
                                   "a claim cannot be the same claim as itself");
  }
  return req;
}

Result<UnlinkClaimRequest> CheckedRequest(const UnlinkClaimRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("claim_id", req.claim_id()));
  FD_RETURN_IF_ERROR(RequireVersion(req.expected_version()));
  return req;
}

Result<ReopenClaimRequest> CheckedRequest(const ReopenClaimRequest& in) {
  ReopenClaimRequest req = in;
  FD_RETURN_IF_ERROR(RequireId("claim_id", req.claim_id()));
  FD_RETURN_IF_ERROR(RequireVersion(req.expected_version()));
  FD_RETURN_IF_ERROR(TrimmedText("reason", req.mutable_reason(), domain::kMaxReasonChars, true));
  return req;
}

Result<PublishClaimRequest> CheckedRequest(const PublishClaimRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("claim_id", req.claim_id()));
  FD_RETURN_IF_ERROR(RequireVersion(req.expected_version()));
  return req;
}

Result<CorrectClaimRequest> CheckedRequest(const CorrectClaimRequest& in) {
  CorrectClaimRequest req = in;
  FD_RETURN_IF_ERROR(RequireId("claim_id", req.claim_id()));
  FD_RETURN_IF_ERROR(RequireVersion(req.expected_version()));
  FD_RETURN_IF_ERROR(TrimmedText("reason", req.mutable_reason(), domain::kMaxReasonChars, true));
  if (!req.has_summary() && !req.has_claimant() && !req.has_verdict()) {
    return Status::InvalidArgument("summary",
                                   "a correction changes the summary, the claimant "
                                   "or the verdict; give at least one");
  }
  FD_RETURN_IF_ERROR(ClaimTexts(req));
  return req;
}

Result<SubmitReviewRequest> CheckedRequest(const SubmitReviewRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("claim_id", req.claim_id()));
  if (req.verdict().empty()) return Status::InvalidArgument("verdict", "must not be empty");
  // The rationale is Markdown, kept exactly as written.
  FD_RETURN_IF_ERROR(
      domain::ValidateText("rationale", req.rationale(), domain::kMaxRationaleChars, true));
  if (!IsKnownEnum(req.confidence())) {
    return Status::InvalidArgument("confidence", "must be LOW, MEDIUM or HIGH");
  }
  if (req.expected_version() < 0) {
    return Status::InvalidArgument("expected_version", "must not be negative");
  }
  return req;
}

Result<AddSourceRequest> CheckedRequest(const AddSourceRequest& in) {
  AddSourceRequest req = in;
  FD_RETURN_IF_ERROR(RequireId("claim_id", req.claim_id()));
  FD_ASSIGN_OR_RETURN(*req.mutable_url(), domain::NormalizeUrl("url", req.url()));
  FD_RETURN_IF_ERROR(OptionalUrl("archived_url", req.mutable_archived_url()));
  FD_RETURN_IF_ERROR(
      TrimmedLine("title", req.mutable_title(), domain::kMaxSourceTitleChars, false));
  FD_RETURN_IF_ERROR(
      TrimmedLine("publisher", req.mutable_publisher(), domain::kMaxPublisherChars, false));
  FD_RETURN_IF_ERROR(
      TrimmedText("excerpt", req.mutable_excerpt(), domain::kMaxExcerptChars, false));
  if (!IsKnownEnum(req.stance())) {
    return Status::InvalidArgument("stance", "must be SUPPORTS, REFUTES or CONTEXT");
  }
  return req;
}

Result<DecideDisputeRequest> CheckedRequest(const DecideDisputeRequest& in) {
  DecideDisputeRequest req = in;
  FD_RETURN_IF_ERROR(RequireId("dispute_id", req.dispute_id()));
  if (req.verdict().empty()) return Status::InvalidArgument("verdict", "must not be empty");
  FD_RETURN_IF_ERROR(
      TrimmedText("reasoning", req.mutable_reasoning(), domain::kMaxRationaleChars, true));
  return req;
}

}  // namespace factdesk::v1
