// How well a ranking of past checks answers a query, as CLEF CheckThat! 2020 task 2
// ("verified claim retrieval") measures it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <span>

namespace factdesk::archive {

// Average precision of `ranked` cut at rank `k`: the sum, over the ranks <= k that hold a
// relevant check, of the precision at that rank, divided by the number of relevant checks
// (so with one relevant check it is 1/rank when found in the top k, else 0). MAP@k is its
// mean over queries. 0 when nothing is relevant.
double AveragePrecisionAt(std::span<const std::int64_t> ranked,
                          const std::set<std::int64_t>& relevant, std::size_t k);

// The share of the relevant checks found in the top `k`.
double RecallAt(std::span<const std::int64_t> ranked, const std::set<std::int64_t>& relevant,
                std::size_t k);

}  // namespace factdesk::archive
