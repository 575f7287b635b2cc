#include "archive/tools/retrieval_eval.h"

#include <algorithm>
#include <charconv>

#include "archive/retrieval_metrics.h"

namespace factdesk::archive {

bool InSplit(const RetrievalQuery& query, Split split) {
  return (query.id % 5 == 0) == (split == Split::kHeldOut);
}

RetrievalScores Evaluate(const Ranker& rank, const std::vector<RetrievalQuery>& queries,
                         Split split) {
  RetrievalScores s;
  for (const RetrievalQuery& q : queries) {
    if (!InSplit(q, split)) continue;
    const std::vector<std::int64_t> ranked = rank(q);
    s.map1 += AveragePrecisionAt(ranked, q.relevant, 1);
    s.map5 += AveragePrecisionAt(ranked, q.relevant, 5);
    s.recall5 += RecallAt(ranked, q.relevant, 5);
    ++s.queries;
  }
  const auto n = static_cast<double>(std::max<std::size_t>(s.queries, 1));
  s.map1 /= n;
  s.map5 /= n;
  s.recall5 /= n;
  return s;
}

std::vector<std::int64_t> TopFive(const MatchIndex& index, const RetrievalQuery& query) {
  std::vector<std::int64_t> ranked;
  for (const MatchHit& hit : index.Search(query.text, 5)) ranked.push_back(hit.id);
  return ranked;
}

RetrievalScores Evaluate(const MatchIndex& index, const std::vector<RetrievalQuery>& queries,
                         Split split) {
  return Evaluate([&](const RetrievalQuery& q) { return TopFive(index, q); }, queries, split);
}

MatchIndex IndexFeed(const std::string& feed, const TermOptions& terms,
                     const MatchWeights& weights) {
  MatchIndex index(terms, weights);
  IndexClaimRetrievalFeed(feed, index);
  return index;
}

MatchIndex PlainBm25Index(const std::string& feed) {
  return IndexFeed(feed, kPlainBm25Terms, kPlainBm25Weights);
}

std::int64_t ClaimIdOfUrl(const std::string& url) {
  if (!url.starts_with(kClaimRetrievalUrlPrefix)) return -1;
  const char* first = url.data() + kClaimRetrievalUrlPrefix.size();
  const char* last = url.data() + url.size();
  std::int64_t id = -1;
  const auto [end, error] = std::from_chars(first, last, id);
  return error == std::errc() && end == last ? id : -1;
}

}  // namespace factdesk::archive
