#pragma once

#include "client/ui/view_context.h"
#include "common/status.h"
#include "factdesk/v1/claim.pb.h"

namespace factdesk::ui {

// In the inspector, for a claim whose quote a segment correction took out of the text
// (claim.quote_change): the quote as marked, the segment's text before and after, and
// the two ways out: mark the quote again in the new text (the reader's selection in that
// segment; ReanchorClaim), or dismiss the claim (the workflow's Dismiss popup, allowed
// by `can_dismiss`). Nothing for other claims.
void DrawQuoteChange(ViewContext& ctx, const v1::Claim& claim, const Status& can_dismiss);

}  // namespace factdesk::ui
