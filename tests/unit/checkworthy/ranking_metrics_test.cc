#include "checkworthy/ranking_metrics.h"

#include <gtest/gtest.h>

namespace factdesk::checkworthy {
namespace {

TEST(RankingMetricsTest, AveragePrecisionRPrecisionAndPrecisionAtK) {
  const std::vector<double> scores = {0.9, 0.8, 0.7, 0.6};
  const RankingMetrics m = MeasureRanking(scores, {true, false, true, false});
  EXPECT_DOUBLE_EQ(m.average_precision, (1.0 / 1 + 2.0 / 3) / 2);
  EXPECT_DOUBLE_EQ(m.r_precision, 0.5);  // one of the top two
  // Fewer sentences than k: the missing places are misses.
  EXPECT_DOUBLE_EQ(m.precision_at[0], 1.0);
  EXPECT_DOUBLE_EQ(m.precision_at[1], 2.0 / 5);
  EXPECT_DOUBLE_EQ(m.precision_at[2], 2.0 / 10);
  EXPECT_DOUBLE_EQ(m.precision_at[3], 2.0 / 20);
}

TEST(RankingMetricsTest, RanksByScoreNotByPosition) {
  const std::vector<double> scores = {0.1, 0.2, 0.9};
  const RankingMetrics m = MeasureRanking(scores, {false, false, true});
  EXPECT_DOUBLE_EQ(m.average_precision, 1.0);
  EXPECT_DOUBLE_EQ(m.r_precision, 1.0);
}

TEST(RankingMetricsTest, EqualScoresKeepTheSentencesOrder) {
  const std::vector<double> scores = {0.5, 0.5, 0.5, 0.5};
  const RankingMetrics m = MeasureRanking(scores, {false, false, false, true});
  EXPECT_DOUBLE_EQ(m.average_precision, 1.0 / 4);
  EXPECT_DOUBLE_EQ(m.precision_at[0], 0.0);
}

TEST(RankingMetricsTest, NothingWorthyMeasuresZero) {
  const std::vector<double> scores = {0.5, 0.4};
  const RankingMetrics m = MeasureRanking(scores, {false, false});
  EXPECT_EQ(m.average_precision, 0.0);
  EXPECT_EQ(m.r_precision, 0.0);
}

}  // namespace
}  // namespace factdesk::checkworthy
