#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <vector>

namespace factdesk::checkworthy {

// The ranks at which precision is reported: P@1, P@5, P@10, P@20.
inline constexpr std::array<std::size_t, 4> kPrecisionRanks = {1, 5, 10, 20};

// How well a ranking of one debate's sentences puts the worthy ones first, as CLEF
// CheckThat! measures it.
struct RankingMetrics {
  double average_precision = 0;  // mean of P@rank over the ranks of the worthy sentences
  double r_precision = 0;        // precision in the top R, R = number of worthy sentences
  std::array<double, kPrecisionRanks.size()> precision_at{};  // worthy in the top k, / k
};

// Ranks sentences by score, highest first; equal scores keep the sentences' order (as
// CLEF's scorer does, by a stable sort). All zeros when no sentence is worthy.
RankingMetrics MeasureRanking(std::span<const double> scores, const std::vector<bool>& worthy);

}  // namespace factdesk::checkworthy
