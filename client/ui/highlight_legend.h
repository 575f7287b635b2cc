#pragma once

#include "factdesk/v1/workspace.pb.h"

namespace factdesk::ui {

// What the reader's highlight colours mean, on one line: a swatch of the exact fill for
// each state a claim is drawn by (open, in review, disputed, dismissed), then the verdict
// colours resolved and published claims take, label by label; wrapped to `width`.
void DrawHighlightLegend(const v1::RatingScale& scale, float width);

}  // namespace factdesk::ui
