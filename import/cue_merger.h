#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "import/cue_text.h"
#include "import/transcript.h"

// Joins live caption cues into segments that read as the speech did, once.
namespace factdesk::import {

// Roll-up and paint-on captions repeat the end of the previous cue at the start of the next
// ("we will cut taxes" / "we will cut taxes for every" / "for every family"): only the new
// words are kept, and they continue the segment the repeated words are in. A cue repeats
// when its first words equal the previous cue's last words (two or more, or the whole
// previous cue) and it adds at least one word; an identical cue is a cue of its own.
//
// A segment is held while captions may still continue it and emitted when that is no
// longer possible: at a sentence end (. ? ! …), a change of speaker, a cue that does not
// repeat the previous one, or Flush. A held segment longer than kMaxHeldBytes is emitted up
// to its last sentence end. Only the cues decide, never time, so the same cues always give
// the same segments.
class CueMerger {
 public:
  static constexpr std::size_t kMaxHeldBytes = 2000;

  // Adds one complete cue (its spans, as AppendCueSpans gives them); appends the segments
  // it completes to `out`, without ordinals.
  void AddCue(const std::vector<CueSpan>& spans, std::int64_t start_ms, std::int64_t end_ms,
              std::vector<Segment>& out);
  // The captions ended: emits the held segment.
  void Flush(std::vector<Segment>& out);

 private:
  void Hold(const std::string& speaker, const std::string& text, std::int64_t start_ms,
            std::int64_t end_ms, std::vector<Segment>& out);
  void EmitFinishedSentences(std::vector<Segment>& out);

  std::vector<std::string> previous_words_;
  std::optional<Segment> held_;
};

}  // namespace factdesk::import
