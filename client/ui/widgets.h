#pragma once

#include <string>
#include <string_view>

#include <imgui.h>

#include "client/ui/colors.h"
#include "client/ui/text_layout.h"
#include "common/status.h"

namespace factdesk::ui {

// Small drawing helpers the views share.
inline ImU32 ToU32(Rgba c) {
  return c.ToU32();
}
inline ImVec4 ToVec4(Rgba c) {
  return {c.r / 255.0F, c.g / 255.0F, c.b / 255.0F, c.a / 255.0F};
}
// Text in a colour.
void ColoredText(Rgba color, std::string_view text);
// A small rounded label with a coloured background ("Open", "False", ...).
void Chip(std::string_view text, Rgba color);
// Wrapped, dimmed text.
void DimWrapped(std::string_view text);
// A button that is greyed out and inert when !enabled.
bool ButtonIf(bool enabled, const char* label);
// A button enabled exactly when `allowed` is OK; disabled, it shows the refusal's message
// as its tooltip (the words the server would answer with).
bool ButtonIfAllowed(const Status& allowed, const char* label);
// The refusal's message as the tooltip of the last item, when it is hovered (disabled or
// read-only items included); nothing when `allowed` is OK.
void RefusalTooltip(const Status& allowed);
// Where a form would be when its action is refused: the refusal's message, dimmed; nothing
// when the member's role never allows the action (PERMISSION_DENIED).
void RefusalLine(const Status& allowed);
// The screen rectangle of the last item drawn (for UiState::SetControlRect).
Rect ItemRect();
// How wide ImGui::SmallButton(label) draws ("##" and what follows are not shown).
float SmallButtonWidth(const char* label);
// A filled circle with up to two initials (presence).
void PresenceDot(ImDrawList* draw, ImVec2 center, float radius, Rgba color,
                 const std::string& initials);

}  // namespace factdesk::ui
