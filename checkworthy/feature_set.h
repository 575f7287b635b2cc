#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace factdesk::checkworthy {

// Which families of features a model uses; its file names them ("cue,w1,w2,c3-5").
struct FeatureSet {
  bool cues = false;     // "cue": the named features ("cue:percentage")
  bool words = false;    // "w1": words, digits shown as 0 ("w:million", "w:0,000")
  bool bigrams = false;  // "w2": pairs of adjacent words ("w2:tax cuts")
  int char_min = 0;      // "cN-M": N to M letters inside a word, "<" and ">" marking
  int char_max = 0;      //   its ends ("c:<mil", "c:illi"); 0 = none

  friend bool operator==(const FeatureSet&, const FeatureSet&) = default;
};

std::string FeatureSetName(const FeatureSet& set);
// The inverse of FeatureSetName; INVALID_ARGUMENT naming the part it does not know.
Result<FeatureSet> ParseFeatureSet(std::string_view name);

}  // namespace factdesk::checkworthy
