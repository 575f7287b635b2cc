#include "client/ui/scroll_anchor.h"

#include <algorithm>

namespace factdesk::ui {

ScrollAnchor AnchorAt(const HeightCache& heights, double scroll_y) {
  if (heights.size() == 0) return {};
  const std::size_t row = heights.RowAt(std::max(0.0, scroll_y));
  return {row, static_cast<float>(std::max(0.0, scroll_y - heights.Top(row)))};
}

double ScrollFor(const HeightCache& heights, const ScrollAnchor& anchor) {
  if (heights.size() == 0) return 0;
  const std::size_t row = std::min(anchor.row, heights.size() - 1);
  const float offset = std::clamp(anchor.offset, 0.0F, std::max(0.0F, heights.Height(row) - 1));
  return heights.Top(row) + offset;
}

}  // namespace factdesk::ui
