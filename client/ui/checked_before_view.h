#pragma once

#include "client/ui/view_context.h"
#include "common/status.h"

namespace factdesk::ui {

// The inspector's "Checked before" section: the claim's link ("same claim as ...", with
// Unlink), then the earlier checks the server found for it, best first, each with its
// verdict, who published it and when, and a "Same claim" button. `can_link` is the rules'
// answer for editing the claim (linking is an edit).
void DrawCheckedBefore(ViewContext& ctx, const v1::Claim& claim, const Status& can_link);

// The section's header count: the matches known for the claim (0 before they are).
int CheckedBeforeCount(const ViewContext& ctx, const v1::Claim& claim);

}  // namespace factdesk::ui
