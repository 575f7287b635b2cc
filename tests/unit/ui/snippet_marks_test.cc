#include "client/ui/snippet_marks.h"

#include <gtest/gtest.h>

namespace factdesk::ui {
namespace {

using Ranges = std::vector<std::pair<std::size_t, std::size_t>>;

// The contract's markers, written out here rather than taken from the code under test.
const std::string kOpen = "\xEE\x80\x80";   // U+E000
const std::string kClose = "\xEE\x80\x81";  // U+E001

TEST(SnippetMarks, MatchesBecomeRangesOfThePlainText) {
  const MarkedSnippet s =
      MarkSnippet("the " + kOpen + "deficit" + kClose + " fell, the " + kOpen + "deficit" + kClose);
  EXPECT_EQ(s.text, "the deficit fell, the deficit");
  EXPECT_EQ(s.matches, (Ranges{{4, 11}, {22, 29}}));
}

TEST(SnippetMarks, MarkersAtTheEdges) {
  const MarkedSnippet s = MarkSnippet(kOpen + "Jobs" + kClose + " grew " + kOpen + "fast" + kClose);
  EXPECT_EQ(s.text, "Jobs grew fast");
  EXPECT_EQ(s.matches, (Ranges{{0, 4}, {10, 14}}));
}

TEST(SnippetMarks, NoMarkersIsPlainText) {
  const MarkedSnippet s = MarkSnippet("nothing matched here");
  EXPECT_EQ(s.text, "nothing matched here");
  EXPECT_TRUE(s.matches.empty());
  EXPECT_TRUE(MarkSnippet("").text.empty());
}

TEST(SnippetMarks, UnbalancedMarkersNeverShow) {
  // Cut off inside a match: it runs to the end.
  MarkedSnippet s = MarkSnippet("rates " + kOpen + "rose");
  EXPECT_EQ(s.text, "rates rose");
  EXPECT_EQ(s.matches, (Ranges{{6, 10}}));
  // Cut off after an open: the close has nothing to end.
  s = MarkSnippet("rose" + kClose + " again");
  EXPECT_EQ(s.text, "rose again");
  EXPECT_TRUE(s.matches.empty());
  // An open inside a match is dropped; an empty match is no match.
  s = MarkSnippet(kOpen + "a" + kOpen + "b" + kClose + "c" + kOpen + kClose);
  EXPECT_EQ(s.text, "abc");
  EXPECT_EQ(s.matches, (Ranges{{0, 2}}));
}

TEST(SnippetMarks, MultiByteTextKeepsItsBytes) {
  // A match on "día" and a Chinese word: ranges are bytes on code point boundaries.
  const MarkedSnippet s =
      MarkSnippet("el " + kOpen + "día" + kClose + " 经济" + kOpen + "增长" + kClose + "了");
  EXPECT_EQ(s.text, "el día 经济增长了");
  ASSERT_EQ(s.matches.size(), 2u);
  EXPECT_EQ(s.text.substr(s.matches[0].first, s.matches[0].second - s.matches[0].first), "día");
  EXPECT_EQ(s.text.substr(s.matches[1].first, s.matches[1].second - s.matches[1].first), "增长");
  // A lone lead byte of the marker's encoding is text, not a marker.
  EXPECT_EQ(MarkSnippet("a\xEE\x80").text, "a\xEE\x80");
}

}  // namespace
}  // namespace factdesk::ui
