#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "import/assemble.h"
#include "import/cue_text.h"
#include "import/importer.h"
#include "import/scan.h"
#include "import/srt_cues.h"

namespace factdesk::import {
namespace {

// True when the next non-blank line is a timing line: then a lone number is a cue index.
bool NextIsTimingLine(std::string_view rest) {
  LineReader lines(rest);
  std::string_view line;
  while (lines.Next(line)) {
    const std::string_view trimmed = TrimSpace(line);
    if (!trimmed.empty()) return IsSrtTimingLine(trimmed, true);
  }
  return false;
}

class SegmentWriter {
 public:
  void Add(const SrtCue& cue) {
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
  std::optional<SrtCue> cue;
  bool at_block_start = true;
  std::string_view line;
  while (lines.Next(line)) {
    const std::string_view trimmed = TrimSpace(line);
    // A cue index is a number before a timing line, also where the blank line before it is
    // missing.
    if (trimmed.empty() || (IsAllDigits(trimmed) && NextIsTimingLine(lines.rest()))) {
      at_block_start = true;
    } else if (IsSrtTimingLine(trimmed, at_block_start)) {
      if (cue) writer.Add(*cue);
      FD_ASSIGN_OR_RETURN(cue, ParseSrtTimingLine(trimmed, lines.line_number()));
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
