#include "client/ui/widgets.h"

#include <imgui_internal.h>

namespace factdesk::ui {

void ColoredText(Rgba color, std::string_view text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ToVec4(color));
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopStyleColor();
}

void Chip(std::string_view text, Rgba color) {
  const ImVec2 size = ImGui::CalcTextSize(text.data(), text.data() + text.size());
  const ImVec2 pad(6, 1);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(pos, ImVec2(pos.x + size.x + pad.x * 2, pos.y + size.y + pad.y * 2),
                      ToU32(Mix(color, palette::kReaderBg, 0.35F)), 4.0F);
  draw->AddText(ImVec2(pos.x + pad.x, pos.y + pad.y), ToU32(color), text.data(),
                text.data() + text.size());
  ImGui::Dummy(ImVec2(size.x + pad.x * 2, size.y + pad.y * 2));
}

void DimWrapped(std::string_view text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ToVec4(palette::kDimText));
  ImGui::PushTextWrapPos(0.0F);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
}

bool ButtonIf(bool enabled, const char* label) {
  if (!enabled) {
    ImGui::PushItemFlag(ImGuiItemFlags_Disabled, true);
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, ImGui::GetStyle().Alpha * 0.45F);
  }
  const bool pressed = ImGui::Button(label);
  if (!enabled) {
    ImGui::PopStyleVar();
    ImGui::PopItemFlag();
  }
  return pressed && enabled;
}

bool ButtonIfAllowed(const Status& allowed, const char* label) {
  const bool pressed = ButtonIf(allowed.ok(), label);
  RefusalTooltip(allowed);
  return pressed;
}

void RefusalTooltip(const Status& allowed) {
  if (allowed.ok() || !ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0F);
  ImGui::TextUnformatted(allowed.message().c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

void RefusalLine(const Status& allowed) {
  if (allowed.ok() || allowed.code() == Code::kPermissionDenied) return;
  DimWrapped(allowed.message());
}

void PresenceDot(ImDrawList* draw, ImVec2 center, float radius, Rgba color,
                 const std::string& initials) {
  draw->AddCircleFilled(center, radius, ToU32(color), 20);
  if (initials.empty()) return;
  ImFont* font = ImGui::GetFont();
  const float size = radius * 1.1F;
  const ImVec2 ts = font->CalcTextSizeA(size, 1e9F, 0, initials.c_str());
  draw->AddText(font, size, ImVec2(center.x - ts.x / 2, center.y - ts.y / 2),
                ToU32(palette::kReaderBg), initials.c_str());
}

Rect ItemRect() {
  return {ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
          ImGui::GetItemRectMax().y};
}

float SmallButtonWidth(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

}  // namespace factdesk::ui
