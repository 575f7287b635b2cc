#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

// SRT cue blocks: the timing line that opens a cue and the cue's times.
namespace factdesk::import {

struct SrtCue {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::string text;  // raw lines joined by "\n"
};

// A timing line opens a cue block, or starts with a digit and has an arrow (so a cue
// that lost its blank line still starts a new cue, and "a --> b" in dialogue stays text).
// `trimmed` is the line without surrounding white space.
bool IsSrtTimingLine(std::string_view trimmed, bool at_block_start);

// "00:00:01,000 --> 00:00:04,000" with optional "X1:... Y2:..." coordinates after it; a
// cue with those times and no text. INVALID_ARGUMENT "content: line N: malformed
// timestamp '...'" otherwise.
Result<SrtCue> ParseSrtTimingLine(std::string_view trimmed, std::size_t line_number);

}  // namespace factdesk::import
