#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "common/result.h"

// Claims point into a segment by a UTF-8 byte range (DESIGN 4.7) and keep the quoted text
// with a little context either side, so the range can be found again if the transcript
// is revised.
namespace factdesk::domain {

struct Anchor {
  std::string quote;   // the exact bytes of the range
  std::string prefix;  // up to kAnchorContextBytes before it, starting on a code point
  std::string suffix;  // up to kAnchorContextBytes after it, ending on a code point

  friend bool operator==(const Anchor&, const Anchor&) = default;
};

// The anchor of segment_text[start, end), or INVALID_ARGUMENT:
//   "start_byte: must not be negative (got -1)"
//   "end_byte: 120 is past the end of the segment (97 bytes)"
//   "end_byte: must be greater than start_byte"
//   "start_byte: 5 splits a UTF-8 character" (likewise end_byte)
//   "quote: the selected text is only whitespace"
Result<Anchor> AnchorRange(std::string_view segment_text, std::int64_t start, std::int64_t end);

// The byte range of the anchor's quote in `new_text`: among all occurrences, the one whose
// surroundings share the most bytes with the stored prefix (read backwards) and suffix
// (read forwards); the earliest wins a tie. nullopt when the exact quote no longer occurs.
std::optional<std::pair<std::int64_t, std::int64_t>> Reanchor(std::string_view new_text,
                                                              const Anchor& anchor);

}  // namespace factdesk::domain
