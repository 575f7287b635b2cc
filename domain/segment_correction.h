#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include "domain/anchor.h"

// What a correction of a segment's text does to a claim anchored in it (issue 13): the
// claim follows its quote (Reanchor: quote, prefix and suffix), or, when the quote is no
// longer in the text, stays where it was and is flagged. Never moved silently, never lost.
namespace factdesk::domain {

struct AnchorAfterCorrection {
  // The claim's range in the corrected text.
  std::int64_t start = 0;
  std::int64_t end = 0;
  // The anchor at the new range (prefix and suffix recomputed) when the quote was found;
  // nullopt when it was not: the range is then the old one clamped into the text.
  std::optional<Anchor> anchor;

  bool quote_found() const { return anchor.has_value(); }
};

// Where the claim anchored at [start, end) with `anchor` stands in `new_text` (non-empty).
AnchorAfterCorrection FollowCorrection(std::string_view new_text, const Anchor& anchor,
                                       std::int64_t start, std::int64_t end);

// [start, end) moved into `text` (non-empty): within it, on code point boundaries, and
// never empty (the database holds end > start).
std::pair<std::int64_t, std::int64_t> ClampRange(std::string_view text, std::int64_t start,
                                                 std::int64_t end);

}  // namespace factdesk::domain
