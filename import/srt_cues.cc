#include "import/srt_cues.h"

#include "common/utf8.h"
#include "import/scan.h"
#include "import/timestamp.h"

namespace factdesk::import {
namespace {

constexpr std::string_view kArrow = "-->";
constexpr std::size_t kMaxQuotedBytes = 40;

Status MalformedTimestamp(std::size_t line_number, std::string_view timestamp) {
  return Status::InvalidArgument(
      "content", "line " + std::to_string(line_number) + ": malformed timestamp '" +
                     std::string(utf8::TruncateBytes(timestamp, kMaxQuotedBytes)) + "'");
}

}  // namespace

bool IsSrtTimingLine(std::string_view trimmed, bool at_block_start) {
  if (trimmed.find(kArrow) == std::string_view::npos) return false;
  return at_block_start || (!trimmed.empty() && IsAsciiDigit(trimmed.front()));
}

Result<SrtCue> ParseSrtTimingLine(std::string_view trimmed, std::size_t line_number) {
  const std::size_t arrow = trimmed.find(kArrow);
  const std::string_view start = TrimSpace(trimmed.substr(0, arrow));
  std::string_view end = TrimSpace(trimmed.substr(arrow + kArrow.size()));
  end = end.substr(0, end.find_first_of(" \t"));
  SrtCue cue;
  const auto start_ms = ParseSrtTimestamp(start);
  if (!start_ms) return MalformedTimestamp(line_number, start);
  const auto end_ms = ParseSrtTimestamp(end);
  if (!end_ms) return MalformedTimestamp(line_number, end);
  cue.start_ms = *start_ms;
  cue.end_ms = *end_ms;
  return cue;
}

}  // namespace factdesk::import
