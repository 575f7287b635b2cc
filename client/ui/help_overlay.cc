#include "client/ui/help_overlay.h"

#include <imgui.h>

namespace factdesk::ui {

void DrawHelpOverlay(ViewContext& ctx) {
  if (!ctx.state.help_open) return;
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Always,
                          ImVec2(0.5F, 0.5F));
  ImGui::SetNextWindowBgAlpha(0.96F);
  bool open = true;
  if (ImGui::Begin("Keyboard", &open,
                   ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse |
                       ImGuiWindowFlags_NoSavedSettings)) {
    static const char* const kKeys[][2] = {
        {"J / K", "next / previous claim (only those the filter shows)"},
        {"Shift+J / Shift+K", "next / previous suggestion, best first (the Suggested queue)"},
        {"S", "underline the suggested sentences in the reader, or not"},
        {"Ctrl+F", "search the transcript (Enter: next hit, Shift+Enter: previous)"},
        {"F3 / Shift+F3", "next / previous search hit"},
        {"Ctrl+Shift+F",
         "search all claims (the Claims tab): quotes, summaries, rationales, notes\n"
         "and source titles, with filters; a hit opens its claim"},
        {"Drag, or Shift+arrows",
         "select text in a segment (Ctrl: by word; Home/End: to the\n"
         "segment's start/end; Shift+Up/Down: the caret to another segment)"},
        {"Ctrl+M", "mark the selection as a claim"},
        {"Ctrl+Enter", "submit the note, reply, review or summary being typed"},
        {"Esc", "close: help, search, selection, then the inspector"},
        {"F1", "this help"},
    };
    if (ImGui::BeginTable("##keys", 2)) {
      for (const auto& row : kKeys) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(row[0]);
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", row[1]);
      }
      ImGui::EndTable();
    }
  }
  ImGui::End();
  if (!open) ctx.state.help_open = false;
}

}  // namespace factdesk::ui
