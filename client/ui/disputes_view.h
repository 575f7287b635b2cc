#pragma once

#include "client/ui/view_context.h"

namespace factdesk::ui {

// The disputes queue (editors): open disputes oldest first; the chosen one shows its
// reviews side by side with the sources, and a form to decide the final verdict.
void DrawDisputes(ViewContext& ctx);

}  // namespace factdesk::ui
