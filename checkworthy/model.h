#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checkworthy/feature_set.h"
#include "common/result.h"

namespace factdesk::checkworthy {

// A logistic regression over named features, as its text file holds it:
//
//   # how it was trained (comment lines)
//   model     factdesk-checkworthy-logistic
//   version   en-2019.1
//   features  cue,w1,w2
//   bias      -3.1416
//   cue:percentage  1.2345        one line per feature, sorted by name (bytes)
//   w:million       0.8021
//
// Fields are separated by one tab. A sentence scores sigmoid(bias + the sum of the
// weights of the features it has, each times its count).
struct Model {
  std::vector<std::string> comments;  // the header, without "# "
  std::string version;                // recorded with every score
  FeatureSet features;
  double bias = 0;
  std::vector<std::pair<std::string, double>> weights;  // sorted by name, names unique

  friend bool operator==(const Model&, const Model&) = default;
};

inline constexpr std::string_view kModelKind = "factdesk-checkworthy-logistic";

// Reads a model file. A malformed one is refused with INVALID_ARGUMENT "model: line N:
// ..." naming the problem: a missing or misplaced header line, an unknown feature family
// or named feature, a weight that is not a finite number, features out of order or
// repeated, no features at all.
Result<Model> ParseModel(std::string_view text);

// The file for `model`, weights with four decimals (ParseModel reads it back equal when
// the weights are already rounded to four decimals, as training leaves them).
std::string FormatModel(const Model& model);

// `value` rounded to four decimals, the precision of the file.
double RoundWeight(double value);

}  // namespace factdesk::checkworthy
