#include "archive/match_index.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

namespace factdesk::archive {
namespace {

constexpr std::string_view kFieldBreak = " | ";

std::string Joined(const std::vector<std::string>& terms) {
  std::string out;
  for (const std::string& term : terms) {
    if (!out.empty()) out += ' ';
    out += term;
  }
  return out;
}

// A text's character 4-grams (with a space each side of it), each with its count: packed
// into integers and sorted, so that two texts compare in one merge.
struct Grams {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> counts;
  double norm = 0;
};

Grams GramsOf(std::string_view text) {
  std::string padded;
  padded.reserve(text.size() + 2);
  padded.append(" ").append(text).append(" ");
  std::vector<std::uint32_t> packed;
  packed.reserve(padded.size());
  for (std::size_t i = 0; i + 4 <= padded.size(); ++i) {
    std::uint32_t gram = 0;
    for (std::size_t k = i; k < i + 4; ++k)
      gram = gram << 8 | static_cast<unsigned char>(padded[k]);
    packed.push_back(gram);
  }
  std::sort(packed.begin(), packed.end());
  Grams grams;
  double squares = 0;
  for (std::size_t i = 0; i < packed.size();) {
    std::size_t j = i;
    while (j < packed.size() && packed[j] == packed[i]) ++j;
    grams.counts.emplace_back(packed[i], static_cast<std::uint32_t>(j - i));
    squares += static_cast<double>(j - i) * static_cast<double>(j - i);
    i = j;
  }
  grams.norm = std::sqrt(squares);
  return grams;
}

double Cosine(const Grams& a, const Grams& b) {
  if (a.norm == 0 || b.norm == 0) return 0;
  double dot = 0;
  auto x = a.counts.begin();
  auto y = b.counts.begin();
  while (x != a.counts.end() && y != b.counts.end()) {
    if (x->first < y->first) {
      ++x;
    } else if (y->first < x->first) {
      ++y;
    } else {
      dot += static_cast<double>(x->second) * static_cast<double>(y->second);
      ++x;
      ++y;
    }
  }
  return dot / (a.norm * b.norm);
}

}  // namespace

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
  doc.terms = Joined(fields[kClaim]);
  doc.terms.append(kFieldBreak).append(Joined(fields[kHeadline]));
  for (auto& [term, posting] : own) {
    posting.id = id;
    std::copy(std::begin(doc.length), std::end(doc.length), std::begin(posting.length));
    postings_[term].push_back(posting);
  }
  docs_.emplace(id, std::move(doc));
}

void MatchIndex::Remove(std::int64_t id) {
  const auto it = docs_.find(id);
  if (it == docs_.end()) return;
  std::set<std::string> terms;
  const std::string& joined = it->second.terms;
  for (std::size_t i = 0; i < joined.size();) {
    const std::size_t end = std::min(joined.find(' ', i), joined.size());
    if (end > i && joined.compare(i, end - i, "|") != 0) terms.insert(joined.substr(i, end - i));
    i = end + 1;
  }
  for (const std::string& term : terms) {
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
  const std::vector<std::string> terms = MatchTerms(text, term_options_);
  // Each distinct term counts once: a tweet that repeats a word is not more about it.
  const std::set<std::string> query(terms.begin(), terms.end());
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
  // Re-ranking only ever raises a score, so the checks below the re-ranked ones stay
  // below them, and a larger limit only adds to the end.
  const std::size_t depth =
      weights_.ngram_weight > 0 ? std::min(weights_.rerank_depth, hits.size()) : 0;
  if (depth > 0) {
    const auto end = hits.begin() + static_cast<std::ptrdiff_t>(depth);
    std::partial_sort(hits.begin(), end, hits.end(), better);
    const Grams said = GramsOf(Joined(terms));
    for (auto hit = hits.begin(); hit != end; ++hit) {
      hit->score += weights_.ngram_weight * Cosine(said, GramsOf(docs_.at(hit->id).terms));
    }
    std::sort(hits.begin(), end, better);
  }
  const std::size_t keep = std::min(limit, hits.size());
  if (keep > depth) {
    std::partial_sort(hits.begin() + static_cast<std::ptrdiff_t>(depth),
                      hits.begin() + static_cast<std::ptrdiff_t>(keep), hits.end(), better);
  }
  hits.resize(keep);
  return hits;
}

}  // namespace factdesk::archive
