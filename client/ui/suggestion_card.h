#pragma once

#include <imgui.h>

#include "client/ui/view_context.h"
#include "factdesk/v1/suggestion.pb.h"

namespace factdesk::ui {

// One suggestion as the Suggested queue and the reader's hover and card show it: its
// score and the reasons behind it, and the buttons that accept it (marking the claim
// with the sentence's exact span) or dismiss it with a reason.

// "0.87" and the kind when it is not a named speaker's.
void SuggestionScore(const v1::Suggestion& suggestion);
// The reasons, heaviest first: "+1.20  a percentage".
void SuggestionReasons(const v1::Suggestion& suggestion);
// Accept, and Dismiss... (a popup asking why). The first card drawn in a frame reports
// its buttons' rectangles (Control::kSuggestion*).
void SuggestionButtons(ViewContext& ctx, const v1::Suggestion& suggestion);
// The reader's card for UiState::suggestion_id, beside `at` (closed with its x or Esc).
void DrawSuggestionWindow(ViewContext& ctx, ImVec2 at);

}  // namespace factdesk::ui
