#include "archive/match_index.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace factdesk::archive {

MatchIndex::MatchIndex(TermOptions terms, MatchWeights weights)
    : term_options_(terms), weights_(weights) {}

void MatchIndex::Put(std::int64_t id, std::string_view claim, std::string_view headline) {
  Remove(id);
  const std::vector<std::string> fields[kFields] = {MatchTerms(claim, term_options_),
                                                    MatchTerms(headline, term_options_)};
  std::map<std::string, Posting> own;  // ordered: the same input indexes the same way
  Doc doc;
  for (int f = 0; f < kFields; ++f) {
    doc.length[f] = static_cast<std::uint32_t>(fields[f].size());
    total_length_[f] += doc.length[f];
    for (const std::string& term : fields[f]) ++own[term].tf[f];
  }
  doc.terms.reserve(own.size());
  for (auto& [term, posting] : own) {
    posting.id = id;
    std::copy(std::begin(doc.length), std::end(doc.length), std::begin(posting.length));
    postings_[term].push_back(posting);
    doc.terms.push_back(term);
  }
  docs_.emplace(id, std::move(doc));
}

void MatchIndex::Remove(std::int64_t id) {
  const auto it = docs_.find(id);
  if (it == docs_.end()) return;
  for (const std::string& term : it->second.terms) {
    const auto list = postings_.find(term);
    if (list == postings_.end()) continue;
    std::erase_if(list->second, [id](const Posting& p) { return p.id == id; });
    if (list->second.empty()) postings_.erase(list);
  }
  for (int f = 0; f < kFields; ++f) total_length_[f] -= it->second.length[f];
  docs_.erase(it);
}

std::vector<MatchHit> MatchIndex::Search(std::string_view text, std::size_t limit) const {
  if (docs_.empty() || limit == 0) return {};
  // Each distinct term counts once: a tweet that repeats a word is not more about it.
  std::set<std::string> query;
  for (std::string& term : MatchTerms(text, term_options_)) query.insert(std::move(term));
  const auto n = static_cast<double>(docs_.size());
  const double weight[kFields] = {weights_.claim_weight, weights_.headline_weight};
  double average[kFields];
  for (int f = 0; f < kFields; ++f) average[f] = std::max(total_length_[f] / n, 1.0);

  std::unordered_map<std::int64_t, double> scores;
  for (const std::string& term : query) {
    const auto list = postings_.find(term);
    if (list == postings_.end()) continue;
    const auto df = static_cast<double>(list->second.size());
    const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
    for (const Posting& p : list->second) {
      double tf = 0;
      for (int f = 0; f < kFields; ++f) {
        if (p.tf[f] == 0) continue;
        const double norm = 1.0 - weights_.b + weights_.b * p.length[f] / average[f];
        tf += weight[f] * p.tf[f] / norm;
      }
      scores[p.id] += idf * tf / (weights_.k1 + tf);
    }
  }
  std::vector<MatchHit> hits;
  hits.reserve(scores.size());
  for (const auto& [id, score] : scores) hits.push_back({id, score});
  const auto better = [](const MatchHit& a, const MatchHit& b) {
    return a.score != b.score ? a.score > b.score : a.id < b.id;
  };
  const std::size_t keep = std::min(limit, hits.size());
  std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(keep), hits.end(),
                    better);
  hits.resize(keep);
  return hits;
}

}  // namespace factdesk::archive
