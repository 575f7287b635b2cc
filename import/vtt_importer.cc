#include <string>
#include <utility>
#include <vector>

#include "import/assemble.h"
#include "import/cue_text.h"
#include "import/importer.h"
#include "import/vtt_cues.h"

namespace factdesk::import {

Result<Transcript> ParseVtt(std::string_view bytes) {
  FD_ASSIGN_OR_RETURN(const std::vector<VttCue> cues, ParseVttCues(bytes));
  std::vector<Segment> segments;
  segments.reserve(cues.size());
  for (const VttCue& cue : cues) {
    // A voice tag names the speaker of its own cue only.
    std::string speaker;
    AppendCueSegments(cue.text, CueDialect::kWebVtt, speaker, cue.start_ms, cue.end_ms, segments);
  }
  return AssembleTranscript(Format::kVtt, std::move(segments));
}

}  // namespace factdesk::import
