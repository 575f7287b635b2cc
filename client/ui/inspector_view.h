#pragma once

#include "client/ui/view_context.h"

namespace factdesk::ui {

// The claim inspector: quote, summary and claimant (edited in drafts, with the version
// conflict shown plainly), state and the workflow buttons the user's role allows,
// assignees, sources and the add form, the note thread with replies, the user's review
// and others' (when the blind rule allows), and the claim's history.
void DrawInspector(ViewContext& ctx);

}  // namespace factdesk::ui
