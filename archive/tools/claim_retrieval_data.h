// CLEF CheckThat! 2020 task 2's training release (../shared/data/claim-retrieval-2020),
// read for the matching evaluation and benchmark: the verified claims as a ClaimReview
// DataFeed, the tweets with the checks that answer them.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "archive/match_index.h"

namespace factdesk::archive {

// Each verified claim's ClaimReview url is this prefix and its id.
inline constexpr std::string_view kClaimRetrievalUrlPrefix = "https://checks.example/snopes/";

struct RetrievalQuery {
  std::int64_t id = 0;
  std::string text;
  std::set<std::int64_t> relevant;  // the verified claims that check it
};

// The verified claims of `dir` as a schema.org DataFeed of ClaimReviews (JSON text), the
// shape aggregators publish and the archive reads. `copies` > 1 repeats them with new ids
// (id + k * 100000) to make a larger archive for benchmarks.
std::string ClaimRetrievalFeed(const std::string& dir, int copies = 1);

// Reads `feed` (ClaimRetrievalFeed's) with the archive's reader into `index`, each check
// under its verified claim's id; throws when the feed cannot be read.
void IndexClaimRetrievalFeed(const std::string& feed, MatchIndex& index);

// The tweets of `dir` with their relevant verified claims, by tweet id.
std::vector<RetrievalQuery> ClaimRetrievalQueries(const std::string& dir);

}  // namespace factdesk::archive
