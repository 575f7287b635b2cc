#pragma once

#include "client/ui/view_context.h"
#include "common/status.h"

namespace factdesk::ui {

// The inspector's lists, each with its form. The Statuses are the rules' answers
// (WorkflowOptions): a form is drawn when its action is allowed, else the refusal.
void DrawSources(ViewContext& ctx, const v1::Claim& claim, const Status& can_add,
                 const Status& can_remove);
void DrawNotes(ViewContext& ctx, const v1::Claim& claim, const Status& can_add);
void DrawReviews(ViewContext& ctx, const v1::Claim& claim, const Status& can_review);
void DrawHistory(ViewContext& ctx, const v1::Claim& claim);

}  // namespace factdesk::ui
