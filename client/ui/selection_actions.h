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

// Shift+Left/Right: moves the caret one code point, keeping the anchor.
void MoveCaret(TextSelection& selection, std::string_view text, int direction);

}  // namespace factdesk::ui
