#include "checkworthy/ranking_metrics.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace factdesk::checkworthy {

RankingMetrics MeasureRanking(std::span<const double> scores, const std::vector<bool>& worthy) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&scores](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  const auto total = static_cast<std::size_t>(std::count(worthy.begin(), worthy.end(), true));
  RankingMetrics m;
  if (total == 0) return m;
  std::size_t found = 0;
  for (std::size_t rank = 1; rank <= order.size(); ++rank) {
    if (worthy[order[rank - 1]]) {
      ++found;
      m.average_precision += static_cast<double>(found) / static_cast<double>(rank);
    }
    if (rank == total) m.r_precision = static_cast<double>(found) / static_cast<double>(total);
    for (std::size_t k = 0; k < kPrecisionRanks.size(); ++k) {
      if (rank == kPrecisionRanks[k]) {
        m.precision_at[k] = static_cast<double>(found) / static_cast<double>(rank);
      }
    }
  }
  // Fewer sentences than k: the missing places count as misses, as in CLEF's scorer.
  for (std::size_t k = 0; k < kPrecisionRanks.size(); ++k) {
    if (kPrecisionRanks[k] > order.size()) {
      m.precision_at[k] = static_cast<double>(found) / static_cast<double>(kPrecisionRanks[k]);
    }
  }
  m.average_precision /= static_cast<double>(total);
  return m;
}

}  // namespace factdesk::checkworthy
