#include "client/ui/dashboard_figures.h"

#include <algorithm>

#include "client/ui/claim_style.h"
#include "proto/labels.h"

namespace factdesk::ui {

std::vector<BarItem> StatusBars(const v1::Dashboard& dashboard) {
  std::vector<BarItem> bars;
  for (int s = v1::CLAIM_STATUS_OPEN; s <= v1::CLAIM_STATUS_DISMISSED; ++s) {
    const auto status = static_cast<v1::ClaimStatus>(s);
    int count = 0;
    for (const auto& sc : dashboard.by_status()) {
      if (sc.status() == status) count = sc.count();
    }
    bars.push_back({std::string(v1::ClaimStatusLabel(status)), count, StatusColor(status)});
  }
  return bars;
}

std::string ProgressHeading(const v1::Dashboard& dashboard) {
  int total = 0;
  int resolved = 0;
  int published = 0;
  for (const auto& sc : dashboard.by_status()) {
    total += sc.count();
    if (sc.status() == v1::CLAIM_STATUS_RESOLVED) resolved = sc.count();
    if (sc.status() == v1::CLAIM_STATUS_PUBLISHED) published = sc.count();
  }
  return std::to_string(total) + (total == 1 ? " claim: " : " claims: ") +
         std::to_string(resolved) + " resolved, " + std::to_string(published) + " published";
}

std::vector<BarItem> VerdictBars(const v1::Dashboard& dashboard, const v1::RatingScale& scale) {
  std::vector<BarItem> bars;
  for (const auto& vc : dashboard.by_verdict()) {
    bars.push_back({vc.label(), vc.count(), LabelColor(vc.label(), scale)});
  }
  std::stable_sort(bars.begin(), bars.end(),
                   [](const BarItem& a, const BarItem& b) { return a.value > b.value; });
  return bars;
}

std::vector<StackedRow> SpeakerRows(const v1::Dashboard& dashboard, const v1::RatingScale& scale) {
  std::vector<StackedRow> rows;
  for (const auto& sv : dashboard.speakers()) {
    StackedRow row{sv.speaker(), sv.claims(), {}};
    for (const auto& vc : sv.verdicts()) {
      row.segments.push_back({vc.label(), vc.count(), LabelColor(vc.label(), scale)});
    }
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const StackedRow& a, const StackedRow& b) { return a.total > b.total; });
  return rows;
}

std::vector<Rect> BarRects(const std::vector<BarItem>& items, float width, float row_height,
                           float gap) {
  int max = 0;
  for (const auto& item : items) max = std::max(max, item.value);
  std::vector<Rect> rects;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const float y0 = static_cast<float>(i) * row_height;
    const float w =
        max > 0 ? width * static_cast<float>(items[i].value) / static_cast<float>(max) : 0.0F;
    rects.push_back({0, y0, w, y0 + row_height - gap});
  }
  return rects;
}

std::vector<std::vector<Rect>> StackedRects(const std::vector<StackedRow>& rows, float width,
                                            float row_height, float gap) {
  int max = 0;
  for (const auto& row : rows) {
    int verdicts = 0;
    for (const auto& s : row.segments) verdicts += s.value;
    max = std::max({max, row.total, verdicts});
  }
  std::vector<std::vector<Rect>> out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const float y0 = static_cast<float>(i) * row_height;
    std::vector<Rect> rects;
    float x = 0;
    for (const auto& s : rows[i].segments) {
      const float w =
          max > 0 ? width * static_cast<float>(s.value) / static_cast<float>(max) : 0.0F;
      rects.push_back({x, y0, x + w, y0 + row_height - gap});
      x += w;
    }
    out.push_back(std::move(rects));
  }
  return out;
}

}  // namespace factdesk::ui
