#pragma once

#include "client/ui/view_context.h"

namespace factdesk::ui {

// The inspector's lists, each with its form.
void DrawSources(ViewContext& ctx, const v1::Claim& claim, bool can_add);
void DrawNotes(ViewContext& ctx, const v1::Claim& claim, bool can_add);
void DrawReviews(ViewContext& ctx, const v1::Claim& claim, bool can_review);
void DrawHistory(ViewContext& ctx, const v1::Claim& claim);

}  // namespace factdesk::ui
