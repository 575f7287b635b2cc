#include "domain/segment_correction.h"

#include <string>

#include <gtest/gtest.h>

namespace factdesk::domain {
namespace {

const std::string kSaid = "Crime fell by 40 percent in my state.";

Anchor AnchorOf(std::string_view text, std::int64_t start, std::int64_t end) {
  const Result<Anchor> anchor = AnchorRange(text, start, end);
  EXPECT_TRUE(anchor.ok());
  return *anchor;
}

TEST(FollowCorrection, FindsTheQuoteAtItsNewPlaceWithNewContext) {
  const Anchor anchor = AnchorOf(kSaid, 6, 24);
  const std::string now = "Well, crime fell by 40 percent in my state.";
  const AnchorAfterCorrection after = FollowCorrection(now, anchor, 6, 24);
  ASSERT_TRUE(after.quote_found());
  EXPECT_EQ(after.start, 12);
  EXPECT_EQ(after.end, 30);
  EXPECT_EQ(after.anchor->quote, "fell by 40 percent");
  EXPECT_EQ(after.anchor->prefix, "Well, crime ");
  EXPECT_EQ(after.anchor->suffix, " in my state.");
}

TEST(FollowCorrection, PicksTheOccurrenceWhoseContextMatches) {
  const std::string said = "It fell. Crime fell by 40 percent in my state.";
  const Anchor anchor = AnchorOf(said, 15, 19);  // the second "fell"
  const AnchorAfterCorrection after =
      FollowCorrection("It fell. Yes, crime fell by 40 percent in my state.", anchor, 15, 19);
  ASSERT_TRUE(after.quote_found());
  EXPECT_EQ(after.start, 20);
}

TEST(FollowCorrection, KeepsTheOldRangeClampedWhenTheQuoteIsGone) {
  const Anchor anchor = AnchorOf(kSaid, 6, 24);
  AnchorAfterCorrection after =
      FollowCorrection("Crime fell by four percent today.", anchor, 6, 24);
  EXPECT_FALSE(after.quote_found());
  EXPECT_EQ(after.start, 6);
  EXPECT_EQ(after.end, 24);
  after = FollowCorrection("Crime fell.", anchor, 6, 24);
  EXPECT_FALSE(after.quote_found());
  EXPECT_EQ(after.start, 6);
  EXPECT_EQ(after.end, 11);
  after = FollowCorrection("No.", anchor, 6, 24);
  EXPECT_EQ(after.start, 2);
  EXPECT_EQ(after.end, 3);
}

TEST(ClampRange, StaysOnCodePointBoundariesAndNeverEmpty) {
  const std::string text = "caf\xC3\xA9 ol\xC3\xA9";  // "café olé", 10 bytes
  EXPECT_EQ(ClampRange(text, 4, 8), std::make_pair(std::int64_t{3}, std::int64_t{8}));
  EXPECT_EQ(ClampRange(text, 0, 4), std::make_pair(std::int64_t{0}, std::int64_t{5}));
  EXPECT_EQ(ClampRange(text, 40, 90), std::make_pair(std::int64_t{8}, std::int64_t{10}));
  EXPECT_EQ(ClampRange("a", 0, 5), std::make_pair(std::int64_t{0}, std::int64_t{1}));
}

}  // namespace
}  // namespace factdesk::domain
