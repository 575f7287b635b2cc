#include "domain/claim_tags.h"

#include <algorithm>
#include <cstdio>

#include "domain/limits.h"

namespace factdesk::domain {
namespace {

bool IsSlugChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

// What is wrong at byte `i`, quoting the character only when it is printable ASCII (the
// tag is short by then, but may hold anything).
std::string BadCharacter(std::string_view tag, std::size_t i) {
  const auto c = static_cast<unsigned char>(tag[i]);
  const std::string at = " at byte " + std::to_string(i) + ")";
  if (c >= 'A' && c <= 'Z') return "must be lowercase ('" + std::string(1, tag[i]) + "'" + at;
  if (c > 0x20 && c < 0x7f) {
    return "may hold only a-z, 0-9 and hyphens ('" + std::string(1, tag[i]) + "'" + at;
  }
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(c));
  return "may hold only a-z, 0-9 and hyphens (byte " + std::string(hex) + at;
}

bool Has(const std::vector<std::string>& tags, std::string_view tag) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

}  // namespace

Status CheckTag(std::string_view tag) {
  if (tag.empty()) return Status::InvalidArgument("tag", "must not be empty");
  if (tag.size() > kMaxTagChars) {
    return Status::InvalidArgument("tag", "must be at most " + std::to_string(kMaxTagChars) +
                                              " characters (got " + std::to_string(tag.size()) +
                                              " bytes)");
  }
  for (std::size_t i = 0; i < tag.size(); ++i) {
    if (tag[i] == '-') continue;
    if (!IsSlugChar(tag[i])) return Status::InvalidArgument("tag", BadCharacter(tag, i));
  }
  if (tag.front() == '-' || tag.back() == '-' || tag.find("--") != std::string_view::npos) {
    return Status::InvalidArgument(
        "tag", "hyphens go only between letters or digits, one at a time (like climate-policy)");
  }
  return Status::Ok();
}

Status CheckTagToAdd(std::int64_t claim_id, const std::vector<std::string>& tags,
                     std::string_view tag) {
  if (Has(tags, tag)) {
    return Status::AlreadyExists("tag: claim " + std::to_string(claim_id) + " is already tagged " +
                                 std::string(tag));
  }
  if (tags.size() >= kMaxTagsPerClaim) {
    return Status::FailedPrecondition("claim " + std::to_string(claim_id) + " has " +
                                      std::to_string(tags.size()) +
                                      " tags, the most a claim can have; untag one first");
  }
  return Status::Ok();
}

Status CheckTagToRemove(std::int64_t claim_id, const std::vector<std::string>& tags,
                        std::string_view tag) {
  if (Has(tags, tag)) return Status::Ok();
  return Status::NotFound("tag: claim " + std::to_string(claim_id) + " is not tagged " +
                          std::string(tag));
}

}  // namespace factdesk::domain
