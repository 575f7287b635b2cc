#include "client/ui/claim_search_request.h"

namespace factdesk::ui {
namespace {

std::string Trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

}  // namespace

v1::SearchClaimsRequest MakeClaimSearchRequest(const ClaimSearchSpec& spec,
                                               std::int64_t workspace_id,
                                               std::int64_t open_transcript_id,
                                               const std::string& page_token) {
  v1::SearchClaimsRequest req;
  req.set_workspace_id(workspace_id);
  req.set_query(Trimmed(spec.query));
  for (const v1::ClaimStatus s : spec.statuses) req.add_statuses(s);
  req.set_verdict(spec.verdict);
  req.set_speaker(Trimmed(spec.speaker));
  if (spec.this_transcript) req.set_transcript_id(open_transcript_id);
  // "#economy" as the dashboard shows it is the tag "economy".
  std::string tag = Trimmed(spec.tag);
  if (tag.starts_with('#')) tag.erase(0, 1);
  req.set_tag(tag);
  req.set_page_size(kClaimSearchPage);
  req.set_page_token(page_token);
  return req;
}

bool HasSearchWords(std::string_view query) {
  return !Trimmed(query).empty();
}

bool Filtered(const v1::SearchClaimsRequest& request) {
  return request.statuses_size() > 0 || !request.verdict().empty() || !request.speaker().empty() ||
         request.transcript_id() != 0 || !request.tag().empty();
}

std::string_view MatchedFieldLabel(v1::ClaimField field) {
  switch (field) {
    case v1::CLAIM_FIELD_QUOTE:
      return "in the quote";
    case v1::CLAIM_FIELD_SUMMARY:
      return "in the summary";
    case v1::CLAIM_FIELD_RATIONALE:
      return "in a review's rationale";
    case v1::CLAIM_FIELD_NOTE:
      return "in a note";
    case v1::CLAIM_FIELD_SOURCE_TITLE:
      return "in a source's title";
    default:
      return "";
  }
}

}  // namespace factdesk::ui
