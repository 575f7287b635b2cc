#include "archive/retrieval_metrics.h"

#include <vector>

#include <gtest/gtest.h>

namespace factdesk::archive {
namespace {

TEST(RetrievalMetrics, OneRelevantCheckScoresItsReciprocalRankWithinK) {
  const std::vector<std::int64_t> ranked = {7, 3, 9, 1, 4, 2};
  EXPECT_DOUBLE_EQ(AveragePrecisionAt(ranked, {7}, 5), 1.0);
  EXPECT_DOUBLE_EQ(AveragePrecisionAt(ranked, {9}, 5), 1.0 / 3);
  EXPECT_DOUBLE_EQ(AveragePrecisionAt(ranked, {9}, 1), 0.0);
  EXPECT_DOUBLE_EQ(AveragePrecisionAt(ranked, {2}, 5), 0.0);  // rank 6
}

TEST(RetrievalMetrics, SeveralRelevantChecksAverageTheirPrecisions) {
  const std::vector<std::int64_t> ranked = {7, 3, 9, 1, 4};
  // Found at ranks 1 and 3: (1/1 + 2/3) / 2.
  EXPECT_DOUBLE_EQ(AveragePrecisionAt(ranked, {7, 9}, 5), (1.0 + 2.0 / 3) / 2);
  // One of three never found counts against it.
  EXPECT_DOUBLE_EQ(AveragePrecisionAt(ranked, {7, 9, 100}, 5), (1.0 + 2.0 / 3) / 3);
  EXPECT_DOUBLE_EQ(RecallAt(ranked, {7, 9, 100}, 5), 2.0 / 3);
}

TEST(RetrievalMetrics, NothingRelevantScoresZero) {
  const std::vector<std::int64_t> ranked = {1, 2};
  EXPECT_DOUBLE_EQ(AveragePrecisionAt(ranked, {}, 5), 0.0);
  EXPECT_DOUBLE_EQ(RecallAt(ranked, {}, 5), 0.0);
  EXPECT_DOUBLE_EQ(AveragePrecisionAt({}, {1}, 5), 0.0);
}

}  // namespace
}  // namespace factdesk::archive
