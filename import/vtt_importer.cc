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
  std::vector<CueSpan> spans;
  for (const VttCue& cue : cues) {
    // A voice tag names the speaker of its own cue only.
    std::string speaker;
    spans.clear();
    AppendCueSpans(cue.text, CueDialect::kWebVtt, speaker, spans);
    for (CueSpan& span : spans) {
      Segment segment;
      segment.speaker = std::move(span.speaker);
      segment.start_ms = cue.start_ms;
      segment.end_ms = cue.end_ms;
      segment.text = std::move(span.text);
      segments.push_back(std::move(segment));
    }
  }
  return AssembleTranscript(Format::kVtt, std::move(segments));
}

}  // namespace factdesk::import
