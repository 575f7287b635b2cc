#pragma once

#include <cstddef>

#include "client/ui/height_cache.h"

namespace factdesk::ui {

// The reader's scroll position, held as "row R, this many pixels into it" rather than as
// a pixel offset: when rows above the viewport change height (measured for the first
// time, re-wrapped, a claim arrived), the same text stays at the top of the screen.
struct ScrollAnchor {
  std::size_t row = 0;
  float offset = 0;
  friend bool operator==(const ScrollAnchor&, const ScrollAnchor&) = default;
};

// The anchor for a pixel scroll position.
ScrollAnchor AnchorAt(const HeightCache& heights, double scroll_y);
// The pixel scroll position of an anchor under the current heights (the offset is kept
// within the row, which may have shrunk).
double ScrollFor(const HeightCache& heights, const ScrollAnchor& anchor);

}  // namespace factdesk::ui
