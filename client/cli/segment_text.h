#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace factdesk::cli {

// People count segments from 1, in what the CLI prints and in what it takes (--ordinal,
// --from), as the desktop does. The API's `ordinal` counts from 0 and stays so (it is the
// wire contract, and --json prints the API's records as they are).
inline int SegmentNumber(int api_ordinal) {
  return api_ordinal + 1;
}
inline int ApiOrdinal(int segment_number) {
  return segment_number - 1;
}

// A byte range [start, end) in a segment's text.
struct ByteRange {
  int start = 0;
  int end = 0;
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

// A claim to show inside its segment's text.
struct ClaimMark {
  std::int64_t id = 0;
  ByteRange range;
  std::string tag;  // e.g. "IN_REVIEW" or "RESOLVED: Mostly false"
};

// The text with each claim's range wrapped as "[[#12 quoted text]](IN_REVIEW)", so a
// reader sees where claims are. Ranges outside the text or off code point boundaries
// are clamped; overlapping claims nest or interleave their brackets.
std::string MarkClaims(std::string_view text, std::vector<ClaimMark> marks);

// The range of `quote` (--quote) in a segment's `text`: its `occurrence`-th match
// (--occurrence, 1-based; 0 when not given, which is fine only for a quote that occurs once).
// INVALID_ARGUMENT names the flag and `where` ("segment 4 of transcript 2") when the quote
// is not there, occurs fewer times than asked, or occurs more than once with no occurrence.
Result<ByteRange> QuoteRange(std::string_view text, std::string_view quote, int occurrence,
                             std::string_view where);

}  // namespace factdesk::cli
