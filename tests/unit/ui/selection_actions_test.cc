#include "client/ui/selection_actions.h"

#include <gtest/gtest.h>

namespace factdesk::ui {
namespace {

v1::Segment Seg(const std::string& text, v1::SegmentKind kind = v1::SEGMENT_KIND_SPEECH) {
  v1::Segment s;
  s.set_id(5);
  s.set_kind(kind);
  s.set_text(text);
  return s;
}

TEST(SelectionActions, MarksTheTrimmedSelectionInEitherDirection) {
  const v1::Segment s = Seg("We cut taxes by 20 percent. Next.");
  TextSelection sel{5, 27, 2, false};  // dragged right to left, with the spaces
  auto mark = MarkFromSelection(sel, s);
  ASSERT_TRUE(mark.has_value());
  EXPECT_EQ(mark->segment_id, 5);
  EXPECT_EQ(mark->start_byte, 3);
  EXPECT_EQ(mark->end_byte, 27);
  EXPECT_EQ(s.text().substr(3, 24), "cut taxes by 20 percent.");
}

TEST(SelectionActions, NothingToMark) {
  const v1::Segment s = Seg("Hello there");
  EXPECT_FALSE(MarkFromSelection({5, 3, 3, false}, s));  // empty
  EXPECT_FALSE(MarkFromSelection({5, 5, 6, false}, s));  // only a space
  EXPECT_FALSE(MarkFromSelection({6, 0, 5, false}, s));  // another segment
  EXPECT_FALSE(MarkFromSelection({5, 0, 5, false}, Seg("(Applause)", v1::SEGMENT_KIND_CUE)));
}

TEST(SelectionActions, SnapsToCodePointsAndMovesTheCaretByCodePoint) {
  const v1::Segment s = Seg("\xE5\xB9\xB4\xE8\x96\xAA rose");  // 年薪 rose
  auto mark = MarkFromSelection({5, 1, 5, false}, s);
  ASSERT_TRUE(mark.has_value());
  EXPECT_EQ(mark->start_byte, 0);
  EXPECT_EQ(mark->end_byte, 6);
  TextSelection sel{5, 0, 0, false};
  MoveCaret(sel, s.text(), +1);
  EXPECT_EQ(sel.caret, 3U);
  MoveCaret(sel, s.text(), +1);
  EXPECT_EQ(sel.caret, 6U);
  MoveCaret(sel, s.text(), -1);
  EXPECT_EQ(sel.caret, 3U);
  EXPECT_EQ(sel.anchor, 0U);
}

TEST(SelectionActions, WordAndSegmentStepsForKeyboardSelection) {
  const std::string text = "The deficit  was closed.";
  TextSelection sel = CaretAt(9);
  EXPECT_EQ(sel.segment_id, 9);
  EXPECT_TRUE(sel.empty());
  MoveCaret(sel, text, +1, CaretStep::kWord);
  EXPECT_EQ(text.substr(sel.start(), sel.end() - sel.start()), "The");
  MoveCaret(sel, text, +1, CaretStep::kWord);  // over both spaces to the word's end
  EXPECT_EQ(text.substr(sel.start(), sel.end() - sel.start()), "The deficit");
  MoveCaret(sel, text, +1, CaretStep::kWord);
  EXPECT_EQ(text.substr(sel.start(), sel.end() - sel.start()), "The deficit  was");
  MoveCaret(sel, text, -1, CaretStep::kWord);
  EXPECT_EQ(text.substr(sel.start(), sel.end() - sel.start()), "The deficit  ");
  MoveCaret(sel, text, +1, CaretStep::kSegment);
  EXPECT_EQ(sel.caret, text.size());
  MoveCaret(sel, text, +1, CaretStep::kWord);  // nowhere further to go
  EXPECT_EQ(sel.caret, text.size());
  MoveCaret(sel, text, -1, CaretStep::kSegment);
  EXPECT_EQ(sel.caret, 0U);
  EXPECT_EQ(sel.anchor, 0U);

  // Chinese has no spaces: a word step goes to the next ideographic comma or stop.
  const std::string zh =
      "\xE7\xA4\xBE\xE5\x8C\xBA\xEF\xBC\x8C\xE5\x9B\xBE\xE4\xB9\xA6\xE3\x80\x82";  // 社区，图书。
  TextSelection z = CaretAt(1);
  MoveCaret(z, zh, +1, CaretStep::kWord);
  EXPECT_EQ(z.caret, 6U);
  MoveCaret(z, zh, +1, CaretStep::kWord);
  EXPECT_EQ(z.caret, 15U);
}

}  // namespace
}  // namespace factdesk::ui
