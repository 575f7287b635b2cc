#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checkworthy/model.h"
#include "checkworthy/sentence_splitter.h"
#include "common/result.h"
#include "import/transcript.h"

namespace factdesk::checkworthy {

// One feature's part in a sentence's score, as a journalist reads it.
struct Reason {
  std::string feature;  // "cue:percentage", "w:million"
  std::string text;     // "a percentage", "learned: 'million' (+0.8)"
  double weight = 0;    // what it added to the sentence's log-odds (negative: against)
};

struct Explained {
  double score = 0;             // in [0, 1]
  std::vector<Reason> reasons;  // the features that weighed most, heaviest first
};

// A sentence of a segment, scored. Cues and captions are scored like speech; the kind
// says what they are.
struct SentenceScore {
  Span span;  // bytes of the segment's text
  import::SegmentKind kind = import::SegmentKind::kSpeech;
  double score = 0;
  std::vector<Reason> reasons;
};

// Scores sentences with one model. Immutable once made, so threads may share one.
class Scorer {
 public:
  // INVALID_ARGUMENT when two of the model's feature names hash alike (never seen; the
  // table could not tell them apart).
  static Result<Scorer> Make(Model model);

  const Model& model() const { return model_; }
  const std::string& version() const { return model_.version; }

  // The check-worthiness of one sentence, in [0, 1].
  double Score(std::string_view sentence) const;
  // The score and up to `max_reasons` reasons.
  Explained Explain(std::string_view sentence, std::size_t max_reasons = 3) const;
  // Splits a segment's text into sentences and scores each (with up to `max_reasons`
  // reasons each).
  std::vector<SentenceScore> ScoreSegment(std::string_view text, import::SegmentKind kind,
                                          std::size_t max_reasons = 3) const;

  // Where a feature sits in the model (model().weights), or -1 when it has no weight.
  // The name is given as its family and term, so nothing is copied.
  std::int64_t Find(std::string_view family, std::string_view term) const;

 private:
  explicit Scorer(Model model) : model_(std::move(model)) {}

  struct Slot {
    std::uint64_t hash = 0;  // 0: empty
    std::int64_t index = -1;
  };

  Model model_;
  std::vector<Slot> table_;  // open addressing, a power of two at least twice the features
};

// The words a journalist reads for a feature and its weight: "a percentage",
// "against: a question", "learned: 'million' (+0.8)".
std::string DescribeFeature(std::string_view name, double weight);

}  // namespace factdesk::checkworthy
