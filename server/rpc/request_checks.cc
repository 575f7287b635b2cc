#include "server/rpc/request_checks.h"

#include <charconv>
#include <filesystem>
#include <optional>
#include <vector>

#include <fmt/format.h>

#include "domain/language_tag.h"
#include "domain/limits.h"
#include "domain/rating_scale.h"
#include "domain/review_rules.h"
#include "domain/text_validation.h"
#include "domain/url.h"
#include "domain/webhook_rules.h"
#include "import/assemble.h"
#include "proto/domain_enums.h"
#include "proto/enum_text.h"

namespace factdesk::rpc {
namespace {

constexpr std::string_view kTokenPrefix = "fdp1.";

}  // namespace

Result<int> PageSize(std::int32_t requested) {
  if (requested < 0) return Status::InvalidArgument("page_size", "must not be negative");
  if (requested == 0) return domain::kDefaultPageSize;
  return std::min(requested, domain::kMaxPageSize);
}

std::string EncodePageToken(std::int64_t position) {
  return std::string(kTokenPrefix) + std::to_string(position);
}

Result<std::int64_t> DecodePageToken(std::string_view token) {
  if (token.empty()) return std::int64_t{0};
  std::int64_t value = 0;
  if (token.starts_with(kTokenPrefix)) {
    const std::string_view digits = token.substr(kTokenPrefix.size());
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec == std::errc() && end == digits.data() + digits.size() && value > 0) return value;
  }
  return Status::InvalidArgument("page_token", "is not a page token from this server");
}

namespace {

Status CheckPaging(std::int32_t page_size, std::string_view page_token) {
  FD_RETURN_IF_ERROR(PageSize(page_size).status());
  return DecodePageToken(page_token).status();
}

// 0 (none) or a positive id.
Status OptionalId(std::string_view field, std::int64_t id) {
  return id < 0 ? RequireId(field, id) : Status::Ok();
}

// An optional BCP 47 tag (empty: the server guesses it from the text).
Status OptionalLanguage(const std::string& tag) {
  if (tag.empty()) return Status::Ok();
  return domain::NormalizeLanguageTag("language", tag).status();
}

Status OptionalUrl(std::string_view field, const std::string& url) {
  return url.empty() ? Status::Ok() : domain::NormalizeUrl(field, url).status();
}

// exporting::IsTranscriptFormat's list; the export library is not linked here (the
// fuzzer builds these checks alone).
bool IsTranscriptExport(v1::ExportFormat format) {
  return format == v1::EXPORT_FORMAT_HTML || format == v1::EXPORT_FORMAT_VTT;
}

bool IsDeskFile(v1::ExportFormat format) {
  return format == v1::EXPORT_FORMAT_CSV || format == v1::EXPORT_FORMAT_SOURCES_CSV ||
         format == v1::EXPORT_FORMAT_ANNOTATIONS;
}

// The audience is for HTML only, and --published-only for the desk files: the public
// formats hold published claims only, always.
Status CheckAudience(const v1::ExportRequest& req) {
  if (req.audience() != v1::EXPORT_AUDIENCE_UNSPECIFIED && !v1::IsKnownEnum(req.audience())) {
    return Status::InvalidArgument("audience", "must be PUBLIC or DESK");
  }
  if (req.audience() != v1::EXPORT_AUDIENCE_UNSPECIFIED && req.format() != v1::EXPORT_FORMAT_HTML) {
    return Status::InvalidArgument("audience", "only the HTML export takes an audience");
  }
  if (req.published_only() && !IsDeskFile(req.format())) {
    return Status::InvalidArgument(
        "published_only",
        "only the desk files (CSV, SOURCES_CSV, ANNOTATIONS) take it; the others hold "
        "published claims only");
  }
  return Status::Ok();
}

// The labels as the rules see them (as store::ToDomainScale reads them).
domain::RatingScale ScaleOf(const v1::SetRatingScaleRequest& req) {
  domain::RatingScale out;
  for (const auto& l : req.labels()) {
    domain::RatingLabel label{l.label(), std::nullopt, l.description()};
    if (l.ordered()) label.value = l.value();
    out.labels.push_back(std::move(label));
  }
  return out;
}

Result<import::SegmentKind> KindOf(const v1::SegmentInput& in) {
  switch (in.kind()) {
    case v1::SEGMENT_KIND_UNSPECIFIED:
      return domain::Trim(in.speaker()).empty() ? import::SegmentKind::kCue
                                                : import::SegmentKind::kSpeech;
    case v1::SEGMENT_KIND_SPEECH:
      return import::SegmentKind::kSpeech;
    case v1::SEGMENT_KIND_CUE:
      return import::SegmentKind::kCue;
    case v1::SEGMENT_KIND_CAPTION:
      return import::SegmentKind::kCaption;
    default:
      return Status::InvalidArgument("kind", "must be SPEECH, CUE or CAPTION");
  }
}

// One segment as the importer would have it (import/assemble.h's checks), or why not.
Result<import::Segment> FinishedSegment(const v1::SegmentInput& in) {
  import::Segment seg;
  FD_ASSIGN_OR_RETURN(seg.kind, KindOf(in));
  seg.speaker = in.speaker();
  if (in.has_start_ms()) seg.start_ms = in.start_ms();
  if (in.has_end_ms()) seg.end_ms = in.end_ms();
  seg.text = in.text();
  FD_RETURN_IF_ERROR(import::CheckSegment(seg));
  FD_RETURN_IF_ERROR(
      domain::ValidateLine("speaker", seg.speaker, domain::kMaxClaimantChars, false));
  seg.speaker = domain::Trim(seg.speaker);
  if (!import::FinishSegment(seg)) return Status::InvalidArgument("text", "must not be empty");
  return seg;
}

}  // namespace

Result<std::vector<import::Segment>> AppendedSegments(const v1::AppendSegmentsRequest& req) {
  std::vector<import::Segment> out;
  out.reserve(static_cast<std::size_t>(req.segments_size()));
  for (int i = 0; i < req.segments_size(); ++i) {
    Result<import::Segment> seg = FinishedSegment(req.segments(i));
    if (!seg.ok()) {
      return Status(seg.status().code(), fmt::format("segments[{}].{}", i, seg.status().message()));
    }
    out.push_back(std::move(*seg));
  }
  return out;
}

Result<std::string> CorrectedText(const std::string& text) {
  v1::SegmentInput in;
  in.set_kind(v1::SEGMENT_KIND_CUE);
  in.set_text(text);
  FD_ASSIGN_OR_RETURN(import::Segment seg, FinishedSegment(in));
  return std::move(seg.text);
}

Status CheckRequest(const v1::GetWorkspaceRequest& req) {
  if (req.workspace_id() == 0 && req.slug().empty()) {
    return Status::InvalidArgument("workspace_id", "give a workspace id or a slug");
  }
  if (req.workspace_id() < 0) return RequireId("workspace_id", req.workspace_id());
  // A malformed slug is refused without echoing it (it may be megabytes).
  return req.workspace_id() == 0 ? domain::ValidateSlug(req.slug()) : Status::Ok();
}

Status CheckRequest(const v1::ListMembersRequest& req) {
  return RequireId("workspace_id", req.workspace_id());
}

Status CheckRequest(const v1::SetMemberRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  FD_RETURN_IF_ERROR(domain::ValidateHandle(req.handle()));
  if (!v1::ToDomain(req.role())) {
    return Status::InvalidArgument("role", "must be viewer, checker, editor or admin");
  }
  return Status::Ok();
}

Status CheckRequest(const v1::RemoveMemberRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  return domain::ValidateHandle(req.handle());
}

Status CheckRequest(const v1::UpdatePolicyRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  if (!v1::IsKnownEnum(req.policy().dispute_rule())) {
    return Status::InvalidArgument("policy.dispute_rule", "must be EDITOR_DECIDES or MAJORITY");
  }
  return domain::ValidatePolicy(v1::ToDomain(req.policy()));
}

Status CheckRequest(const v1::SetRatingScaleRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  return domain::ValidateRatingScale(ScaleOf(req));
}

Status CheckRequest(const v1::UpdatePublisherRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  FD_RETURN_IF_ERROR(
      domain::ValidateLine("publisher.name", domain::Trim(req.publisher().name()), 200, true));
  // Both URLs are optional; given ones must be http(s).
  FD_RETURN_IF_ERROR(OptionalUrl("publisher.url", req.publisher().url()));
  return OptionalUrl("publisher.claim_url_prefix", req.publisher().claim_url_prefix());
}

Status CheckRequest(const v1::ImportTranscriptRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  FD_RETURN_IF_ERROR(domain::ValidateLine("filename", req.filename(), 255, false));
  std::string title = domain::Trim(req.title());
  if (title.empty()) title = std::filesystem::path(req.filename()).stem().string();
  if (title.empty()) {
    return Status::InvalidArgument("title", "must not be empty (give a title or a filename)");
  }
  FD_RETURN_IF_ERROR(domain::ValidateLine("title", title, domain::kMaxTitleChars, true));
  FD_RETURN_IF_ERROR(OptionalUrl("source_url", req.source_url()));
  // The speaker becomes the claimant of the claims made in what it attributes.
  FD_RETURN_IF_ERROR(domain::ValidateLine("speaker", domain::Trim(req.speaker()),
                                          domain::kMaxClaimantChars, false));
  if (req.format() != v1::TRANSCRIPT_FORMAT_UNSPECIFIED && !v1::IsKnownEnum(req.format())) {
    return Status::InvalidArgument("format", "must be TEXT, VTT, SRT or TSV");
  }
  return OptionalLanguage(req.language());
}

Status CheckRequest(const v1::ListTranscriptsRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  return CheckPaging(req.page_size(), req.page_token());
}

Status CheckRequest(const v1::GetTranscriptRequest& req) {
  return RequireId("transcript_id", req.transcript_id());
}

Status CheckRequest(const v1::ListSegmentsRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("transcript_id", req.transcript_id()));
  if (req.from_ordinal() < 0)
    return Status::InvalidArgument("from_ordinal", "must not be negative");
  return CheckPaging(req.page_size(), req.page_token());
}

Status CheckRequest(const v1::SearchSegmentsRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  FD_RETURN_IF_ERROR(OptionalId("transcript_id", req.transcript_id()));
  FD_RETURN_IF_ERROR(
      domain::ValidateLine("query", domain::Trim(req.query()), domain::kMaxSearchQueryChars, true));
  return CheckPaging(req.page_size(), req.page_token());
}

Status CheckRequest(const v1::OpenLiveTranscriptRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  FD_RETURN_IF_ERROR(
      domain::ValidateLine("title", domain::Trim(req.title()), domain::kMaxTitleChars, true));
  FD_RETURN_IF_ERROR(OptionalUrl("source_url", req.source_url()));
  if (req.format() != v1::TRANSCRIPT_FORMAT_UNSPECIFIED && !v1::IsKnownEnum(req.format())) {
    return Status::InvalidArgument("format", "must be TEXT, VTT, SRT or TSV");
  }
  return OptionalLanguage(req.language());
}

Status CheckRequest(const v1::AppendSegmentsRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("transcript_id", req.transcript_id()));
  if (req.first_ordinal() < 0) {
    return Status::InvalidArgument(
        "first_ordinal", fmt::format("must not be negative (got {})", req.first_ordinal()));
  }
  if (req.segments_size() < 1 || req.segments_size() > kMaxAppendSegments) {
    return Status::InvalidArgument(
        "segments", fmt::format("must hold 1 to {} segments (got {})", kMaxAppendSegments,
                                req.segments_size()));
  }
  return AppendedSegments(req).status();
}

Status CheckRequest(const v1::CloseTranscriptRequest& req) {
  return RequireId("transcript_id", req.transcript_id());
}

Status CheckRequest(const v1::CorrectSegmentRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("segment_id", req.segment_id()));
  if (req.expected_revision() < 0) {
    return Status::InvalidArgument(
        "expected_revision",
        fmt::format("must be the revision you read (got {})", req.expected_revision()));
  }
  FD_RETURN_IF_ERROR(CorrectedText(req.text()).status());
  return domain::ValidateText("reason", req.reason(), domain::kMaxReasonChars, false);
}

Status CheckRequest(const v1::GetSegmentHistoryRequest& req) {
  return RequireId("segment_id", req.segment_id());
}

Status CheckRequest(const v1::ReanchorClaimRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("claim_id", req.claim_id()));
  FD_RETURN_IF_ERROR(domain::RequireVersion(req.expected_version()));
  if (req.start_byte() < 0) {
    return Status::InvalidArgument("start_byte",
                                   fmt::format("must not be negative (got {})", req.start_byte()));
  }
  if (req.end_byte() <= req.start_byte()) {
    return Status::InvalidArgument("end_byte", "must be greater than start_byte");
  }
  return Status::Ok();
}

Status CheckRequest(const v1::GetClaimRequest& req) {
  return RequireId("claim_id", req.claim_id());
}

Status CheckRequest(const v1::ListClaimsRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  FD_RETURN_IF_ERROR(OptionalId("transcript_id", req.transcript_id()));
  FD_RETURN_IF_ERROR(OptionalId("assignee_id", req.assignee_id()));
  if (req.assignee_id() != 0 && req.unassigned()) {
    return Status::InvalidArgument("unassigned", "cannot be combined with assignee_id");
  }
  for (const int status : req.statuses()) {
    if (!v1::IsKnownEnum(static_cast<v1::ClaimStatus>(status))) {
      return Status::InvalidArgument("statuses", fmt::format("{} is not a claim status", status));
    }
  }
  return CheckPaging(req.page_size(), req.page_token());
}

Status CheckRequest(const v1::GetClaimHistoryRequest& req) {
  return RequireId("claim_id", req.claim_id());
}

Status CheckRequest(const v1::ListSourcesRequest& req) {
  return RequireId("claim_id", req.claim_id());
}

Status CheckRequest(const v1::RemoveSourceRequest& req) {
  return RequireId("source_id", req.source_id());
}

Status CheckRequest(const v1::AddNoteRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("claim_id", req.claim_id()));
  // Note bodies are Markdown, kept as written; ValidateText refuses blank ones.
  FD_RETURN_IF_ERROR(domain::ValidateText("body", req.body(), domain::kMaxNoteChars, true));
  FD_RETURN_IF_ERROR(OptionalId("parent_id", req.parent_id()));
  if (req.thread() != v1::NOTE_THREAD_UNSPECIFIED && !v1::IsKnownEnum(req.thread())) {
    return Status::InvalidArgument("thread", "must be CLAIM or DISPUTE");
  }
  return Status::Ok();
}

Status CheckRequest(const v1::ListNotesRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("claim_id", req.claim_id()));
  if (req.thread() != v1::NOTE_THREAD_UNSPECIFIED && !v1::IsKnownEnum(req.thread())) {
    return Status::InvalidArgument("thread", "must be CLAIM or DISPUTE");
  }
  return Status::Ok();
}

Status CheckRequest(const v1::EditNoteRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("note_id", req.note_id()));
  FD_RETURN_IF_ERROR(domain::RequireVersion(req.expected_version()));
  return domain::ValidateText("body", req.body(), domain::kMaxNoteChars, true);
}

Status CheckRequest(const v1::RemoveNoteRequest& req) {
  return RequireId("note_id", req.note_id());
}

Status CheckRequest(const v1::ListReviewsRequest& req) {
  return RequireId("claim_id", req.claim_id());
}

Status CheckRequest(const v1::GetDisputeRequest& req) {
  if (req.dispute_id() == 0 && req.claim_id() == 0) {
    return Status::InvalidArgument("dispute_id", "give a dispute id or a claim id");
  }
  FD_RETURN_IF_ERROR(OptionalId("dispute_id", req.dispute_id()));
  return OptionalId("claim_id", req.claim_id());
}

Status CheckRequest(const v1::ListDisputesRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  return OptionalId("transcript_id", req.transcript_id());
}

Status CheckRequest(const v1::GetDashboardRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  return OptionalId("transcript_id", req.transcript_id());
}

Status CheckRequest(const v1::ExportRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  FD_RETURN_IF_ERROR(OptionalId("transcript_id", req.transcript_id()));
  if (!v1::IsKnownEnum(req.format())) {
    return Status::InvalidArgument(
        "format", "must be CLAIMREVIEW, ANNOTATIONS, CSV, SOURCES_CSV, HTML or VTT");
  }
  FD_RETURN_IF_ERROR(CheckAudience(req));
  if (IsTranscriptExport(req.format()) && req.transcript_id() == 0) {
    return Status::InvalidArgument(
        "transcript_id",
        fmt::format("{} renders one transcript; give its id", v1::EnumText(req.format())));
  }
  return Status::Ok();
}

Status CheckRequest(const v1::AddWebhookRequest& req, bool allow_private) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  FD_RETURN_IF_ERROR(domain::CheckWebhookUrl(req.url(), allow_private).status());
  return domain::CheckWebhookEvents(
             std::vector<std::string>(req.events().begin(), req.events().end()))
      .status();
}

Status CheckRequest(const v1::ListWebhooksRequest& req) {
  return RequireId("workspace_id", req.workspace_id());
}

Status CheckRequest(const v1::RemoveWebhookRequest& req) {
  return RequireId("webhook_id", req.webhook_id());
}

Status CheckRequest(const v1::TestWebhookRequest& req) {
  return RequireId("webhook_id", req.webhook_id());
}

Status CheckRequest(const v1::ListWebhookDeliveriesRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("webhook_id", req.webhook_id()));
  if (req.limit() < 0 || req.limit() > kMaxDeliveriesListed) {
    return Status::InvalidArgument(
        "limit", fmt::format("must be between 1 and {} (0: {})", kMaxDeliveriesListed,
                             kMaxDeliveriesListed));
  }
  return Status::Ok();
}

Status CheckRequest(const v1::RevokeTokenRequest& req) {
  // 0 is the token the request is made with.
  return OptionalId("token_id", req.token_id());
}

Status CheckRequest(const v1::SubscribeRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  if (req.after_seq() < 0) return Status::InvalidArgument("after_seq", "must not be negative");
  return Status::Ok();
}

Status CheckRequest(const v1::UpdatePresenceRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  if (req.session_id().empty() || req.session_id().size() > kMaxSessionIdBytes) {
    return Status::InvalidArgument("session_id", "must be 1-64 bytes");
  }
  FD_RETURN_IF_ERROR(OptionalId("transcript_id", req.transcript_id()));
  FD_RETURN_IF_ERROR(OptionalId("segment_id", req.segment_id()));
  FD_RETURN_IF_ERROR(OptionalId("claim_id", req.claim_id()));
  if (req.activity() != v1::ACTIVITY_UNSPECIFIED && !v1::IsKnownEnum(req.activity())) {
    return Status::InvalidArgument("activity", "must be READING, EDITING or IDLE");
  }
  return Status::Ok();
}

}  // namespace factdesk::rpc
