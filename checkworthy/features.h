#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "checkworthy/feature_set.h"
#include "checkworthy/tokenizer.h"

namespace factdesk::checkworthy {

// The feature families: a feature's name is its family then its term ("w:" "million").
inline constexpr std::string_view kCueFamily = "cue:";
inline constexpr std::string_view kWordFamily = "w:";
inline constexpr std::string_view kBigramFamily = "w2:";
inline constexpr std::string_view kCharFamily = "c:";

// A named feature and how a journalist reads it ("percentage": "a percentage").
struct Cue {
  std::string_view name;
  std::string_view description;
};
std::span<const Cue> Cues();
// The description of a named feature, or nullopt when there is none of that name.
std::optional<std::string_view> CueDescription(std::string_view name);

// Receives a sentence's features one at a time. A feature may come more than once; its
// values add up.
class FeatureSink {
 public:
  virtual ~FeatureSink() = default;
  virtual void Add(std::string_view family, std::string_view term, double value) = 0;
};

void ExtractFeatures(const TokenizedSentence& sentence, const FeatureSet& set, FeatureSink& sink);

}  // namespace factdesk::checkworthy
