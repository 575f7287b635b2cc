#pragma once

#include <string>
#include <vector>

#include "client/ui/colors.h"
#include "client/ui/text_layout.h"
#include "factdesk/v1/dashboard.pb.h"
#include "factdesk/v1/workspace.pb.h"

namespace factdesk::ui {

// One bar of a chart: a label, a count, and its colour.
struct BarItem {
  std::string label;
  int value = 0;
  Rgba color;
};

// One row of a stacked chart (verdicts per speaker).
struct StackedRow {
  std::string label;
  // Total claims by the speaker (any state); the segments are their final verdicts.
  int total = 0;
  std::vector<BarItem> segments;
};

// The dashboard's figures as chart items.
// Progress: one bar per status, in workflow order (zero counts kept).
std::vector<BarItem> StatusBars(const v1::Dashboard& dashboard);
// The progress chart's heading, "14 claims: 4 resolved, 1 published", from the same
// per-status counts the bars show, so the heading and the rows always agree (a published
// claim is not counted as resolved).
std::string ProgressHeading(const v1::Dashboard& dashboard);
// Verdict mix: one bar per final verdict label, most frequent first.
std::vector<BarItem> VerdictBars(const v1::Dashboard& dashboard, const v1::RatingScale& scale);
// Verdicts per speaker, most claims first.
std::vector<StackedRow> SpeakerRows(const v1::Dashboard& dashboard, const v1::RatingScale& scale);

// Where a horizontal bar chart's bars go inside a box of `width` x rows * row_height:
// bar i spans x in [0, width * value / max) at row i, with `gap` pixels between rows.
// A zero maximum gives zero-width bars.
std::vector<Rect> BarRects(const std::vector<BarItem>& items, float width, float row_height,
                           float gap);
// The segments of each stacked row, scaled so the largest total fills `width`; each
// row's total that is not a verdict (unresolved claims) is left as empty space.
std::vector<std::vector<Rect>> StackedRects(const std::vector<StackedRow>& rows, float width,
                                            float row_height, float gap);

}  // namespace factdesk::ui
