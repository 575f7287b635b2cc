#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

// WebVTT cues as the W3C file-parsing algorithm produces them.
namespace factdesk::import {

struct VttCue {
  std::string identifier;
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;  // may be before start_ms: the algorithm keeps such cues
  std::string text;         // the raw cue text: lines joined by "\n", tags and entities as written
};

// Runs the WebVTT file-parsing algorithm (https://www.w3.org/TR/webvtt1/#file-parsing):
// an optional BOM, the "WEBVTT" signature, the header, then cue blocks; NOTE, STYLE and
// REGION blocks and cue settings are skipped; NUL becomes U+FFFD; lines end with LF,
// CRLF or CR. A wrong signature is INVALID_ARGUMENT; a file with no cues is not an error.
Result<std::vector<VttCue>> ParseVttCues(std::string_view bytes);

}  // namespace factdesk::import
