#include "checkworthy/scorer.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "checkworthy/features.h"
#include "checkworthy/tokenizer.h"

namespace factdesk::checkworthy {
namespace {

constexpr std::uint64_t kFnvOffset = 14695981039346656037ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

// FNV-1a, continued over several pieces as if they were one string.
std::uint64_t Fnv(std::uint64_t hash, std::string_view bytes) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnvPrime;
  }
  return hash;
}

std::uint64_t HashOf(std::string_view family, std::string_view term) {
  const std::uint64_t hash = Fnv(Fnv(kFnvOffset, family), term);
  return hash == 0 ? 1 : hash;  // 0 marks an empty slot
}

double Sigmoid(double z) {
  return 1.0 / (1.0 + std::exp(-z));
}

// Adds up the weights of a sentence's features.
class SumSink : public FeatureSink {
 public:
  explicit SumSink(const Scorer& scorer) : scorer_(scorer), sum_(scorer.model().bias) {}
  void Add(std::string_view family, std::string_view term, double value) override {
    const std::int64_t index = scorer_.Find(family, term);
    if (index >= 0) sum_ += scorer_.model().weights[static_cast<std::size_t>(index)].second * value;
  }
  double sum() const { return sum_; }

 private:
  const Scorer& scorer_;
  double sum_;
};

// Adds up the weights and keeps each feature's share.
class ExplainSink : public FeatureSink {
 public:
  explicit ExplainSink(const Scorer& scorer) : scorer_(scorer), sum_(scorer.model().bias) {}
  void Add(std::string_view family, std::string_view term, double value) override {
    const std::int64_t index = scorer_.Find(family, term);
    if (index < 0) return;
    const double part = scorer_.model().weights[static_cast<std::size_t>(index)].second * value;
    sum_ += part;
    shares_[index] += part;
  }
  double sum() const { return sum_; }
  const std::map<std::int64_t, double>& shares() const { return shares_; }

 private:
  const Scorer& scorer_;
  double sum_;
  std::map<std::int64_t, double> shares_;  // by index in the model
};

std::string Signed(double value) {
  char buffer[32];
  buffer[0] = value < 0 ? '-' : '+';
  const auto [end, ec] = std::to_chars(buffer + 1, buffer + sizeof buffer, std::fabs(value),
                                       std::chars_format::fixed, 1);
  return std::string(buffer, ec == std::errc() ? end : buffer + 1);
}

// "c:<mil" -> "words starting 'mil'", "c:ion>" -> "words ending 'ion'".
std::string DescribeLetters(std::string_view gram) {
  const bool starts = gram.starts_with('<');
  const bool ends = gram.ends_with('>');
  if (starts) gram.remove_prefix(1);
  if (ends && !gram.empty()) gram.remove_suffix(1);
  const std::string quoted = "'" + std::string(gram) + "'";
  if (starts && ends) return "the word " + quoted;
  if (starts) return "words starting " + quoted;
  if (ends) return "words ending " + quoted;
  return quoted + " inside a word";
}

}  // namespace

std::string DescribeFeature(std::string_view name, double weight) {
  if (name.starts_with(kCueFamily)) {
    const auto description = CueDescription(name.substr(kCueFamily.size()));
    const std::string text(description.value_or(name));
    return weight < 0 ? "against: " + text : text;
  }
  std::string what;
  if (name.starts_with(kCharFamily)) {
    what = DescribeLetters(name.substr(kCharFamily.size()));
  } else {
    const auto colon = name.find(':');
    what = "'" + std::string(name.substr(colon + 1)) + "'";
  }
  return "learned: " + what + " (" + Signed(weight) + ")";
}

Result<Scorer> Scorer::Make(Model model) {
  Scorer scorer(std::move(model));
  std::size_t capacity = 16;
  while (capacity < 2 * scorer.model_.weights.size()) capacity *= 2;
  scorer.table_.assign(capacity, Slot{});
  for (std::size_t i = 0; i < scorer.model_.weights.size(); ++i) {
    const std::string& name = scorer.model_.weights[i].first;
    const auto colon = name.find(':');
    const std::uint64_t hash = HashOf(name.substr(0, colon + 1), name.substr(colon + 1));
    std::size_t slot = hash & (capacity - 1);
    while (scorer.table_[slot].hash != 0) {
      if (scorer.table_[slot].hash == hash) {
        return Status::InvalidArgument(
            "model", "features '" + scorer.model_.weights[scorer.table_[slot].index].first +
                         "' and '" + name + "' hash alike");
      }
      slot = (slot + 1) & (capacity - 1);
    }
    scorer.table_[slot] = {hash, static_cast<std::int64_t>(i)};
  }
  return scorer;
}

std::int64_t Scorer::Find(std::string_view family, std::string_view term) const {
  const std::uint64_t hash = HashOf(family, term);
  const std::size_t mask = table_.size() - 1;
  for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
    if (table_[slot].hash == hash) return table_[slot].index;
    if (table_[slot].hash == 0) return -1;
  }
}

double Scorer::Score(std::string_view sentence) const {
  SumSink sink(*this);
  ExtractFeatures(Tokenize(sentence), model_.features, sink);
  return Sigmoid(sink.sum());
}

Explained Scorer::Explain(std::string_view sentence, std::size_t max_reasons) const {
  ExplainSink sink(*this);
  ExtractFeatures(Tokenize(sentence), model_.features, sink);
  std::vector<std::pair<std::int64_t, double>> shares(sink.shares().begin(), sink.shares().end());
  // Heaviest first; equal weights in the model's (name) order.
  std::stable_sort(shares.begin(), shares.end(), [](const auto& a, const auto& b) {
    return std::fabs(a.second) > std::fabs(b.second);
  });
  Explained out{Sigmoid(sink.sum()), {}};
  for (const auto& [index, weight] : shares) {
    if (out.reasons.size() == max_reasons) break;
    const std::string& name = model_.weights[static_cast<std::size_t>(index)].first;
    out.reasons.push_back({name, DescribeFeature(name, weight), weight});
  }
  return out;
}

std::vector<SentenceScore> Scorer::ScoreSegment(std::string_view text, import::SegmentKind kind,
                                                std::size_t max_reasons) const {
  std::vector<SentenceScore> out;
  for (const Span& span : SplitSentences(text)) {
    const std::string_view sentence = text.substr(span.begin, span.end - span.begin);
    SentenceScore scored{span, kind, 0, {}};
    if (max_reasons == 0) {
      scored.score = Score(sentence);
    } else {
      Explained explained = Explain(sentence, max_reasons);
      scored.score = explained.score;
      scored.reasons = std::move(explained.reasons);
    }
    out.push_back(std::move(scored));
  }
  return out;
}

}  // namespace factdesk::checkworthy
