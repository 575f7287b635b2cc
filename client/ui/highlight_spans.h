#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace factdesk::ui {

// A claim's byte range in a segment's text.
struct ClaimRange {
  std::int64_t claim_id = 0;
  std::size_t start = 0;
  std::size_t end = 0;
};

// A stretch of text covered by the same claims. Where claims overlap, the shortest
// covering claim is on top (so a claim nested inside a longer one stays visible and
// clickable); `depth` says how many cover it.
struct HighlightSpan {
  std::size_t start = 0;
  std::size_t end = 0;
  std::int64_t top_claim = 0;
  int depth = 0;
  friend bool operator==(const HighlightSpan&, const HighlightSpan&) = default;
};

// Splits the claimed parts of `text` into non-overlapping spans, in text order. Ranges
// are clamped to the text and snapped to code point boundaries (start down, end up);
// empty ranges are dropped. Uncovered text gets no span.
std::vector<HighlightSpan> ComputeHighlightSpans(std::string_view text,
                                                 const std::vector<ClaimRange>& ranges);

// The claim on top at `byte` (0 when none).
std::int64_t ClaimAtByte(const std::vector<HighlightSpan>& spans, std::size_t byte);

}  // namespace factdesk::ui
