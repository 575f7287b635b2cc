#pragma once

#include <optional>

#include "client/ui/actions.h"
#include "client/ui/ui_state.h"
#include "factdesk/v1/transcript.pb.h"

namespace factdesk::ui {

// The claim a selection marks (Ctrl+M, the "Mark claim" button, the --mark test hook
// all go through here): the selected bytes with surrounding whitespace trimmed. nullopt
// when nothing is selected or the segment cannot carry claims (cues, captions).
std::optional<action::MarkClaim> MarkFromSelection(const TextSelection& selection,
                                                   const v1::Segment& segment);

// How far Shift+arrow moves the caret: a code point (Shift+Left/Right), to the end or
// start of a word (Ctrl+Shift+Left/Right; words end at spaces and at CJK punctuation),
// or to the segment's end or start (Shift+End/Home).
enum class CaretStep { kCodePoint, kWord, kSegment };

// Moves the caret, keeping the anchor.
void MoveCaret(TextSelection& selection, std::string_view text, int direction,
               CaretStep step = CaretStep::kCodePoint);

// A caret (empty selection) at the start of a segment: where keyboard selection starts.
TextSelection CaretAt(std::int64_t segment_id);

}  // namespace factdesk::ui
