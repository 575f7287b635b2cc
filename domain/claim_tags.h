#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

// Tags sort a desk's claims by topic ("economy", "climate-2024"). A tag is a short
// lowercase slug, so the same topic is never two tags that differ by case or spacing, and
// a tag is safe to print, to put in a URL and to type on a command line.
namespace factdesk::domain {

// OK, or INVALID_ARGUMENT naming the field "tag": empty, longer than kMaxTagChars, or
// anything but ASCII lowercase letters and digits in runs joined by single hyphens.
Status CheckTag(std::string_view tag);

// Whether `tag` may be added to a claim that has `tags` now: OK, ALREADY_EXISTS "tag:
// claim 41 is already tagged economy", or FAILED_PRECONDITION when the claim has
// kMaxTagsPerClaim already. The tag itself is checked by CheckTag first.
Status CheckTagToAdd(std::int64_t claim_id, const std::vector<std::string>& tags,
                     std::string_view tag);

// Whether `tag` may be removed: OK, or NOT_FOUND "tag: claim 41 is not tagged economy".
Status CheckTagToRemove(std::int64_t claim_id, const std::vector<std::string>& tags,
                        std::string_view tag);

}  // namespace factdesk::domain
