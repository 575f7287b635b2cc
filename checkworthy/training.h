#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "checkworthy/feature_set.h"
#include "checkworthy/model.h"
#include "common/result.h"

namespace factdesk::checkworthy {

// A sentence a journalist judged.
struct Example {
  std::string text;
  bool worthy = false;
};

// How a model is trained. The defaults are what the shipped model uses, chosen by
// leave-one-debate-out evaluation (tools/eval_checkworthy.cc, docs/benchmarks.md).
struct TrainingOptions {
  FeatureSet features{.cues = true, .words = true, .bigrams = true};
  double l2 = 64.0;                 // L2 penalty on n-gram weights
  double cue_l2 = 1.0;              // L2 penalty on the named features' weights
  double positive_weight = 5;       // weight of a worthy sentence in the loss; 0: #unworthy/#worthy
  int min_count = 2;                // n-grams in fewer training sentences are left out
  int iterations = 300;             // L-BFGS iterations at most (each fit)
  std::size_t max_features = 2000;  // the model keeps the heaviest weights, at most this many
  double min_weight = 0.01;         // and drops smaller ones
};

// "features=cue,w1,w2 l2=4 cue_l2=1 ..." for the model file's header.
std::string DescribeOptions(const TrainingOptions& options);

// Fits an L2-regularised logistic regression (L-BFGS), keeps the heaviest weights, refits
// on them and rounds the weights to the file's four decimals. Deterministic: the same
// examples in the same order give the same model. The model's version and comments are
// left for the caller. INVALID_ARGUMENT when the examples lack either class.
Result<Model> Train(std::span<const Example> examples, const TrainingOptions& options);

}  // namespace factdesk::checkworthy
