#include "client/ui/claim_filter.h"

#include <algorithm>
#include <cctype>

#include "proto/labels.h"

namespace factdesk::ui {

std::size_t FindCaseless(std::string_view haystack, std::string_view needle, std::size_t from) {
  if (needle.empty()) return from <= haystack.size() ? from : std::string_view::npos;
  auto it =
      std::search(haystack.begin() + static_cast<std::ptrdiff_t>(std::min(from, haystack.size())),
                  haystack.end(), needle.begin(), needle.end(), [](char a, char b) {
                    return std::tolower(static_cast<unsigned char>(a)) ==
                           std::tolower(static_cast<unsigned char>(b));
                  });
  return it == haystack.end() ? std::string_view::npos
                              : static_cast<std::size_t>(it - haystack.begin());
}

bool MatchesFilter(const ClaimFilterSpec& spec, const v1::Claim& claim) {
  if (!spec.statuses.empty() && !spec.statuses.contains(claim.status())) return false;
  if (spec.assigned_to_me) {
    const bool mine = std::any_of(claim.assignees().begin(), claim.assignees().end(),
                                  [&](const v1::User& u) { return u.id() == spec.self_user_id; });
    if (!mine) return false;
  }
  if (!spec.speaker.empty() && claim.claimant() != spec.speaker &&
      claim.speaker() != spec.speaker) {
    return false;
  }
  if (!spec.text.empty() && FindCaseless(claim.quote(), spec.text) == std::string_view::npos &&
      FindCaseless(claim.summary(), spec.text) == std::string_view::npos) {
    return false;
  }
  if (!spec.tag.empty() &&
      std::find(claim.tags().begin(), claim.tags().end(), spec.tag) == claim.tags().end()) {
    return false;
  }
  return true;
}

std::string DescribeFilter(const ClaimFilterSpec& spec) {
  std::string out;
  auto part = [&out](std::string_view text, const char* separator) {
    if (!out.empty()) out += separator;
    out += text;
  };
  std::string statuses;
  for (const v1::ClaimStatus status : spec.statuses) {
    if (!statuses.empty()) statuses += ", ";
    statuses += v1::ClaimStatusLabel(status);
  }
  if (!statuses.empty()) part(statuses, " \xC2\xB7 ");
  if (spec.assigned_to_me) part("mine", " \xC2\xB7 ");
  if (!spec.speaker.empty()) part(spec.speaker, " \xC2\xB7 ");
  if (!spec.text.empty()) part("\"" + spec.text + "\"", " \xC2\xB7 ");
  if (!spec.tag.empty()) part("#" + spec.tag, " \xC2\xB7 ");
  return out;
}

model::WorkspaceModel::ClaimFilter MakeClaimFilter(const ClaimFilterSpec& spec) {
  if (spec.empty()) return {};
  return [spec](const v1::Claim& claim) { return MatchesFilter(spec, claim); };
}

}  // namespace factdesk::ui
