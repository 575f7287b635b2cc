#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "import/transcript.h"

// The text of a subtitle cue as a reader sees it, split where the speaker changes.
namespace factdesk::import {

enum class CueDialect {
  kWebVtt,  // <v Name> voice tags name speakers
  kSrt,     // also "NAME:" caption labels and {\an8} positioning codes
  // WebVTT as live caption tools (CCExtractor) write it: voice tags, and also the
  // "NAME:" labels and ">>" / "- " turn marks of broadcast captions.
  kWebVttCaptions,
};

struct CueSpan {
  std::string speaker;  // empty when the cue does not say who speaks
  std::string text;     // plain text, trimmed, never empty
};

// Appends to `out` the spans of one cue's raw text: markup tags (<i>, <font ...>,
// <c.class>, <00:00:01.000>) removed, the entities &amp; &lt; &gt; &quot; &apos; &lrm;
// &rlm; &nbsp; and numeric references decoded, lines joined with a space. A voice tag
// (<v Name>, <v.loud Name>) or, in SRT, a caption label ("HOLT:", "- HOLT:", ">> HOLT:")
// changes the speaker and starts a new span.
// `speaker` is the speaker when the cue starts and, on return, when it ends, so SRT
// labels carry on into the following cues, as captions name a speaker only at a change.
void AppendCueSpans(std::string_view raw, CueDialect dialect, std::string& speaker,
                    std::vector<CueSpan>& out);

// The segments of one timed cue (one per speaker in it), appended to `out`.
void AppendCueSegments(std::string_view raw, CueDialect dialect, std::string& speaker,
                       std::int64_t start_ms, std::int64_t end_ms, std::vector<Segment>& out);

}  // namespace factdesk::import
