#include "client/ui/text_layout.h"

#include <gtest/gtest.h>

namespace factdesk::ui {
namespace {

// 10 px per code point, 20 px lines.
const MonospaceMeasure kMono(10, 20);

std::string LineText(const std::string& text, const LineSpan& l) {
  return text.substr(l.begin, l.end - l.begin);
}

TEST(TextLayout, WrapsBetweenWordsAndSwallowsTheBreak) {
  const std::string text = "the quick brown fox jumps";
  const TextLayout layout = LayoutText(text, 100, kMono);  // 10 code points per line
  ASSERT_EQ(layout.lines.size(), 3U);
  EXPECT_EQ(LineText(text, layout.lines[0]), "the quick");
  EXPECT_EQ(LineText(text, layout.lines[1]), "brown fox");
  EXPECT_EQ(LineText(text, layout.lines[2]), "jumps");
  // The space after "quick" belongs to line 0 but is not drawn.
  EXPECT_EQ(layout.lines[0].next, 10U);
  EXPECT_EQ(LineOfByte(layout, 9), 0U);
  EXPECT_EQ(LineOfByte(layout, 10), 1U);
  EXPECT_FLOAT_EQ(layout.height(), 60);
  EXPECT_EQ(CountLines(text, 100, kMono), 3U);
}

TEST(TextLayout, CutsAWordLongerThanTheLine) {
  const std::string text = "abcdefghijklmnop";
  const TextLayout layout = LayoutText(text, 50, kMono);
  ASSERT_EQ(layout.lines.size(), 4U);
  EXPECT_EQ(LineText(text, layout.lines[0]), "abcde");
  EXPECT_EQ(LineText(text, layout.lines[3]), "p");
}

TEST(TextLayout, NewlinesBreakLinesAndEmptyTextHasOneLine) {
  const std::string text = "one\ntwo";
  const TextLayout layout = LayoutText(text, 1000, kMono);
  ASSERT_EQ(layout.lines.size(), 2U);
  EXPECT_EQ(LineText(text, layout.lines[0]), "one");
  EXPECT_EQ(LineText(text, layout.lines[1]), "two");
  EXPECT_EQ(LayoutText("", 100, kMono).lines.size(), 1U);
  // Even a width narrower than one character makes progress.
  EXPECT_EQ(LayoutText("abc", 1, kMono).lines.size(), 3U);
}

TEST(TextLayout, MultibyteTextMapsBytesToCodePointColumns) {
  // "日本語 text": three 3-byte code points, a space, four ASCII.
  const std::string text = "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E text";
  const TextLayout layout = LayoutText(text, 1000, kMono);
  ASSERT_EQ(layout.lines.size(), 1U);
  EXPECT_FLOAT_EQ(XOfByte(text, layout, 0, 3, kMono), 10);   // after one ideograph
  EXPECT_FLOAT_EQ(XOfByte(text, layout, 0, 9, kMono), 30);   // after three
  EXPECT_FLOAT_EQ(XOfByte(text, layout, 0, 10, kMono), 40);  // after the space
  // A point inside the second ideograph snaps to a boundary, never inside it.
  EXPECT_EQ(ByteAtPoint(text, layout, 12, 5, kMono), 3U);  // left half -> before it
  EXPECT_EQ(ByteAtPoint(text, layout, 17, 5, kMono), 6U);  // right half -> after it
  EXPECT_EQ(ByteAtPoint(text, layout, -5, 5, kMono), 0U);
  EXPECT_EQ(ByteAtPoint(text, layout, 500, 5, kMono), text.size());
}

TEST(TextLayout, PointsAboveAndBelowTheTextMapToItsEnds) {
  const std::string text = "the quick brown fox jumps";
  const TextLayout layout = LayoutText(text, 100, kMono);
  EXPECT_EQ(ByteAtPoint(text, layout, 50, -3, kMono), 0U);
  EXPECT_EQ(ByteAtPoint(text, layout, 50, 500, kMono), text.size());
  // Second line, third column: "brown" starts at byte 10.
  EXPECT_EQ(ByteAtPoint(text, layout, 21, 25, kMono), 12U);
}

TEST(TextLayout, RangeRectsFollowTheWrappedLines) {
  const std::string text = "the quick brown fox jumps";
  const TextLayout layout = LayoutText(text, 100, kMono);
  // "quick brown" spans lines 0 and 1.
  const auto rects = RangeRects(text, layout, 4, 15, kMono);
  ASSERT_EQ(rects.size(), 2U);
  EXPECT_FLOAT_EQ(rects[0].x0, 40);
  EXPECT_FLOAT_EQ(rects[0].x1, 90);
  EXPECT_FLOAT_EQ(rects[0].y0, 0);
  EXPECT_FLOAT_EQ(rects[1].x0, 0);
  EXPECT_FLOAT_EQ(rects[1].x1, 50);
  EXPECT_FLOAT_EQ(rects[1].y0, 20);
  EXPECT_TRUE(RangeRects(text, layout, 5, 5, kMono).empty());
}

TEST(TextLayout, SelectionRoundTripsThroughGeometry) {
  // Every boundary's point maps back to that boundary: what the mouse selects is what
  // the highlight shows.
  const std::string text =
      "Crime went up 15 percent \xE2\x80\x94 \xE5\xB9\xB4 last year, they said.";
  const TextLayout layout = LayoutText(text, 90, kMono);
  for (std::size_t b = 0; b < text.size(); ++b) {
    if ((static_cast<unsigned char>(text[b]) & 0xC0U) == 0x80U) continue;
    const std::size_t line = LineOfByte(layout, b);
    if (b >= layout.lines[line].end) continue;  // swallowed whitespace
    const float x = XOfByte(text, layout, line, b, kMono) + 1;
    const float y = (static_cast<float>(line) + 0.5F) * 20;
    EXPECT_EQ(ByteAtPoint(text, layout, x, y, kMono), b) << "byte " << b;
  }
}

}  // namespace
}  // namespace factdesk::ui
