#include "client/ui/imgui_text_measure.h"

#include <imgui.h>

namespace factdesk::ui {

ImGuiTextMeasure::ImGuiTextMeasure(const ImFont* font, float size)
    : font_(font), size_(size), scale_(size / font->FontSize) {}

float ImGuiTextMeasure::Advance(char32_t code_point) const {
  // ImWchar is 16-bit in this build: ImGui draws anything beyond the BMP as U+FFFD.
  const auto c = static_cast<ImWchar>(code_point > 0xFFFF ? 0xFFFD : code_point);
  return font_->GetCharAdvance(c) * scale_;
}

std::size_t ImGuiTextMeasure::WrapLength(std::string_view text, float wrap_width) const {
  if (text.empty()) return 0;
  // CalcWordWrapPositionA (1.86) runs on across newlines; a line never does.
  const std::size_t newline = text.find('\n');
  if (newline != std::string_view::npos) text = text.substr(0, newline);
  if (text.empty()) return 0;
  const char* begin = text.data();
  const char* stop = font_->CalcWordWrapPositionA(scale_, begin, begin + text.size(), wrap_width);
  return static_cast<std::size_t>(stop - begin);
}

}  // namespace factdesk::ui
