#include "import/preview_json.h"

#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "import/attribution.h"

namespace factdesk::import {
namespace {

// ordered_json keeps the keys in the documented order.
using Json = nlohmann::ordered_json;

template <typename T>
Json OrNull(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

}  // namespace

std::string ToPreviewJson(const Transcript& transcript) {
  Json segments = Json::array();
  for (const Segment& segment : transcript.segments) {
    segments.push_back(Json{
        {"ordinal", segment.ordinal},
        {"kind", std::string(SegmentKindName(segment.kind))},
        {"speaker", segment.speaker.empty() ? Json(nullptr) : Json(segment.speaker)},
        {"start_ms", OrNull(segment.start_ms)},
        {"end_ms", OrNull(segment.end_ms)},
        {"text", segment.text},
    });
  }
  const Json preview{
      {"format", std::string(FormatName(transcript.format))},
      {"speakers", transcript.speakers},
      {"unattributed_speech", CountUnattributedSpeech(transcript)},
      {"segments", std::move(segments)},
  };
  // Importers emit valid UTF-8; replacing instead of throwing keeps this total anyway.
  return preview.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace factdesk::import
