// Scoring a ranker on the claim-retrieval tweets (claim_retrieval_data.h), one way for
// every tool that reports the figures: eval_matching (in memory), the server benchmark
// (through MatchChecks) and the test that holds the two equal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "archive/match_index.h"
#include "archive/tools/claim_retrieval_data.h"

namespace factdesk::archive {

// Tweets whose id is divisible by 5 are held out (never used for a choice); the others
// are where choices were made (eval_matching --grid).
enum class Split { kTuning, kHeldOut };
bool InSplit(const RetrievalQuery& query, Split split);

// Mean MAP@1, MAP@5 and recall@5 over the queries of one split.
struct RetrievalScores {
  double map1 = 0, map5 = 0, recall5 = 0;
  std::size_t queries = 0;
};

// A ranking of the verified claims' ids for a query, best first (at least the top 5).
using Ranker = std::function<std::vector<std::int64_t>(const RetrievalQuery&)>;

RetrievalScores Evaluate(const Ranker& rank, const std::vector<RetrievalQuery>& queries,
                         Split split);

// `index`'s top 5 for the query, as `match` asks the server for them.
std::vector<std::int64_t> TopFive(const MatchIndex& index, const RetrievalQuery& query);
RetrievalScores Evaluate(const MatchIndex& index, const std::vector<RetrievalQuery>& queries,
                         Split split);

// The baseline the task's organisers quote: a plain BM25 over claim and title (no
// cleanup, no stopwords, no stemming; k1 1.2, b 0.75, both fields weighted 1; no
// re-ranking).
inline constexpr TermOptions kPlainBm25Terms{false, false, false};
inline constexpr MatchWeights kPlainBm25Weights{1.2, 0.75, 1.0, 1.0, 0.0};

// `feed` (ClaimRetrievalFeed's) indexed with these terms and weights: the plain BM25
// baseline, or Factdesk's matching with match_index.h's defaults.
MatchIndex IndexFeed(const std::string& feed, const TermOptions& terms,
                     const MatchWeights& weights = {});
MatchIndex PlainBm25Index(const std::string& feed);

// The verified claim's id in one of ClaimRetrievalFeed's check urls; -1 for another url.
std::int64_t ClaimIdOfUrl(const std::string& url);

}  // namespace factdesk::archive
