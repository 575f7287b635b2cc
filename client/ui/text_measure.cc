#include "client/ui/text_measure.h"

#include "client/ui/utf8_walk.h"

namespace factdesk::ui {

float TextMeasure::Width(std::string_view text) const {
  float width = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t next = pos;
    width += Advance(DecodeAt(text, pos, &next));
    pos = next;
  }
  return width;
}

std::size_t MonospaceMeasure::WrapLength(std::string_view text, float wrap_width) const {
  // Greedy: keep whole words while they fit; a word longer than the line is cut.
  float width = 0;
  std::size_t last_word_end = 0;
  bool in_word = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    if (text[pos] == '\n') return pos;
    std::size_t next = pos;
    const char32_t c = DecodeAt(text, pos, &next);
    const bool blank = c == ' ' || c == '\t';
    if (!blank && width + Advance(c) > wrap_width && pos > 0) {
      return last_word_end > 0 ? last_word_end : pos;
    }
    if (blank && in_word) last_word_end = pos;
    in_word = !blank;
    width += Advance(c);
    pos = next;
  }
  return pos;
}

}  // namespace factdesk::ui
