#include "import/assemble.h"

#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "import/scan.h"

namespace factdesk::import {

bool FinishSegment(Segment& segment) {
  const std::string_view text = TrimSpace(segment.text);
  if (text.empty()) return false;
  if (text.size() != segment.text.size()) segment.text = std::string(text);
  // Subtitles mark sounds the same way transcripts do: "(Applause)" with no voice.
  if (segment.speaker.empty() && segment.kind == SegmentKind::kSpeech &&
      IsStageDirection(segment.text)) {
    segment.kind = SegmentKind::kCue;
  }
  return true;
}

Result<Transcript> AssembleTranscript(Format format, std::vector<Segment> segments) {
  Transcript transcript;
  transcript.format = format;
  transcript.segments.reserve(segments.size());
  std::unordered_set<std::string_view> seen;
  for (Segment& segment : segments) {
    if (!FinishSegment(segment)) continue;
    segment.ordinal = static_cast<int>(transcript.segments.size());
    transcript.segments.push_back(std::move(segment));
  }
  if (transcript.segments.empty()) {
    return Status::InvalidArgument("content", "no segments found");
  }
  for (const Segment& segment : transcript.segments) {
    if (segment.speaker.empty() || seen.contains(segment.speaker)) continue;
    // Segments own the strings, and they no longer move, so views into them stay valid.
    seen.insert(segment.speaker);
    transcript.speakers.push_back(segment.speaker);
  }
  return transcript;
}

}  // namespace factdesk::import
