#pragma once

#include "client/ui/view_context.h"

namespace factdesk::ui {

// F1: the keyboard shortcuts.
void DrawHelpOverlay(ViewContext& ctx);

}  // namespace factdesk::ui
