#include "client/ui/highlight_legend.h"

#include <string>

#include <imgui.h>

#include "client/ui/claim_style.h"
#include "client/ui/widgets.h"
#include "proto/labels.h"

namespace factdesk::ui {
namespace {

// A square of the highlight's own fill, then its meaning.
void Swatch(Rgba fill, const std::string& label) {
  const float fs = ImGui::GetFontSize();
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const float side = fs * 0.8F;
  const float top = pos.y + (ImGui::GetTextLineHeight() - side) / 2;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(pos.x, top), ImVec2(pos.x + side, top + side),
                                            ToU32(fill), 2.0F);
  ImGui::Dummy(ImVec2(side, ImGui::GetTextLineHeight()));
  ImGui::SameLine(0, fs * 0.25F);
  ImGui::TextUnformatted(label.c_str());
  ImGui::SameLine(0, fs * 0.6F);
}

}  // namespace

void DrawHighlightLegend(const v1::RatingScale& scale) {
  ImGui::TextDisabled("Highlights:");
  ImGui::SameLine();
  for (const v1::ClaimStatus status : {v1::CLAIM_STATUS_OPEN, v1::CLAIM_STATUS_IN_REVIEW,
                                       v1::CLAIM_STATUS_DISPUTED, v1::CLAIM_STATUS_DISMISSED}) {
    Swatch(HighlightFillFor(StatusColor(status)), std::string(v1::ClaimStatusLabel(status)));
  }
  ImGui::TextDisabled("resolved and published by verdict:");
  for (const auto& label : scale.labels()) {
    ImGui::SameLine(0, ImGui::GetFontSize() * 0.4F);
    Swatch(HighlightFillFor(LabelColor(label.label(), scale)), label.label());
  }
  ImGui::NewLine();
}

}  // namespace factdesk::ui
