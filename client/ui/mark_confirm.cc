#include "client/ui/mark_confirm.h"

#include <string>

#include <imgui.h>

#include "client/ui/selection_actions.h"
#include "client/ui/widgets.h"
#include "client/ui/word_bounds.h"

namespace factdesk::ui {
namespace {

void Mark(ViewContext& ctx, const v1::Segment& segment) {
  if (auto mark = MarkFromSelection(ctx.state.selection, segment)) ctx.Emit(*mark);
  ctx.state.selection.Clear();
  ctx.state.confirm_mark = false;
}

// Which end cuts a word, for the question.
std::string WhereCut(const std::string& text, std::size_t begin, std::size_t end) {
  const bool starts = WordStartAt(text, begin) != begin;
  const bool ends = WordEndAt(text, end) != end;
  return starts && ends ? "starts and ends" : starts ? "starts" : "ends";
}

}  // namespace

void RequestMark(ViewContext& ctx) {
  const v1::Segment* s = ctx.model.FindSegment(ctx.state.selection.segment_id);
  if (s == nullptr) return;
  const auto mark = MarkFromSelection(ctx.state.selection, *s);
  if (!mark) return;
  if (CutsAWord(s->text(), static_cast<std::size_t>(mark->start_byte),
                static_cast<std::size_t>(mark->end_byte))) {
    ctx.state.confirm_mark = true;
    return;
  }
  Mark(ctx, *s);
}

void DrawMarkConfirm(ViewContext& ctx) {
  UiState& st = ctx.state;
  const v1::Segment* s = st.confirm_mark ? ctx.model.FindSegment(st.selection.segment_id) : nullptr;
  const auto mark = s != nullptr ? MarkFromSelection(st.selection, *s) : std::nullopt;
  if (!mark) {
    st.confirm_mark = false;
    return;
  }
  const std::string& text = s->text();
  const auto begin = static_cast<std::size_t>(mark->start_byte);
  const auto end = static_cast<std::size_t>(mark->end_byte);
  const ImVec2 center(ImGui::GetIO().DisplaySize.x / 2, ImGui::GetIO().DisplaySize.y / 2);
  ImGui::SetNextWindowPos(center, ImGuiCond_Always, ImVec2(0.5F, 0.5F));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0));
  ImGui::Begin("Mark a claim###confirm-mark", nullptr,
               ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PushTextWrapPos(0);
  ImGui::TextUnformatted(
      ("The selection " + WhereCut(text, begin, end) + " inside a word:").c_str());
  ImGui::TextUnformatted(("\u201C" + text.substr(begin, end - begin) + "\u201D").c_str());
  ImGui::PopTextWrapPos();
  if (ImGui::Button("Mark whole words")) {
    st.selection.anchor = WordStartAt(text, begin);
    st.selection.caret = WordEndAt(text, end);
    Mark(ctx, *s);
  }
  st.SetControlRect(Control::kMarkWholeWords, ItemRect());
  ImGui::SameLine();
  if (ImGui::Button("Mark as selected")) Mark(ctx, *s);
  st.SetControlRect(Control::kMarkAsSelected, ItemRect());
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) st.confirm_mark = false;
  ImGui::End();
}

}  // namespace factdesk::ui
