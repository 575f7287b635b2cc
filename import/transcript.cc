#include "import/transcript.h"

#include <array>

namespace factdesk::import {
namespace {

constexpr std::array kFormats = {Format::kText, Format::kVtt, Format::kSrt, Format::kTsv};

}  // namespace

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kText:
      return "text";
    case Format::kVtt:
      return "vtt";
    case Format::kSrt:
      return "srt";
    case Format::kTsv:
      return "tsv";
  }
  return "text";
}

std::optional<Format> ParseFormatName(std::string_view name) {
  for (const Format format : kFormats) {
    if (FormatName(format) == name) return format;
  }
  return std::nullopt;
}

std::string_view SegmentKindName(SegmentKind kind) {
  switch (kind) {
    case SegmentKind::kSpeech:
      return "speech";
    case SegmentKind::kCue:
      return "cue";
    case SegmentKind::kCaption:
      return "caption";
  }
  return "speech";
}

}  // namespace factdesk::import
