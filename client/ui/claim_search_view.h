#pragma once

#include "client/ui/view_context.h"

namespace factdesk::ui {

// The Claims tab: full-text search over the workspace's claims (quotes, summaries,
// review rationales, notes, source titles) with state, verdict, speaker, transcript and
// tag filters; hits best first with the matched words highlighted in their snippet, a
// page at a time. A hit opens its claim in the reader and the inspector.
void DrawClaimSearch(ViewContext& ctx);

}  // namespace factdesk::ui
