#include "import/attribution.h"

#include <algorithm>
#include <unordered_set>

#include <fmt/format.h>

namespace factdesk::import {
namespace {

bool Unattributed(const Segment& s) {
  return s.kind == SegmentKind::kSpeech && s.speaker.empty();
}

}  // namespace

int CountUnattributedSpeech(const Transcript& transcript) {
  return static_cast<int>(
      std::count_if(transcript.segments.begin(), transcript.segments.end(), Unattributed));
}

void AttributeUnlabelledSpeech(Transcript& transcript, const std::string& speaker) {
  if (speaker.empty()) return;
  for (Segment& s : transcript.segments) {
    if (Unattributed(s)) s.speaker = speaker;
  }
  transcript.speakers.clear();
  std::unordered_set<std::string_view> seen;
  for (const Segment& s : transcript.segments) {
    if (!s.speaker.empty() && seen.insert(s.speaker).second)
      transcript.speakers.push_back(s.speaker);
  }
}

Status RequireNamedSpeaker(const Transcript& transcript) {
  const int unattributed = CountUnattributedSpeech(transcript);
  if (transcript.format != Format::kText || !transcript.speakers.empty() || unattributed == 0) {
    return Status::Ok();
  }
  return Status::InvalidArgument(
      "speaker",
      fmt::format("no speaker labels were found (\"Name: text\" at the start of a paragraph) and "
                  "nobody introduces themselves, so {} segment{} of speech would be attributed "
                  "to nobody; say who speaks (import with --speaker NAME)",
                  unattributed, unattributed == 1 ? "" : "s"));
}

std::string UnattributedNote(const Transcript& transcript) {
  const int unattributed = CountUnattributedSpeech(transcript);
  if (unattributed == 0) return {};
  const std::string segments =
      fmt::format("{} segment{} of speech", unattributed, unattributed == 1 ? "" : "s");
  if (transcript.speakers.empty() && transcript.format == Format::kText) {
    return fmt::format(
        "No speaker labels were found: nobody is named as saying the {}. Name the speaker "
        "(--speaker NAME); the import is refused without one.",
        segments);
  }
  if (transcript.speakers.empty()) {
    return fmt::format(
        "No speaker names were found: nobody is named as saying the {}. --speaker NAME "
        "names one for all of them.",
        segments);
  }
  const bool one = unattributed == 1;
  return fmt::format(
      "{} {} no speaker label, and nobody introduces the narrator: {} unattributed (a claim "
      "there names no claimant unless given one). --speaker NAME attributes {}.",
      segments, one ? "has" : "have", one ? "it stays" : "they stay", one ? "it" : "them");
}

}  // namespace factdesk::import
