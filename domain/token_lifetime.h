#pragma once

#include <chrono>
#include <string_view>

#include "common/result.h"

namespace factdesk::domain {

// How long a new API token lasts when nobody says. A newsroom's staff, freelancers and
// interns come and go by the season: a quarter bounds what a forgotten token (a
// departed freelancer's laptop, a script's config) can do, and asks people for a new
// one only four times a year.
inline constexpr std::chrono::days kDefaultTokenLifetime{90};
// The longest a token may be issued for, and the shortest.
inline constexpr std::chrono::days kMaxTokenLifetime{366};
inline constexpr std::chrono::hours kMinTokenLifetime{1};

// "12h", "30d", "6w": a whole number of hours, days or weeks within the limits above.
// INVALID_ARGUMENT "--expires-in: ..." otherwise.
Result<std::chrono::seconds> ParseTokenLifetime(std::string_view text);

}  // namespace factdesk::domain
