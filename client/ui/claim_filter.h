#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "client/model/workspace_model.h"
#include "factdesk/v1/claim.pb.h"

namespace factdesk::ui {

// Which claims the reader highlights and J/K visits.
struct ClaimFilterSpec {
  // Empty: every status.
  std::set<v1::ClaimStatus> statuses;
  // Only claims assigned to `self_user_id`.
  bool assigned_to_me = false;
  std::int64_t self_user_id = 0;
  // Only this claimant or segment speaker (empty: anyone).
  std::string speaker;
  // Case-insensitive (ASCII) substring of the quote or summary (empty: any).
  std::string text;
  // Only claims with this tag (empty: any).
  std::string tag;

  bool empty() const {
    return statuses.empty() && !assigned_to_me && speaker.empty() && text.empty() && tag.empty();
  }
};

bool MatchesFilter(const ClaimFilterSpec& spec, const v1::Claim& claim);
// The spec in a few words for the reader's filter button: "Disputed, In review · mine ·
// Clinton · \"jobs\" · #economy", or "" for an empty spec.
std::string DescribeFilter(const ClaimFilterSpec& spec);
// The spec as a model query filter (an empty function for an empty spec).
model::WorkspaceModel::ClaimFilter MakeClaimFilter(const ClaimFilterSpec& spec);
// ASCII case-insensitive substring search; npos when absent.
std::size_t FindCaseless(std::string_view haystack, std::string_view needle, std::size_t from = 0);

}  // namespace factdesk::ui
