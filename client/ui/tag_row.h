#pragma once

#include "client/ui/view_context.h"
#include "common/status.h"
#include "factdesk/v1/claim.pb.h"

namespace factdesk::ui {

// The inspector's tag row: the claim's tags, each removable with its "x" when `allowed`
// (the tag rule's answer for this member), and a field to add one. The add button is
// enabled exactly when the server would take the typed tag (domain/claim_tags.h) and
// otherwise says why on hover. A viewer sees the tags only.
void DrawTagRow(ViewContext& ctx, const v1::Claim& claim, const Status& allowed);

}  // namespace factdesk::ui
