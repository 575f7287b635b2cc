// SegmentCache: pages by ordinal, validation, lookups, gaps.

#include "client/model/segment_cache.h"

#include <gtest/gtest.h>

namespace factdesk::model {
namespace {

std::vector<v1::Segment> Page(std::int64_t transcript, std::int32_t first, int n) {
  std::vector<v1::Segment> out(n);
  for (int i = 0; i < n; ++i) {
    out[i].set_id(transcript * 1000 + first + i);
    out[i].set_transcript_id(transcript);
    out[i].set_ordinal(first + i);
    out[i].set_text("s" + std::to_string(first + i));
  }
  return out;
}

TEST(SegmentCache, StoresPagesAndFindsGaps) {
  SegmentCache cache;
  ASSERT_TRUE(cache.Set(10, 0, Page(10, 0, 3)).ok());
  ASSERT_TRUE(cache.Set(10, 5, Page(10, 5, 2)).ok());
  EXPECT_EQ(cache.FirstMissing(10, 0, 7), 3);
  EXPECT_EQ(cache.FirstMissing(10, 5, 7), std::nullopt);
  EXPECT_EQ(cache.FirstMissing(10, 4, 7), 4);
  EXPECT_EQ(cache.FirstMissing(11, 0, 2), 0);
  EXPECT_EQ(cache.FirstMissing(11, 0, 0), std::nullopt);
  ASSERT_NE(cache.At(10, 6), nullptr);
  EXPECT_EQ(cache.At(10, 6)->text(), "s6");
  ASSERT_NE(cache.Find(10002), nullptr);
  EXPECT_EQ(cache.Find(10002)->ordinal(), 2);
  ASSERT_NE(cache.Of(10), nullptr);
  EXPECT_EQ(cache.Of(10)->size(), 5u);
  // Fetching a page again replaces it in place.
  ASSERT_TRUE(cache.Set(10, 0, Page(10, 0, 1)).ok());
  EXPECT_EQ(cache.Of(10)->size(), 5u);
}

TEST(SegmentCache, RefusesInconsistentPages) {
  SegmentCache cache;
  auto wrong_ordinals = Page(10, 0, 3);
  wrong_ordinals[2].set_ordinal(7);
  EXPECT_EQ(cache.Set(10, 0, wrong_ordinals).code(), Code::kInvalidArgument);
  EXPECT_EQ(cache.Of(10), nullptr);  // nothing stored
  EXPECT_EQ(cache.Set(11, 0, Page(10, 0, 1)).code(), Code::kInvalidArgument);
  EXPECT_EQ(cache.Set(10, -1, {}).code(), Code::kInvalidArgument);
}

TEST(SegmentCache, DropAndClear) {
  SegmentCache cache;
  ASSERT_TRUE(cache.Set(10, 0, Page(10, 0, 2)).ok());
  ASSERT_TRUE(cache.Set(11, 0, Page(11, 0, 2)).ok());
  cache.Drop(10);
  EXPECT_EQ(cache.Find(10000), nullptr);
  EXPECT_NE(cache.Find(11000), nullptr);
  cache.Clear();
  EXPECT_EQ(cache.Find(11000), nullptr);
}

}  // namespace
}  // namespace factdesk::model
