#pragma once

#include "client/ui/view_context.h"

namespace factdesk::ui {

// The bottom line: connection state (and reconnect attempts), last event seq, round
// trip, who is online, RPCs in flight, the newest notice, and the unseen-changes badge
// (click: the list of what changed; it clears the count).
void DrawStatusBar(ViewContext& ctx);

}  // namespace factdesk::ui
