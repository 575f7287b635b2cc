#include "domain/rating_scale.h"

#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>

namespace factdesk::domain {
namespace {

void ExpectInvalid(const RatingScale& scale, const std::string& message) {
  const Status status = ValidateRatingScale(scale);
  EXPECT_EQ(status.code(), Code::kInvalidArgument);
  EXPECT_EQ(status.message(), message);
}

RatingScale TwoLabels() {
  return {{{"Right", 1.0, ""}, {"Wrong", 0.0, ""}}};
}

TEST(DefaultRatingScale, IsValidAndOrderedFromTrueToFalse) {
  const RatingScale scale = DefaultRatingScale();
  EXPECT_TRUE(ValidateRatingScale(scale).ok());
  ASSERT_EQ(scale.labels.size(), 7U);
  const char* const kOrdered[] = {"True", "Mostly true", "Half true", "Mostly false", "False"};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(scale.labels[i].label, kOrdered[i]);
    EXPECT_EQ(scale.labels[i].value, 5.0 - i);
  }
  EXPECT_EQ(scale.labels[5].label, "Unverifiable");
  EXPECT_FALSE(scale.labels[5].value.has_value());
  EXPECT_EQ(scale.labels[6].label, "Needs context");
  EXPECT_FALSE(scale.labels[6].value.has_value());
  EXPECT_EQ(scale.Find("Misleading"), nullptr);
  EXPECT_EQ(scale.best(), 5.0);
  EXPECT_EQ(scale.worst(), 1.0);
}

TEST(DefaultRatingScale, EveryLabelIsDescribedInOneSentence) {
  for (const RatingLabel& label : DefaultRatingScale().labels) {
    SCOPED_TRACE(label.label);
    ASSERT_FALSE(label.description.empty());
    EXPECT_EQ(label.description.back(), '.');
    EXPECT_EQ(label.description.find(". "), std::string::npos);
  }
}

TEST(RatingScale, FindMatchesTheExactLabel) {
  const RatingScale scale = DefaultRatingScale();
  ASSERT_NE(scale.Find("Mostly true"), nullptr);
  EXPECT_EQ(scale.Find("Mostly true")->value, 4.0);
  EXPECT_EQ(scale.Find("mostly true"), nullptr);
  EXPECT_EQ(scale.Find("Mostly true "), nullptr);
  EXPECT_EQ(scale.Find(""), nullptr);
  ASSERT_NE(scale.Find("Unverifiable"), nullptr);
  EXPECT_FALSE(scale.Find("Unverifiable")->value.has_value());
}

TEST(RatingScale, BestAndWorstIgnoreUnorderedLabels) {
  const RatingScale scale{
      {{"Unknown", std::nullopt, ""}, {"Good", 0.5, ""}, {"Bad", -2.0, ""}, {"Great", 10.0, ""}}};
  EXPECT_EQ(scale.best(), 10.0);
  EXPECT_EQ(scale.worst(), -2.0);
  const RatingScale unordered{{{"Unknown", std::nullopt, ""}}};
  EXPECT_TRUE(std::isnan(unordered.best()));
  EXPECT_TRUE(std::isnan(RatingScale{}.worst()));
}

TEST(ValidateRatingScale, AcceptsTheSmallestScale) {
  EXPECT_TRUE(ValidateRatingScale(TwoLabels()).ok());
}

TEST(ValidateRatingScale, NeedsTwoOrderedLabels) {
  ExpectInvalid(RatingScale{}, "rating_scale: needs at least 2 labels with a value (got 0)");
  ExpectInvalid(RatingScale{{{"True", 1.0, ""}, {"Unverifiable", std::nullopt, ""}}},
                "rating_scale: needs at least 2 labels with a value (got 1)");
}

TEST(ValidateRatingScale, RefusesDuplicateLabelsIgnoringCase) {
  RatingScale scale = TwoLabels();
  scale.labels.push_back({"right", std::nullopt, ""});
  ExpectInvalid(scale,
                "rating_scale: label 'Right' and label 'right' are the same label (case is "
                "ignored)");
  scale.labels.back().label = "Right";
  ExpectInvalid(scale,
                "rating_scale: label 'Right' and label 'Right' are the same label (case is "
                "ignored)");
}

TEST(ValidateRatingScale, RefusesEmptyOrPaddedLabels) {
  RatingScale scale = TwoLabels();
  scale.labels.push_back({"", std::nullopt, ""});
  ExpectInvalid(scale, "rating_scale: label 3 is empty");
  scale.labels.back().label = " \u00A0 ";
  ExpectInvalid(scale, "rating_scale: label 3 is empty");
  scale.labels.back().label = " Unclear";
  ExpectInvalid(scale, "rating_scale: label ' Unclear' has leading or trailing whitespace");
}

TEST(ValidateRatingScale, LabelsAreAtMost40Characters) {
  RatingScale scale = TwoLabels();
  scale.labels.push_back({std::string(40, 'x'), std::nullopt, ""});
  EXPECT_TRUE(ValidateRatingScale(scale).ok());
  scale.labels.back().label = std::string(41, 'x');
  ExpectInvalid(scale, "rating_scale: label '" + std::string(41, 'x') +
                           "' is longer than 40 characters (got 41)");
  std::string chinese;
  for (int i = 0; i < 40; ++i) chinese += "真";
  scale.labels.back().label = chinese;
  EXPECT_TRUE(ValidateRatingScale(scale).ok());
}

TEST(ValidateRatingScale, RefusesInvalidUtf8Labels) {
  RatingScale scale = TwoLabels();
  scale.labels.push_back({"Bad\xff", std::nullopt, ""});
  ExpectInvalid(scale, "rating_scale: label 3 is not valid UTF-8");
}

TEST(ValidateRatingScale, LimitsDescriptions) {
  RatingScale scale = TwoLabels();
  scale.labels[0].description = std::string(500, 'd');
  EXPECT_TRUE(ValidateRatingScale(scale).ok());
  scale.labels[0].description = std::string(501, 'd');
  ExpectInvalid(scale,
                "rating_scale: the description of label 'Right' must be valid UTF-8 of at "
                "most 500 characters");
}

TEST(ValidateRatingScale, RefusesDuplicateValues) {
  RatingScale scale = TwoLabels();
  scale.labels.push_back({"Correct", 1.0, ""});
  ExpectInvalid(scale, "rating_scale: label 'Right' and label 'Correct' have the same value 1");
  scale.labels.back().value = 2.5;
  EXPECT_TRUE(ValidateRatingScale(scale).ok());
}

TEST(ValidateRatingScale, RefusesNonFiniteValues) {
  for (const double bad :
       {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
        -std::numeric_limits<double>::infinity()}) {
    RatingScale scale = TwoLabels();
    scale.labels.push_back({"Odd", bad, ""});
    ExpectInvalid(scale, "rating_scale: label 'Odd' has a value that is not a finite number");
  }
}

TEST(ValidateRatingScale, AllowsAtMost20Labels) {
  RatingScale scale;
  for (int i = 0; i < 20; ++i) scale.labels.push_back({"L" + std::to_string(i), i * 1.0, ""});
  EXPECT_TRUE(ValidateRatingScale(scale).ok());
  scale.labels.push_back({"L20", std::nullopt, ""});
  ExpectInvalid(scale, "rating_scale: has 21 labels; at most 20 are allowed");
}

}  // namespace
}  // namespace factdesk::domain
