#include "server/rpc/claim_search.h"

#include <google/protobuf/util/time_util.h>

#include "domain/claim_tags.h"
#include "domain/limits.h"
#include "domain/review_rules.h"
#include "domain/text_validation.h"
#include "proto/enum_text.h"
#include "server/rpc/authorize.h"
#include "server/rpc/heavy_calls.h"
#include "server/rpc/request_checks.h"
#include "server/store/rows.h"
#include "server/store/scale_store.h"
#include "server/store/transcript_store.h"

namespace factdesk::rpc {
namespace {

using store::Tx;
using TimeUtil = google::protobuf::util::TimeUtil;

// Microseconds since the epoch of a set time, or INVALID_ARGUMENT naming the field.
Result<std::optional<std::int64_t>> CheckedTime(std::string_view field,
                                                const v1::SearchClaimsRequest& req,
                                                const google::protobuf::Timestamp& ts) {
  const bool set = field == "since" ? req.has_since() : req.has_until();
  if (!set) return std::optional<std::int64_t>();
  if (ts.seconds() < TimeUtil::kTimestampMinSeconds ||
      ts.seconds() > TimeUtil::kTimestampMaxSeconds || ts.nanos() < 0 || ts.nanos() > 999'999'999) {
    return Status::InvalidArgument(std::string(field), "is not a valid time");
  }
  return std::optional(store::Micros(ts));
}

Status CheckFilterText(const v1::SearchClaimsRequest& req) {
  FD_RETURN_IF_ERROR(
      domain::ValidateLine("verdict", req.verdict(), domain::kMaxRatingLabelChars, false));
  FD_RETURN_IF_ERROR(
      domain::ValidateLine("speaker", req.speaker(), domain::kMaxClaimantChars, false));
  if (!req.tag().empty()) FD_RETURN_IF_ERROR(domain::CheckTag(req.tag()));
  return Status::Ok();
}

// What is checked against the workspace: the transcript is in it, the verdict on its scale.
Status CheckAgainstWorkspace(Tx& tx, const store::ClaimSearch& s) {
  if (s.transcript_id != 0) {
    FD_ASSIGN_OR_RETURN(const auto ws, store::TranscriptWorkspace(tx, s.transcript_id));
    if (ws != s.workspace_id) {
      return Status::NotFound("transcript " + std::to_string(s.transcript_id) +
                              " is not in this workspace");
    }
  }
  if (!s.verdict.empty()) {
    FD_ASSIGN_OR_RETURN(const v1::RatingScale scale, store::CurrentScale(tx, s.workspace_id));
    FD_RETURN_IF_ERROR(domain::CheckVerdict(store::ToDomainScale(scale), s.verdict));
  }
  return Status::Ok();
}

}  // namespace

Result<store::ClaimSearch> CheckedSearch(const v1::SearchClaimsRequest& req) {
  FD_RETURN_IF_ERROR(RequireId("workspace_id", req.workspace_id()));
  if (req.transcript_id() < 0) return RequireId("transcript_id", req.transcript_id());
  store::ClaimSearch s;
  s.workspace_id = req.workspace_id();
  s.transcript_id = req.transcript_id();
  s.query = domain::Trim(req.query());
  FD_RETURN_IF_ERROR(domain::ValidateLine("query", s.query, domain::kMaxSearchQueryChars, true));
  for (const int status : req.statuses()) {
    const auto value = static_cast<v1::ClaimStatus>(status);
    if (!v1::IsKnownEnum(value)) {
      return Status::InvalidArgument("statuses", std::to_string(status) + " is not a claim status");
    }
    s.statuses.push_back(v1::EnumText(value));
  }
  FD_RETURN_IF_ERROR(CheckFilterText(req));
  s.verdict = req.verdict();
  s.speaker = domain::Trim(req.speaker());
  s.tag = req.tag();
  FD_ASSIGN_OR_RETURN(s.since_us, CheckedTime("since", req, req.since()));
  FD_ASSIGN_OR_RETURN(s.until_us, CheckedTime("until", req, req.until()));
  if (s.since_us && s.until_us && *s.until_us <= *s.since_us) {
    return Status::InvalidArgument("until", "must be after since");
  }
  return s;
}

Status RunClaimSearch(Runtime& rt, Call& call, const v1::SearchClaimsRequest& req,
                      v1::SearchClaimsResponse* resp) {
  FD_ASSIGN_OR_RETURN(store::ClaimSearch search, CheckedSearch(req));
  FD_ASSIGN_OR_RETURN(const int limit, PageSize(req.page_size()));
  FD_ASSIGN_OR_RETURN(const std::int64_t token, DecodePageToken(req.page_token()));
  const int offset = token == 0 ? 0 : static_cast<int>(token - 1);
  FD_ASSIGN_OR_RETURN(const HeavyCalls::Slot slot, rt.heavy->Enter(call.user_id(), "search"));
  return rt.db.Read("SearchClaims", [&](Tx& tx) -> Status {
    FD_ASSIGN_OR_RETURN(const domain::Role role,
                        Authorize(tx, search.workspace_id, call, domain::Action::kRead));
    FD_RETURN_IF_ERROR(CheckAgainstWorkspace(tx, search));
    search.reader_id = call.user_id();
    search.reader_sees_all_reviews = domain::HasAtLeast(role, domain::Role::kEditor);
    FD_ASSIGN_OR_RETURN(auto page, store::SearchClaims(tx, search, offset, limit));
    SetSearchPage(page, offset, resp);
    return Status::Ok();
  });
}

}  // namespace factdesk::rpc
