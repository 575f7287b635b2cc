#include "import/assemble.h"

#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>

#include "common/utf8.h"
#include "import/scan.h"

namespace factdesk::import {
namespace {

Status CheckText(const std::string& field, std::string_view text, const Options& options) {
  if (text.size() > options.max_bytes) {
    return Status::InvalidArgument(field, "is " + std::to_string(text.size()) +
                                              " bytes; the limit is " +
                                              std::to_string(options.max_bytes) + " bytes");
  }
  if (const auto offset = utf8::FirstInvalidByte(text)) {
    return Status::InvalidArgument(field, "invalid UTF-8 at byte " + std::to_string(*offset));
  }
  // PostgreSQL text cannot hold NUL (Parse refuses it in a file the same way).
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    return Status::InvalidArgument(field,
                                   "holds a NUL character (byte " + std::to_string(nul) + ")");
  }
  return Status::Ok();
}

}  // namespace

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

Status CheckSegment(const Segment& segment, const Options& options) {
  FD_RETURN_IF_ERROR(CheckText("text", segment.text, options));
  FD_RETURN_IF_ERROR(CheckText("speaker", segment.speaker, options));
  if (segment.start_ms && *segment.start_ms < 0) {
    return Status::InvalidArgument(
        "start_ms", "must not be negative (got " + std::to_string(*segment.start_ms) + ")");
  }
  if (segment.end_ms && *segment.end_ms < 0) {
    return Status::InvalidArgument(
        "end_ms", "must not be negative (got " + std::to_string(*segment.end_ms) + ")");
  }
  if (segment.start_ms && segment.end_ms && *segment.end_ms < *segment.start_ms) {
    return Status::InvalidArgument("end_ms", std::to_string(*segment.end_ms) +
                                                 " is before start_ms " +
                                                 std::to_string(*segment.start_ms));
  }
  return Status::Ok();
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
