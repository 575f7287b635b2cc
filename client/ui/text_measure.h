#pragma once

#include <cstddef>
#include <string_view>

namespace factdesk::ui {

// How wide text is in some font. The layout code (wrapping, byte <-> point mapping) is
// written against this interface so it can be tested without ImGui; the desktop
// implements it over ImFont (imgui_text_measure.h), tests with a fixed-width font.
class TextMeasure {
 public:
  virtual ~TextMeasure() = default;
  // Height of one line of text.
  virtual float LineHeight() const = 0;
  // Horizontal advance of one code point.
  virtual float Advance(char32_t code_point) const = 0;
  // How many bytes of `text` (which starts a line) fit in `wrap_width`, breaking
  // between words where possible. Stops before a '\n'. At least one code point
  // unless `text` is empty or starts with '\n'.
  virtual std::size_t WrapLength(std::string_view text, float wrap_width) const = 0;
  // Width of a single line of text: the sum of its advances.
  float Width(std::string_view text) const;
};

// A fixed-width measure (every code point `advance` wide) with greedy word wrapping at
// spaces, like ImGui's: for tests and for estimates.
class MonospaceMeasure : public TextMeasure {
 public:
  MonospaceMeasure(float advance, float line_height)
      : advance_(advance), line_height_(line_height) {}
  float LineHeight() const override { return line_height_; }
  float Advance(char32_t) const override { return advance_; }
  std::size_t WrapLength(std::string_view text, float wrap_width) const override;

 private:
  float advance_;
  float line_height_;
};

}  // namespace factdesk::ui
