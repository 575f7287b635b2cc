#pragma once

#include "client/ui/view_context.h"

namespace factdesk::ui {

// The reader's claim filter: statuses, "assigned to me", speaker and text, with how
// many of the transcript's claims match. Edits UiState::filter only.
void DrawFilterBar(ViewContext& ctx);

}  // namespace factdesk::ui
