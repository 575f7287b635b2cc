#pragma once

#include "client/ui/view_context.h"

namespace factdesk::ui {

// The Suggested tab, beside Disputes: the open transcript's suggestions, best first, each
// with its score, sentence and reasons, and "checked before" with the best earlier check
// the server matched to it (a filter shows only those); a row's sentence jumps to it in
// the reader, its buttons accept or dismiss it. A transcript the scorer will not rank (not English)
// shows the scorer's note instead of a queue.
void DrawSuggested(ViewContext& ctx);

// Shows suggestion `id` in the reader: underlines on, the sentence brought into view.
void JumpToSuggestion(ViewContext& ctx, std::int64_t suggestion_id);

}  // namespace factdesk::ui
