#include "archive/retrieval_metrics.h"

#include <algorithm>

namespace factdesk::archive {

double AveragePrecisionAt(std::span<const std::int64_t> ranked,
                          const std::set<std::int64_t>& relevant, std::size_t k) {
  if (relevant.empty()) return 0;
  double sum = 0;
  std::size_t found = 0;
  for (std::size_t i = 0; i < std::min(k, ranked.size()); ++i) {
    if (!relevant.contains(ranked[i])) continue;
    ++found;
    sum += static_cast<double>(found) / static_cast<double>(i + 1);
  }
  return sum / static_cast<double>(relevant.size());
}

double RecallAt(std::span<const std::int64_t> ranked, const std::set<std::int64_t>& relevant,
                std::size_t k) {
  if (relevant.empty()) return 0;
  std::size_t found = 0;
  for (std::size_t i = 0; i < std::min(k, ranked.size()); ++i) {
    if (relevant.contains(ranked[i])) ++found;
  }
  return static_cast<double>(found) / static_cast<double>(relevant.size());
}

}  // namespace factdesk::archive
