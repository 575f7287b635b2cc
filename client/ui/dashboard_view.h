#pragma once

#include "client/ui/view_context.h"

namespace factdesk::ui {

// The dashboard tab: progress by state, verdict mix and verdicts per speaker as bar
// charts (ImDrawList), the checkers' workload, open disputes and claims without a
// source. Rows jump to their claim.
void DrawDashboard(ViewContext& ctx);

// Opens a claim from anywhere (dashboard rows, disputes, the changes list): selects it,
// shows its transcript in the reader and scrolls to it.
void JumpToClaim(ViewContext& ctx, std::int64_t claim_id);

}  // namespace factdesk::ui
