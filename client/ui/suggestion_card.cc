#include "client/ui/suggestion_card.h"

#include <cfloat>

#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

#include "client/ui/widgets.h"
#include "proto/claim_checks.h"

namespace factdesk::ui {
namespace {

const char* KindLabel(v1::SuggestionKind kind) {
  switch (kind) {
    case v1::SUGGESTION_KIND_NARRATION:
      return "narration";
    case v1::SUGGESTION_KIND_CUE:
      return "cue";
    case v1::SUGGESTION_KIND_CAPTION:
      return "caption";
    case v1::SUGGESTION_KIND_SPEECH:
    case v1::SUGGESTION_KIND_UNSPECIFIED:
    default:
      break;
  }
  return "";
}

// Only speech becomes a claim (the server's rule for CreateClaim and accepting).
Status CanAccept(const ViewContext& ctx, const v1::Suggestion& s) {
  if (s.kind() == v1::SUGGESTION_KIND_CUE || s.kind() == v1::SUGGESTION_KIND_CAPTION) {
    return Status::FailedPrecondition(std::string("a ") + KindLabel(s.kind()) +
                                      " cannot become a claim; only speech can");
  }
  return v1::CheckRole(ctx.model.workspace(), domain::Action::kMarkClaim);
}

void ReportRect(UiState& st, Control control) {
  if (!st.ControlRect(control)) st.SetControlRect(control, ItemRect());
}

// The reason asked for before a suggestion is hidden for everyone.
void DismissPopup(ViewContext& ctx, const v1::Suggestion& s) {
  UiState& st = ctx.state;
  if (!ImGui::BeginPopup("dismiss-suggestion")) return;
  ImGui::TextUnformatted("Why is it not worth checking?");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
  ImGui::InputTextWithHint("##why", "an opinion, a prediction, already checked...",
                           &st.suggestion_reason);
  ReportRect(st, Control::kSuggestionReason);
  const bool has_reason = st.suggestion_reason.find_first_not_of(" \t\n") != std::string::npos;
  if (ButtonIf(has_reason, "Dismiss for everyone")) {
    ctx.Emit(action::DismissSuggestion{s.id(), st.suggestion_reason});
    st.suggestion_reason.clear();
    if (st.suggestion_id == s.id()) st.suggestion_card = false;
    ImGui::CloseCurrentPopup();
  }
  ReportRect(st, Control::kSuggestionDismissConfirm);
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

}  // namespace

void SuggestionScore(const v1::Suggestion& suggestion) {
  ColoredText(palette::kWarn, fmt::format("{:.2f}", suggestion.score()));
  const char* kind = KindLabel(suggestion.kind());
  if (*kind != '\0') {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", kind);
  } else if (!suggestion.speaker().empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", suggestion.speaker().c_str());
  }
}

void SuggestionReasons(const v1::Suggestion& suggestion) {
  for (const auto& r : suggestion.reasons()) {
    ImGui::TextDisabled("%+.2f", r.weight());
    ImGui::SameLine();
    ImGui::TextUnformatted(r.text().empty() ? r.feature().c_str() : r.text().c_str());
  }
  if (suggestion.reasons().empty()) ImGui::TextDisabled("no reasons recorded");
}

void SuggestionButtons(ViewContext& ctx, const v1::Suggestion& suggestion) {
  UiState& st = ctx.state;
  ImGui::PushID(static_cast<int>(suggestion.id()));
  if (ButtonIfAllowed(CanAccept(ctx, suggestion), "Accept as claim")) {
    ctx.Emit(action::AcceptSuggestion{suggestion.id()});
    if (st.suggestion_id == suggestion.id()) st.suggestion_card = false;
  }
  ReportRect(st, Control::kSuggestionAccept);
  ImGui::SameLine();
  if (ButtonIfAllowed(v1::CheckRole(ctx.model.workspace(), domain::Action::kDismissSuggestion),
                      "Dismiss...")) {
    st.suggestion_reason.clear();
    ImGui::OpenPopup("dismiss-suggestion");
  }
  ReportRect(st, Control::kSuggestionDismiss);
  DismissPopup(ctx, suggestion);
  ImGui::PopID();
}

void DrawSuggestionWindow(ViewContext& ctx, ImVec2 at) {
  UiState& st = ctx.state;
  if (!st.suggestion_card) return;
  const v1::Suggestion* s = ctx.model.suggestions().Find(st.suggestion_id);
  if (s == nullptr || s->state() != v1::SUGGESTION_STATE_OPEN) {
    st.suggestion_card = false;  // accepted or dismissed meanwhile, here or elsewhere
    return;
  }
  ImGui::SetNextWindowPos(at, ImGuiCond_Appearing);
  ImGui::SetNextWindowSizeConstraints(ImVec2(ImGui::GetFontSize() * 16, 0),
                                      ImVec2(ImGui::GetFontSize() * 28, FLT_MAX));
  bool open = true;
  if (ImGui::Begin("Suggested claim###suggestion-card", &open,
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse |
                       ImGuiWindowFlags_NoSavedSettings)) {
    SuggestionScore(*s);
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 27);
    ImGui::TextUnformatted(("\xE2\x80\x9C" + s->quote() + "\xE2\x80\x9D").c_str());
    ImGui::PopTextWrapPos();
    SuggestionReasons(*s);
    ImGui::Separator();
    SuggestionButtons(ctx, *s);
  }
  ImGui::End();
  if (!open) st.suggestion_card = false;
}

}  // namespace factdesk::ui
