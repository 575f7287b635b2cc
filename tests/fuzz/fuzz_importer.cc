// libFuzzer target for one importer, named by FACTDESK_FUZZ_FORMAT ("text", "vtt", "srt",
// "tsv"): Parse() must never crash, and what it returns must keep the Transcript promises.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <unordered_set>

#include "common/utf8.h"
#include "import/importer.h"
#include "import/preview_json.h"
#include "import/scan.h"

namespace {

using factdesk::import::Format;
using factdesk::import::SegmentKind;
using factdesk::import::Transcript;

void Check(bool holds) {
  if (!holds) std::abort();
}

void CheckTranscript(const Transcript& transcript, Format format) {
  Check(transcript.format == format);
  Check(!transcript.segments.empty());
  const std::unordered_set<std::string_view> speakers(transcript.speakers.begin(),
                                                      transcript.speakers.end());
  Check(speakers.size() == transcript.speakers.size());  // distinct
  std::unordered_set<std::string_view> used;
  for (std::size_t i = 0; i < transcript.segments.size(); ++i) {
    const auto& segment = transcript.segments[i];
    Check(segment.ordinal == static_cast<int>(i));
    Check(!segment.text.empty());
    Check(factdesk::utf8::IsValid(segment.text));
    Check(factdesk::import::TrimSpace(segment.text).size() == segment.text.size());
    Check(factdesk::utf8::IsValid(segment.speaker));
    Check(segment.speaker.empty() || speakers.contains(segment.speaker));
    Check(segment.kind == SegmentKind::kSpeech || segment.speaker.empty());
    Check(segment.start_ms.has_value() == (format == Format::kVtt || format == Format::kSrt));
    if (!segment.speaker.empty()) used.insert(segment.speaker);
  }
  Check(used.size() == speakers.size());  // every listed speaker speaks
  Check(!factdesk::import::ToPreviewJson(transcript).empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Format kFormat = *factdesk::import::ParseFormatName(FACTDESK_FUZZ_FORMAT);
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto parsed = factdesk::import::Parse(bytes, kFormat);
  if (parsed.ok()) {
    CheckTranscript(*parsed, kFormat);
  } else {
    Check(parsed.status().code() == factdesk::Code::kInvalidArgument);
    Check(parsed.status().message().starts_with("content: "));
  }
  // Guessing reads the same bytes; it must not crash either.
  static_cast<void>(factdesk::import::GuessFormat("upload", bytes));
  return 0;
}
