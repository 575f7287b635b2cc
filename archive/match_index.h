// "Checked before?": ranks past checks (the desk's own and other fact-checkers') for a
// piece of text, by BM25F over each check's claim and headline, the best few re-ranked by
// the character 4-grams they share with the text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "archive/match_terms.h"

namespace factdesk::archive {

// BM25F's parameters: Robertson's usual k1 and b; the headline's weight was chosen on the
// tuning tweets of ../shared/data/claim-retrieval-2020 (archive/tools/eval_matching.cc
// --grid, docs/benchmarks.md). Query terms count once each (BM25's k3 = 0).
struct MatchWeights {
  double k1 = 1.2;
  double b = 0.75;  // how much a long field is discounted
  double claim_weight = 1.0;
  double headline_weight = 1.5;
  // Re-ranking of the best `rerank_depth` checks by BM25F: each gains `ngram_weight` times
  // the cosine of character 4-grams between the text's terms and the check's, both in
  // order, which credits words in the same order and near forms the stemmer keeps apart
  // ("religious", "religion"). Chosen on the same tuning tweets; 0 turns it off.
  double ngram_weight = 7.0;
  std::size_t rerank_depth = 20;
};

struct MatchHit {
  std::int64_t id = 0;
  // BM25F, plus the re-ranking's n-gram term for the best few; comparable within one
  // search only.
  double score = 0;
  friend bool operator==(const MatchHit&, const MatchHit&) = default;
};

// An in-memory index of checks. Not thread-safe: the owner serialises writers against
// readers (searches are const and may run together).
class MatchIndex {
 public:
  explicit MatchIndex(TermOptions terms = {}, MatchWeights weights = {});

  // Adds the check `id`, or replaces what the index held for it.
  void Put(std::int64_t id, std::string_view claim, std::string_view headline);
  void Remove(std::int64_t id);
  std::size_t size() const { return docs_.size(); }
  // Weights apply when searching, so they can change without indexing again.
  void set_weights(const MatchWeights& weights) { weights_ = weights; }

  // The best `limit` checks for `text`, best first (ties: lower id first); empty when no
  // term of `text` occurs in any check.
  std::vector<MatchHit> Search(std::string_view text, std::size_t limit) const;

 private:
  enum Field { kClaim = 0, kHeadline = 1, kFields = 2 };
  struct Posting {
    std::int64_t id = 0;
    std::uint32_t tf[kFields] = {0, 0};
    std::uint32_t length[kFields] = {0, 0};  // the check's, kept here for scoring
  };
  struct Doc {
    std::uint32_t length[kFields] = {0, 0};
    // The claim's terms, " | ", then the headline's, space-separated and in order: the text
    // re-ranking compares, and the terms whose postings Remove drops (one string is smaller
    // than a vector of them).
    std::string terms;
  };

  TermOptions term_options_;
  MatchWeights weights_;
  std::unordered_map<std::int64_t, Doc> docs_;
  std::unordered_map<std::string, std::vector<Posting>> postings_;
  double total_length_[kFields] = {0, 0};
};

}  // namespace factdesk::archive
