#include "client/ui/filter_bar.h"

#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/claim_style.h"
#include "client/ui/widgets.h"
#include "proto/labels.h"

namespace factdesk::ui {
void DrawFilterBar(ViewContext& ctx) {
  UiState& st = ctx.state;
  ClaimFilterSpec& f = st.filter;
  const float fs = ImGui::GetFontSize();
  f.self_user_id = ctx.model.self_user_id();

  ImGui::TextDisabled("Show");
  for (const v1::ClaimStatus status :
       {v1::CLAIM_STATUS_OPEN, v1::CLAIM_STATUS_IN_REVIEW, v1::CLAIM_STATUS_DISPUTED,
        v1::CLAIM_STATUS_RESOLVED, v1::CLAIM_STATUS_PUBLISHED, v1::CLAIM_STATUS_DISMISSED}) {
    ImGui::SameLine();
    bool on = f.statuses.contains(status);
    const std::string label(v1::ClaimStatusLabel(status));
    ImGui::PushStyleColor(ImGuiCol_CheckMark, ToVec4(StatusColor(status)));
    if (ImGui::Checkbox(label.c_str(), &on)) {
      if (on) {
        f.statuses.insert(status);
      } else {
        f.statuses.erase(status);
      }
    }
    ImGui::PopStyleColor();
  }
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  ImGui::Checkbox("Assigned to me", &f.assigned_to_me);
  st.SetControlRect(Control::kFilterMine, ItemRect());

  const v1::Transcript* transcript = ctx.model.FindTranscript(st.transcript_id);
  ImGui::SetNextItemWidth(fs * 10);
  if (ImGui::BeginCombo("##speaker", f.speaker.empty() ? "Any speaker" : f.speaker.c_str())) {
    if (ImGui::Selectable("Any speaker", f.speaker.empty())) f.speaker.clear();
    if (transcript != nullptr) {
      for (const auto& speaker : transcript->speakers()) {
        if (ImGui::Selectable(speaker.name().c_str(), speaker.name() == f.speaker)) {
          f.speaker = speaker.name();
        }
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 12);
  ImGui::InputTextWithHint("##filter-text", "Quote or summary contains", &f.text);
  st.SetControlRect(Control::kFilterText, ItemRect());
  ImGui::SameLine();
  if (transcript != nullptr) {
    const auto all = ctx.model.ClaimsOfTranscript(transcript->id());
    const auto shown = std::count_if(all.begin(), all.end(),
                                     [&](const v1::Claim* c) { return MatchesFilter(f, *c); });
    ImGui::TextDisabled("%d of %d claims", static_cast<int>(shown), static_cast<int>(all.size()));
    ImGui::SameLine();
  }
  if (ButtonIf(!f.empty(), "Clear")) {
    f = ClaimFilterSpec();
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("x##close-filter")) st.filter_open = false;
}

}  // namespace factdesk::ui
