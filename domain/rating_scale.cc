#include "domain/rating_scale.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "common/utf8.h"
#include "domain/limits.h"
#include "domain/unicode.h"

namespace factdesk::domain {
namespace {

Status Invalid(const std::string& reason) {
  return Status::InvalidArgument("rating_scale", reason);
}

std::string FormatValue(double value) {
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return {buffer, result.ptr};
}

// "label 3" for unusable labels, "label 'True'" otherwise.
std::string Describe(const RatingLabel& label, std::size_t index) {
  if (!utf8::IsValid(label.label) || unicode::TrimView(label.label).empty()) {
    return "label " + std::to_string(index + 1);
  }
  return "label '" + label.label + "'";
}

}  // namespace

const RatingLabel* RatingScale::Find(std::string_view label) const {
  const auto it = std::find_if(labels.begin(), labels.end(),
                               [&](const RatingLabel& l) { return l.label == label; });
  return it == labels.end() ? nullptr : &*it;
}

double RatingScale::best() const {
  double best = std::numeric_limits<double>::quiet_NaN();
  for (const RatingLabel& l : labels) {
    if (l.value && (std::isnan(best) || *l.value > best)) best = *l.value;
  }
  return best;
}

double RatingScale::worst() const {
  double worst = std::numeric_limits<double>::quiet_NaN();
  for (const RatingLabel& l : labels) {
    if (l.value && (std::isnan(worst) || *l.value < worst)) worst = *l.value;
  }
  return worst;
}

RatingScale DefaultRatingScale() {
  return {{
      {"True", 5.0, "The statement is accurate and nothing significant is missing."},
      {"Mostly true", 4.0,
       "The statement is accurate but needs clarification or additional information."},
      {"Half true", 3.0,
       "The statement is partly accurate but leaves out important details or takes things "
       "out of context."},
      {"Mostly false", 2.0,
       "The statement has an element of truth but ignores facts that would give a different "
       "impression."},
      {"False", 1.0, "The statement is not accurate."},
      {"Unverifiable", std::nullopt,
       "The available evidence can neither confirm nor refute the statement."},
      {"Needs context", std::nullopt,
       "The facts stated are correct but leave a false impression without context the "
       "speaker left out."},
  }};
}

namespace {

// One label on its own: text, length, description and value.
Status ValidateLabel(const RatingLabel& l, std::size_t i) {
  if (!utf8::IsValid(l.label)) return Invalid(Describe(l, i) + " is not valid UTF-8");
  if (unicode::TrimView(l.label).empty()) return Invalid(Describe(l, i) + " is empty");
  // Verdicts are stored as the label, so " True" and "True" must not both be possible.
  if (unicode::TrimView(l.label).size() != l.label.size()) {
    return Invalid(Describe(l, i) + " has leading or trailing whitespace");
  }
  if (const std::size_t n = utf8::CodePointCount(l.label); n > kMaxRatingLabelChars) {
    return Invalid(Describe(l, i) + " is longer than " + std::to_string(kMaxRatingLabelChars) +
                   " characters (got " + std::to_string(n) + ")");
  }
  if (!utf8::IsValid(l.description) ||
      utf8::CodePointCount(l.description) > kMaxRatingDescriptionChars) {
    return Invalid("the description of " + Describe(l, i) + " must be valid UTF-8 of at most " +
                   std::to_string(kMaxRatingDescriptionChars) + " characters");
  }
  if (l.value && !std::isfinite(*l.value)) {
    return Invalid(Describe(l, i) + " has a value that is not a finite number");
  }
  return Status::Ok();
}

// Label i against the labels before it: no two alike, no two with one value.
Status ValidateAgainstEarlier(const std::vector<RatingLabel>& labels, std::size_t i) {
  const RatingLabel& l = labels[i];
  for (std::size_t j = 0; j < i; ++j) {
    // ASCII case only: no Unicode case folding in the domain layer.
    if (unicode::EqualsIgnoringAsciiCase(labels[j].label, l.label)) {
      return Invalid(Describe(labels[j], j) + " and " + Describe(l, i) +
                     " are the same label (case is ignored)");
    }
    if (l.value && labels[j].value && *labels[j].value == *l.value) {
      return Invalid(Describe(labels[j], j) + " and " + Describe(l, i) + " have the same value " +
                     FormatValue(*l.value));
    }
  }
  return Status::Ok();
}

}  // namespace

Status ValidateRatingScale(const RatingScale& scale) {
  const auto& labels = scale.labels;
  if (labels.size() > kMaxRatingLabels) {
    return Invalid("has " + std::to_string(labels.size()) + " labels; at most " +
                   std::to_string(kMaxRatingLabels) + " are allowed");
  }
  std::size_t ordered = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (Status s = ValidateLabel(labels[i], i); !s.ok()) return s;
    if (Status s = ValidateAgainstEarlier(labels, i); !s.ok()) return s;
    if (labels[i].value) ++ordered;
  }
  if (ordered < kMinOrderedRatingLabels) {
    return Invalid("needs at least " + std::to_string(kMinOrderedRatingLabels) +
                   " labels with a value (got " + std::to_string(ordered) + ")");
  }
  return Status::Ok();
}

}  // namespace factdesk::domain
