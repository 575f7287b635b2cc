#include "client/ui/filter_bar.h"

#include <algorithm>
#include <set>
#include <string>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/claim_style.h"
#include "client/ui/widgets.h"
#include "proto/labels.h"

namespace factdesk::ui {
namespace {

// The tags on the transcript's claims, to choose one from (and the chosen one, even
// when no claim has it any more, so it can be seen and cleared).
void TagCombo(ViewContext& ctx, const v1::Transcript* transcript, ClaimFilterSpec& f) {
  std::set<std::string> tags;
  if (transcript != nullptr) {
    for (const v1::Claim* c : ctx.model.ClaimsOfTranscript(transcript->id())) {
      tags.insert(c->tags().begin(), c->tags().end());
    }
  }
  if (!f.tag.empty()) tags.insert(f.tag);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  const std::string shown = f.tag.empty() ? "Any tag" : "#" + f.tag;
  const bool open = ImGui::BeginCombo("##tag", shown.c_str());
  ctx.state.SetControlRect(Control::kFilterTag, ItemRect());
  if (!open) return;
  if (ImGui::Selectable("Any tag", f.tag.empty())) f.tag.clear();
  for (const auto& tag : tags) {
    if (ImGui::Selectable(("#" + tag).c_str(), tag == f.tag)) f.tag = tag;
  }
  ImGui::EndCombo();
}

// One checkbox per state, each in its state's colour.
void StatusChecks(ClaimFilterSpec& f) {
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
}

void SpeakerCombo(const v1::Transcript* transcript, ClaimFilterSpec& f) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  if (!ImGui::BeginCombo("##speaker", f.speaker.empty() ? "Any speaker" : f.speaker.c_str())) {
    return;
  }
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

}  // namespace

void DrawFilterBar(ViewContext& ctx) {
  UiState& st = ctx.state;
  ClaimFilterSpec& f = st.filter;
  const float fs = ImGui::GetFontSize();
  f.self_user_id = ctx.model.self_user_id();

  StatusChecks(f);
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  ImGui::Checkbox("Assigned to me", &f.assigned_to_me);
  st.SetControlRect(Control::kFilterMine, ItemRect());

  const v1::Transcript* transcript = ctx.model.FindTranscript(st.transcript_id);
  SpeakerCombo(transcript, f);
  ImGui::SameLine();
  TagCombo(ctx, transcript, f);
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
