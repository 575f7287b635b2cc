#pragma once

#include "client/ui/text_measure.h"

struct ImFont;

namespace factdesk::ui {

// TextMeasure over an ImGui font at a size, wrapping exactly as ImGui's own word wrap
// (ImFont::CalcWordWrapPositionA) so drawn lines and computed geometry agree.
class ImGuiTextMeasure : public TextMeasure {
 public:
  ImGuiTextMeasure(const ImFont* font, float size);
  float LineHeight() const override { return size_; }
  float Advance(char32_t code_point) const override;
  std::size_t WrapLength(std::string_view text, float wrap_width) const override;
  const ImFont* font() const { return font_; }
  float size() const { return size_; }

 private:
  const ImFont* font_;
  float size_;
  float scale_;
};

}  // namespace factdesk::ui
