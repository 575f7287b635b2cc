#include "client/ui/selection_actions.h"

#include <algorithm>

#include "client/ui/utf8_walk.h"

namespace factdesk::ui {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Whether the code point at `pos` separates words: white space, and the ideographic
// punctuation that separates Chinese clauses (there are no spaces to go by).
bool IsWordBreak(std::string_view text, std::size_t pos) {
  std::size_t next = 0;
  const char32_t c = DecodeAt(text, pos, &next);
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || (c >= 0x3000 && c <= 0x303F) ||
         (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20);
}

}  // namespace

std::optional<action::MarkClaim> MarkFromSelection(const TextSelection& selection,
                                                   const v1::Segment& segment) {
  if (selection.empty() || selection.segment_id != segment.id()) return std::nullopt;
  if (segment.kind() != v1::SEGMENT_KIND_SPEECH) return std::nullopt;
  const std::string& text = segment.text();
  std::size_t a = FloorBoundary(text, std::min(selection.start(), text.size()));
  std::size_t b = std::min(selection.end(), text.size());
  if (FloorBoundary(text, b) != b) b = NextBoundary(text, FloorBoundary(text, b));
  while (a < b && IsSpace(text[a])) ++a;
  while (b > a && IsSpace(text[b - 1])) --b;
  if (a >= b) return std::nullopt;
  return action::MarkClaim{segment.id(), static_cast<std::int32_t>(a),
                           static_cast<std::int32_t>(b)};
}

void MoveCaret(TextSelection& selection, std::string_view text, int direction, CaretStep step) {
  if (selection.segment_id == 0) return;
  std::size_t& c = selection.caret;
  c = std::min(c, text.size());
  switch (step) {
    case CaretStep::kCodePoint:
      c = direction > 0 ? NextBoundary(text, c) : PrevBoundary(text, c);
      break;
    case CaretStep::kSegment:
      c = direction > 0 ? text.size() : 0;
      break;
    case CaretStep::kWord:
      if (direction > 0) {
        while (c < text.size() && IsWordBreak(text, c)) c = NextBoundary(text, c);
        while (c < text.size() && !IsWordBreak(text, c)) c = NextBoundary(text, c);
      } else {
        while (c > 0 && IsWordBreak(text, PrevBoundary(text, c))) c = PrevBoundary(text, c);
        while (c > 0 && !IsWordBreak(text, PrevBoundary(text, c))) c = PrevBoundary(text, c);
      }
      break;
  }
}

TextSelection CaretAt(std::int64_t segment_id) {
  TextSelection s;
  s.segment_id = segment_id;
  return s;
}

}  // namespace factdesk::ui
