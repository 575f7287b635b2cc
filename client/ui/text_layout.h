#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "client/ui/text_measure.h"

namespace factdesk::ui {

// One wrapped line of a segment's text: bytes [begin, end) are drawn; [end, next) is the
// whitespace (or newline) swallowed by the break, which maps to the line's end.
struct LineSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::size_t next = 0;
};

// An axis-aligned rectangle relative to the text's top-left corner.
struct Rect {
  float x0 = 0;
  float y0 = 0;
  float x1 = 0;
  float y1 = 0;
  bool Contains(float x, float y) const { return x >= x0 && x < x1 && y >= y0 && y < y1; }
};

// Where every byte of a text lands when wrapped at `wrap_width`: the reader draws the
// lines itself, so it knows where claims, selections and hits are.
struct TextLayout {
  std::vector<LineSpan> lines;
  float line_height = 0;
  float height() const { return line_height * static_cast<float>(lines.size()); }
};

// Wraps text like ImGui's word wrap (the measure decides where); never zero lines.
TextLayout LayoutText(std::string_view text, float wrap_width, const TextMeasure& measure);
// The number of lines LayoutText would make, without keeping them (for the height cache).
std::size_t CountLines(std::string_view text, float wrap_width, const TextMeasure& measure);

// The line holding `byte` (a byte in a swallowed break belongs to the line before it).
std::size_t LineOfByte(const TextLayout& layout, std::size_t byte);
// The x of `byte` on line `line` (bytes past the line's end map to its end).
float XOfByte(std::string_view text, const TextLayout& layout, std::size_t line, std::size_t byte,
              const TextMeasure& measure);
// The code point boundary nearest to (x, y), both relative to the text's origin. Above
// the text gives 0, below it the text's size.
std::size_t ByteAtPoint(std::string_view text, const TextLayout& layout, float x, float y,
                        const TextMeasure& measure);
// One rectangle per line covering bytes [start, end) (none for an empty range).
std::vector<Rect> RangeRects(std::string_view text, const TextLayout& layout, std::size_t start,
                             std::size_t end, const TextMeasure& measure);

}  // namespace factdesk::ui
