#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

// A workspace's verdict labels. Ordered labels carry a value (higher is truer) so exports
// can map them to schema.org ratingValue/bestRating/worstRating; unordered ones
// ("Unverifiable") sit outside the order.
namespace factdesk::domain {

struct RatingLabel {
  std::string label;
  std::optional<double> value;  // set: on the ordered scale; nullopt: outside the order
  std::string description;      // what the label means, shown to checkers

  friend bool operator==(const RatingLabel&, const RatingLabel&) = default;
};

struct RatingScale {
  std::vector<RatingLabel> labels;

  // The label spelled exactly `label` (case included: the stored verdict is the label),
  // or nullptr.
  const RatingLabel* Find(std::string_view label) const;
  // Highest and lowest value among ordered labels; NaN when there are none (a valid
  // scale always has at least two).
  double best() const;
  double worst() const;

  friend bool operator==(const RatingScale&, const RatingScale&) = default;
};

// True 5, Mostly true 4, Half true 3, Mostly false 2, False 1, and the unordered
// Unverifiable and Needs context. "Misleading" is left out: it judges framing, which
// "Needs context" names without implying intent, and it would overlap "Half true".
RatingScale DefaultRatingScale();

// OK, or INVALID_ARGUMENT "rating_scale: <reason>" for: more than 20 labels, an empty
// label, a label with surrounding whitespace or invalid UTF-8, a label over 40
// characters, a description over 500 characters, a duplicate label (ASCII case ignored),
// a value that is not finite, two labels with one value, fewer than 2 ordered labels.
Status ValidateRatingScale(const RatingScale& scale);

}  // namespace factdesk::domain
