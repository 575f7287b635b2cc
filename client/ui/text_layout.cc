#include "client/ui/text_layout.h"

#include <algorithm>

#include "client/ui/utf8_walk.h"

namespace factdesk::ui {
namespace {

// Calls emit(line) for each wrapped line.
template <typename Emit>
void Wrap(std::string_view text, float wrap_width, const TextMeasure& measure, Emit emit) {
  const std::size_t n = text.size();
  std::size_t pos = 0;
  bool any = false;
  while (pos < n) {
    std::size_t len = measure.WrapLength(text.substr(pos), wrap_width);
    if (len == 0 && text[pos] != '\n') len = NextBoundary(text, pos) - pos;
    const std::size_t end = pos + len;
    std::size_t next = end;
    while (next < n && (text[next] == ' ' || text[next] == '\t')) ++next;
    if (next < n && text[next] == '\n') ++next;
    emit(LineSpan{pos, end, next});
    any = true;
    pos = next;
  }
  if (!any) emit(LineSpan{0, 0, 0});
}

}  // namespace

TextLayout LayoutText(std::string_view text, float wrap_width, const TextMeasure& measure) {
  TextLayout layout;
  layout.line_height = measure.LineHeight();
  Wrap(text, wrap_width, measure, [&](const LineSpan& line) { layout.lines.push_back(line); });
  return layout;
}

std::size_t CountLines(std::string_view text, float wrap_width, const TextMeasure& measure) {
  std::size_t count = 0;
  Wrap(text, wrap_width, measure, [&](const LineSpan&) { ++count; });
  return count;
}

std::size_t LineOfByte(const TextLayout& layout, std::size_t byte) {
  // The first line whose `next` is past the byte.
  auto it = std::upper_bound(layout.lines.begin(), layout.lines.end(), byte,
                             [](std::size_t b, const LineSpan& line) { return b < line.next; });
  if (it == layout.lines.end()) return layout.lines.empty() ? 0 : layout.lines.size() - 1;
  return static_cast<std::size_t>(it - layout.lines.begin());
}

float XOfByte(std::string_view text, const TextLayout& layout, std::size_t line, std::size_t byte,
              const TextMeasure& measure) {
  if (line >= layout.lines.size()) return 0;
  const LineSpan& span = layout.lines[line];
  const std::size_t stop = std::clamp(byte, span.begin, span.end);
  return measure.Width(text.substr(span.begin, stop - span.begin));
}

std::size_t ByteAtPoint(std::string_view text, const TextLayout& layout, float x, float y,
                        const TextMeasure& measure) {
  if (layout.lines.empty() || y < 0) return 0;
  const auto line = static_cast<std::size_t>(y / layout.line_height);
  if (line >= layout.lines.size()) return text.size();
  const LineSpan& span = layout.lines[line];
  float acc = 0;
  for (std::size_t pos = span.begin; pos < span.end;) {
    std::size_t next = pos;
    const float advance = measure.Advance(DecodeAt(text, pos, &next));
    if (x < acc + advance / 2) return pos;
    acc += advance;
    pos = next;
  }
  return span.end;
}

std::vector<Rect> RangeRects(std::string_view text, const TextLayout& layout, std::size_t start,
                             std::size_t end, const TextMeasure& measure) {
  std::vector<Rect> rects;
  if (start >= end) return rects;
  const float lh = layout.line_height;
  for (std::size_t i = LineOfByte(layout, start); i < layout.lines.size(); ++i) {
    const LineSpan& span = layout.lines[i];
    if (span.begin >= end) break;
    const std::size_t s = std::max(start, span.begin);
    const std::size_t e = std::min(end, span.end);
    if (s >= e) continue;
    const float x0 = XOfByte(text, layout, i, s, measure);
    const float x1 = x0 + measure.Width(text.substr(s, e - s));
    const float y0 = lh * static_cast<float>(i);
    rects.push_back({x0, y0, x1, y0 + lh});
  }
  return rects;
}

}  // namespace factdesk::ui
