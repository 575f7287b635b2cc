#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace factdesk::cli {

// A byte range [start, end) in a segment's text.
struct ByteRange {
  int start = 0;
  int end = 0;
  friend bool operator==(const ByteRange&, const ByteRange&) = default;
};

// Every occurrence of `quote` in `text`, as byte ranges in `text`. People type straight
// quotes where transcripts have typographic ones, so ' also matches ‘ ’ and " matches
// “ ”; everything else matches byte for byte.
std::vector<ByteRange> FindQuote(std::string_view text, std::string_view quote);

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

}  // namespace factdesk::cli
