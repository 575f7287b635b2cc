#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "factdesk/v1/claim.pb.h"

namespace factdesk::ui {

// What the Claims tab searches for: the words and the filters, as the user set them.
struct ClaimSearchSpec {
  std::string query;
  // Empty: every state.
  std::set<v1::ClaimStatus> statuses;
  // A label of the workspace's rating scale (empty: any verdict).
  std::string verdict;
  std::string speaker;
  // Only the transcript open in the reader.
  bool this_transcript = false;
  std::string tag;

  bool has_filters() const {
    return !statuses.empty() || !verdict.empty() || !speaker.empty() || this_transcript ||
           !tag.empty();
  }
};

// Hits the desktop asks for at a time ("more" asks for the next page).
inline constexpr int kClaimSearchPage = 25;

// The request for `spec`: words and filters trimmed of surrounding blanks, the
// transcript only when `this_transcript` and one is open; `page_token` for the next page.
v1::SearchClaimsRequest MakeClaimSearchRequest(const ClaimSearchSpec& spec,
                                               std::int64_t workspace_id,
                                               std::int64_t open_transcript_id,
                                               const std::string& page_token = "");
// Whether the query has anything to search for (not only blanks).
bool HasSearchWords(std::string_view query);
// Whether a request narrows its hits by any filter.
bool Filtered(const v1::SearchClaimsRequest& request);
// Where a hit matched, as a hit row says it: "in the summary", "in a note", ...
std::string_view MatchedFieldLabel(v1::ClaimField field);

}  // namespace factdesk::ui
