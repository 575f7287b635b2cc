#include "client/ui/height_cache.h"

#include <gtest/gtest.h>

#include "client/ui/scroll_anchor.h"

namespace factdesk::ui {
namespace {

TEST(HeightCache, PrefixSumsAndRowLookup) {
  HeightCache c;
  c.SetLayout(500, 16);
  c.Resize(5, 10);
  EXPECT_DOUBLE_EQ(c.Total(), 50);
  c.SetMeasured(1, 101, 7, 30);
  EXPECT_DOUBLE_EQ(c.Top(0), 0);
  EXPECT_DOUBLE_EQ(c.Top(1), 10);
  EXPECT_DOUBLE_EQ(c.Top(2), 40);
  EXPECT_DOUBLE_EQ(c.Total(), 70);
  EXPECT_EQ(c.RowAt(0), 0U);
  EXPECT_EQ(c.RowAt(9.9), 0U);
  EXPECT_EQ(c.RowAt(10), 1U);
  EXPECT_EQ(c.RowAt(39), 1U);
  EXPECT_EQ(c.RowAt(40), 2U);
  EXPECT_EQ(c.RowAt(1e9), 4U);
  EXPECT_EQ(c.RowAt(-5), 0U);
}

TEST(HeightCache, ScalesToManyRows) {
  HeightCache c;
  c.SetLayout(500, 16);
  c.Resize(10000, 20);
  for (std::size_t i = 0; i < 10000; i += 3) c.SetMeasured(i, static_cast<std::int64_t>(i), 1, 45);
  double top = 0;
  for (std::size_t i = 0; i < 10000; ++i) {
    ASSERT_DOUBLE_EQ(c.Top(i), top) << i;
    EXPECT_EQ(c.RowAt(top), i);
    EXPECT_EQ(c.RowAt(top + c.Height(i) - 0.5), i);
    top += c.Height(i);
  }
  EXPECT_DOUBLE_EQ(c.Total(), top);
}

TEST(HeightCache, WidthOrFontChangeInvalidatesEveryRow) {
  HeightCache c;
  c.SetLayout(500, 16);
  c.Resize(3, 10);
  c.SetMeasured(0, 100, 1, 40);
  EXPECT_TRUE(c.IsMeasured(0, 100, 1));
  EXPECT_FALSE(c.SetLayout(500, 16));  // same key: kept
  EXPECT_TRUE(c.IsMeasured(0, 100, 1));
  EXPECT_TRUE(c.SetLayout(400, 16));  // narrower: re-measure
  EXPECT_FALSE(c.IsMeasured(0, 100, 1));
  EXPECT_EQ(c.measured_count(), 0U);
  c.SetMeasured(0, 100, 1, 60);
  EXPECT_TRUE(c.SetLayout(400, 20));  // bigger font: re-measure
  EXPECT_FALSE(c.IsMeasured(0, 100, 1));
}

TEST(HeightCache, TextOrSegmentChangeInvalidatesThatRow) {
  HeightCache c;
  c.SetLayout(500, 16);
  c.Resize(3, 10);
  c.SetMeasured(1, 100, 0xAAAA, 40);
  EXPECT_TRUE(c.IsMeasured(1, 100, 0xAAAA));
  EXPECT_FALSE(c.IsMeasured(1, 100, 0xBBBB));  // the text changed
  EXPECT_FALSE(c.IsMeasured(1, 200, 0xAAAA));  // another segment at this row
  EXPECT_FALSE(c.IsMeasured(0, 100, 0xAAAA));
  c.SetEstimate(1, 5);  // estimates never overwrite a measurement
  EXPECT_FLOAT_EQ(c.Height(1), 40);
  c.SetEstimate(2, 25);
  EXPECT_DOUBLE_EQ(c.Total(), 75);
}

TEST(ScrollAnchor, HoldsTheTopRowWhenRowsAboveChange) {
  HeightCache c;
  c.SetLayout(500, 16);
  c.Resize(100, 20);
  const ScrollAnchor a = AnchorAt(c, 505);  // row 25, 5 px in
  EXPECT_EQ(a.row, 25U);
  EXPECT_FLOAT_EQ(a.offset, 5);
  // Rows above get measured taller: the pixel position moves, the anchor does not.
  for (std::size_t i = 0; i < 25; ++i) c.SetMeasured(i, static_cast<std::int64_t>(i), 1, 40);
  EXPECT_DOUBLE_EQ(ScrollFor(c, a), 25 * 40 + 5);
  EXPECT_EQ(AnchorAt(c, ScrollFor(c, a)), a);
  // A row that shrank under its offset keeps the offset inside it.
  c.SetMeasured(25, 25, 1, 3);
  EXPECT_DOUBLE_EQ(ScrollFor(c, a), 25 * 40 + 2);
}

}  // namespace
}  // namespace factdesk::ui
