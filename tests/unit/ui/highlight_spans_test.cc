#include "client/ui/highlight_spans.h"

#include <gtest/gtest.h>

namespace factdesk::ui {
namespace {

using Spans = std::vector<HighlightSpan>;

TEST(HighlightSpans, DisjointClaimsGiveOneSpanEach) {
  const std::string text(40, 'x');
  EXPECT_EQ(ComputeHighlightSpans(text, {{1, 0, 5}, {2, 10, 20}}),
            (Spans{{0, 5, 1, 1}, {10, 20, 2, 1}}));
  EXPECT_TRUE(ComputeHighlightSpans(text, {}).empty());
}

TEST(HighlightSpans, OverlapsSplitWithTheShortestOnTop) {
  const std::string text(40, 'x');
  // 1 covers [0,20), 2 covers [10,30): the overlap [10,20) is on top of both; 1 is
  // shorter-or-equal... both are 20 long, so the newer (2) is on top.
  EXPECT_EQ(ComputeHighlightSpans(text, {{1, 0, 20}, {2, 10, 30}}),
            (Spans{{0, 10, 1, 1}, {10, 20, 2, 2}, {20, 30, 2, 1}}));
  // A claim nested in a longer one stays on top where it is.
  EXPECT_EQ(ComputeHighlightSpans(text, {{5, 0, 30}, {3, 10, 15}}),
            (Spans{{0, 10, 5, 1}, {10, 15, 3, 2}, {15, 30, 5, 1}}));
}

TEST(HighlightSpans, IdenticalRangesStackAndThreeWayOverlapsCount) {
  const std::string text(40, 'x');
  EXPECT_EQ(ComputeHighlightSpans(text, {{1, 5, 10}, {2, 5, 10}}), (Spans{{5, 10, 2, 2}}));
  const Spans spans = ComputeHighlightSpans(text, {{1, 0, 30}, {2, 5, 25}, {3, 10, 20}});
  ASSERT_EQ(spans.size(), 5U);
  EXPECT_EQ(spans[2], (HighlightSpan{10, 20, 3, 3}));
  EXPECT_EQ(ClaimAtByte(spans, 12), 3);
  EXPECT_EQ(ClaimAtByte(spans, 7), 2);
  EXPECT_EQ(ClaimAtByte(spans, 35), 0);
}

TEST(HighlightSpans, SnapsToCodePointsAndClampsToTheText) {
  // "aé日b": a(0) é(1-2) 日(3-5) b(6).
  const std::string text =
      "a\xC3\xA9\xE6\x97\xA5"
      "b";
  // A range starting inside é and ending inside 日 widens to whole code points.
  EXPECT_EQ(ComputeHighlightSpans(text, {{1, 2, 4}}), (Spans{{1, 6, 1, 1}}));
  // Past the end is clamped; empty and inverted ranges are dropped.
  EXPECT_EQ(ComputeHighlightSpans(text, {{1, 6, 99}, {2, 3, 3}, {3, 5, 2}}), (Spans{{6, 7, 1, 1}}));
}

}  // namespace
}  // namespace factdesk::ui
