#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/utf8.h"
#include "import/assemble.h"
#include "import/cue_text.h"
#include "import/importer.h"
#include "import/scan.h"
#include "import/timestamp.h"

namespace factdesk::import {
namespace {

constexpr std::string_view kArrow = "-->";
constexpr std::size_t kMaxQuotedBytes = 40;

struct Cue {
  std::int64_t start_ms = 0;
  std::int64_t end_ms = 0;
  std::string text;  // raw lines joined by "\n"
};

Status LineError(std::size_t line_number, const std::string& problem) {
  return Status::InvalidArgument("content", "line " + std::to_string(line_number) + ": " + problem);
}

Status MalformedTimestamp(std::size_t line_number, std::string_view timestamp) {
  return LineError(
      line_number,
      "malformed timestamp '" + std::string(utf8::TruncateBytes(timestamp, kMaxQuotedBytes)) + "'");
}

// A timing line opens a cue block, or starts with a digit and has an arrow (so a cue
// that lost its blank line still starts a new cue, and "a --> b" in dialogue stays text).
bool IsTimingLine(std::string_view trimmed, bool at_block_start) {
  if (trimmed.find(kArrow) == std::string_view::npos) return false;
  return at_block_start || (!trimmed.empty() && IsAsciiDigit(trimmed.front()));
}

// "00:00:01,000 --> 00:00:04,000" with optional "X1:... Y2:..." coordinates after it.
Result<Cue> ParseTimingLine(std::string_view trimmed, std::size_t line_number) {
  const std::size_t arrow = trimmed.find(kArrow);
  const std::string_view start = TrimSpace(trimmed.substr(0, arrow));
  std::string_view end = TrimSpace(trimmed.substr(arrow + kArrow.size()));
  end = end.substr(0, end.find_first_of(" \t"));
  Cue cue;
  const auto start_ms = ParseSrtTimestamp(start);
  if (!start_ms) return MalformedTimestamp(line_number, start);
  const auto end_ms = ParseSrtTimestamp(end);
  if (!end_ms) return MalformedTimestamp(line_number, end);
  cue.start_ms = *start_ms;
  cue.end_ms = *end_ms;
  return cue;
}

// True when the next non-blank line is a timing line: then a lone number is a cue index.
bool NextIsTimingLine(std::string_view rest) {
  LineReader lines(rest);
  std::string_view line;
  while (lines.Next(line)) {
    const std::string_view trimmed = TrimSpace(line);
    if (!trimmed.empty()) return IsTimingLine(trimmed, true);
  }
  return false;
}

class SegmentWriter {
 public:
  void Add(const Cue& cue) {
    AppendCueSegments(cue.text, CueDialect::kSrt, speaker_, cue.start_ms, cue.end_ms, segments_);
  }
  std::vector<Segment> Take() { return std::move(segments_); }

 private:
  std::string speaker_;  // caption labels name a speaker until the next label or turn mark
  std::vector<Segment> segments_;
};

}  // namespace

Result<Transcript> ParseSrt(std::string_view bytes) {
  LineReader lines(StripBom(bytes));
  SegmentWriter writer;
  std::optional<Cue> cue;
  bool at_block_start = true;
  std::string_view line;
  while (lines.Next(line)) {
    const std::string_view trimmed = TrimSpace(line);
    // A cue index is a number before a timing line, also where the blank line before it is
    // missing.
    if (trimmed.empty() || (IsAllDigits(trimmed) && NextIsTimingLine(lines.rest()))) {
      at_block_start = true;
    } else if (IsTimingLine(trimmed, at_block_start)) {
      if (cue) writer.Add(*cue);
      FD_ASSIGN_OR_RETURN(cue, ParseTimingLine(trimmed, lines.line_number()));
      at_block_start = false;
    } else if (cue) {
      // Text, also after a stray blank line inside a cue: it belongs to the last timing.
      if (!cue->text.empty()) cue->text.push_back('\n');
      cue->text.append(line);
      at_block_start = false;
    }
  }
  if (cue) writer.Add(*cue);
  return AssembleTranscript(Format::kSrt, writer.Take());
}

}  // namespace factdesk::import
