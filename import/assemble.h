#pragma once

#include <vector>

#include "common/result.h"
#include "import/transcript.h"

namespace factdesk::import {

// What every segment goes through, whether a file's parser found it or a live feed sent
// it (AppendSegments): trims its text and makes voiceless speech wholly in brackets a
// cue. False when no text is left.
bool FinishSegment(Segment& segment);

// The checks a file passes as a whole (Parse), for one segment that arrives alone:
// INVALID_ARGUMENT "text: invalid UTF-8 at byte 4", "text: holds a NUL character (byte
// 9)", "text: is 20000000 bytes; the limit is 16777216 bytes", "speaker: ..." likewise,
// "start_ms: must not be negative (got -5)", "end_ms: 900 is before start_ms 1000".
// Empty text is FinishSegment's to find.
Status CheckSegment(const Segment& segment, const Options& options = {});

// Finishes what an importer found: trims each segment's text and drops empty ones,
// numbers the rest 0..n-1 and lists the speakers in order of first appearance.
// INVALID_ARGUMENT "content: no segments found" when nothing is left.
Result<Transcript> AssembleTranscript(Format format, std::vector<Segment> segments);

}  // namespace factdesk::import
