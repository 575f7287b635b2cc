#include "client/ui/highlight_legend.h"

#include <string>

#include <imgui.h>

#include "client/ui/claim_style.h"
#include "client/ui/widgets.h"
#include "proto/labels.h"

namespace factdesk::ui {
namespace {

// Lays the legend's items out left to right, starting a new line where the next one
// would pass `width` (the reader's width, not the window's: the inspector is beside it).
class LegendLine {
 public:
  explicit LegendLine(float width) : width_(width), fs_(ImGui::GetFontSize()) {}

  void Label(const char* text) {
    Place(ImGui::CalcTextSize(text).x, [&] { ImGui::TextDisabled("%s", text); });
  }
  // A square of the highlight's own fill, then its meaning.
  void Swatch(Rgba fill, const std::string& label) {
    const float side = fs_ * 0.8F;
    Place(side + fs_ * 0.25F + ImGui::CalcTextSize(label.c_str()).x, [&] {
      const ImVec2 pos = ImGui::GetCursorScreenPos();
      const float top = pos.y + (ImGui::GetTextLineHeight() - side) / 2;
      ImGui::GetWindowDrawList()->AddRectFilled(
          ImVec2(pos.x, top), ImVec2(pos.x + side, top + side), ToU32(fill), 2.0F);
      ImGui::Dummy(ImVec2(side, ImGui::GetTextLineHeight()));
      ImGui::SameLine(0, fs_ * 0.25F);
      ImGui::TextUnformatted(label.c_str());
    });
  }

 private:
  template <typename Draw>
  void Place(float item_width, const Draw& draw) {
    if (used_ > 0 && used_ + fs_ * 0.6F + item_width > width_) {
      used_ = 0;  // the previous item ended its line
    } else if (used_ > 0) {
      ImGui::SameLine(0, fs_ * 0.6F);
      used_ += fs_ * 0.6F;
    }
    draw();
    used_ += item_width;
  }

  float width_;
  float fs_;
  float used_ = 0;
};

}  // namespace

void DrawHighlightLegend(const v1::RatingScale& scale, float width) {
  LegendLine line(width);
  line.Label("Highlights:");
  for (const v1::ClaimStatus status : {v1::CLAIM_STATUS_OPEN, v1::CLAIM_STATUS_IN_REVIEW,
                                       v1::CLAIM_STATUS_DISPUTED, v1::CLAIM_STATUS_DISMISSED}) {
    line.Swatch(HighlightFillFor(StatusColor(status)), std::string(v1::ClaimStatusLabel(status)));
  }
  line.Label("resolved and published by verdict:");
  for (const auto& label : scale.labels()) {
    line.Swatch(HighlightFillFor(LabelColor(label.label(), scale)), label.label());
  }
}

}  // namespace factdesk::ui
