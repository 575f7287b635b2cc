#pragma once

#include <vector>

#include "common/result.h"
#include "import/transcript.h"

namespace factdesk::import {

// Finishes one segment as AssembleTranscript does: trims its text and makes a speakerless
// stage direction ("(Applause)") a cue. False when no text is left.
bool FinishSegment(Segment& segment);

// Finishes what an importer found: trims each segment's text and drops empty ones,
// numbers the rest 0..n-1 and lists the speakers in order of first appearance.
// INVALID_ARGUMENT "content: no segments found" when nothing is left.
Result<Transcript> AssembleTranscript(Format format, std::vector<Segment> segments);

}  // namespace factdesk::import
