#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace factdesk::import {

// The file formats Factdesk reads.
enum class Format { kText, kVtt, kSrt, kTsv };

// Speech carries claims; cues ("(Sound of …)", SYSTEM lines) and photo captions are
// kept and shown but cannot carry claims.
enum class SegmentKind { kSpeech, kCue, kCaption };

struct Segment {
  int ordinal = 0;  // 0-based position in the transcript
  SegmentKind kind = SegmentKind::kSpeech;
  std::string speaker;  // empty when nobody speaks (cues, captions, unknown)
  std::optional<std::int64_t> start_ms;
  std::optional<std::int64_t> end_ms;
  std::string text;  // valid UTF-8, never empty

  friend bool operator==(const Segment&, const Segment&) = default;
};

struct Transcript {
  Format format = Format::kText;
  std::vector<std::string> speakers;  // distinct speaker names, in order of first appearance
  std::vector<Segment> segments;
};

struct Options {
  std::size_t max_bytes = std::size_t{16} << 20U;  // 16 MiB
  // Who speaks the speech no label attributes (import/attribution.h); empty leaves it
  // unattributed. In plain text it replaces the host the importer would guess.
  std::string speaker;
};

std::string_view FormatName(Format format);                    // "text", "vtt", "srt", "tsv"
std::optional<Format> ParseFormatName(std::string_view name);  // inverse of FormatName
std::string_view SegmentKindName(SegmentKind kind);            // "speech", "cue", "caption"

}  // namespace factdesk::import
