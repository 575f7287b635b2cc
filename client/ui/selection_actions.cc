#include "client/ui/selection_actions.h"

#include "client/ui/utf8_walk.h"

namespace factdesk::ui {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
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

void MoveCaret(TextSelection& selection, std::string_view text, int direction) {
  if (selection.segment_id == 0) return;
  selection.caret =
      direction > 0 ? NextBoundary(text, selection.caret) : PrevBoundary(text, selection.caret);
}

}  // namespace factdesk::ui
