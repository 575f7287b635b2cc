#include "checkworthy/features.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace factdesk::checkworthy {
namespace {

class CollectSink : public FeatureSink {
 public:
  void Add(std::string_view family, std::string_view term, double value) override {
    EXPECT_EQ(value, 1.0);
    names.insert(std::string(family) + std::string(term));
  }
  std::set<std::string> names;
};

using Names = std::set<std::string>;

// The named features of a sentence.
Names CuesOf(std::string_view sentence) {
  CollectSink sink;
  ExtractFeatures(Tokenize(sentence), {.cues = true}, sink);
  return sink.names;
}

TEST(FeaturesTest, NoNamedFeatureButLengthForAPlainSentence) {
  EXPECT_EQ(CuesOf("The sky is blue."), Names{"cue:length_4_7"});
}

TEST(FeaturesTest, PercentagesYearsAndChangesOverTime) {
  EXPECT_EQ(CuesOf("Unemployment fell by 3 percent since 2008."),
            (Names{"cue:statistic", "cue:change", "cue:number", "cue:percentage", "cue:year",
                   "cue:time_span", "cue:length_4_7"}));
  EXPECT_EQ(CuesOf("It rose 5% a year."), (Names{"cue:change", "cue:number", "cue:percentage",
                                                 "cue:time_span", "cue:length_4_7"}));
}

TEST(FeaturesTest, Comparisons) {
  EXPECT_EQ(CuesOf("We have more jobs than Canada."),
            (Names{"cue:comparison", "cue:comparative", "cue:statistic", "cue:named_entity",
                   "cue:length_4_7"}));
  EXPECT_EQ(CuesOf("They pay twice as much as we do."),
            (Names{"cue:comparison", "cue:length_8_15"}));
}

TEST(FeaturesTest, SuperlativesAndCauses) {
  EXPECT_EQ(CuesOf("It was the biggest tax cut in history."),
            (Names{"cue:superlative", "cue:statistic", "cue:change", "cue:length_8_15"}));
  EXPECT_EQ(CuesOf("Rents soared because of the tariffs."),
            (Names{"cue:causal", "cue:change", "cue:length_4_7"}));
  EXPECT_EQ(CuesOf("Crime went up due to the cuts."),
            (Names{"cue:causal", "cue:change", "cue:statistic", "cue:length_4_7"}));
}

TEST(FeaturesTest, MoneyLargeNumbersAndWhatSomeoneDid) {
  EXPECT_EQ(CuesOf("He spent $2 billion over the last ten years."),
            (Names{"cue:money", "cue:number", "cue:large_number", "cue:time_span",
                   "cue:past_action", "cue:length_8_15"}));
  EXPECT_EQ(CuesOf("I voted against the Iraq war."),
            (Names{"cue:past_action", "cue:law", "cue:named_entity", "cue:length_4_7"}));
}

TEST(FeaturesTest, QuestionsCourtesyOpinionsAndPromises) {
  EXPECT_EQ(CuesOf("Thank you, Lester."),
            (Names{"cue:courtesy", "cue:named_entity", "cue:length_1_3"}));
  EXPECT_EQ(CuesOf("Will you support it?"),
            (Names{"cue:question", "cue:future", "cue:length_4_7"}));
  EXPECT_EQ(
      CuesOf("I think we should be going to Ohio."),
      (Names{"cue:opinion", "cue:modal", "cue:future", "cue:named_entity", "cue:length_8_15"}));
  EXPECT_EQ(CuesOf("That's not true, according to the FBI."),
            (Names{"cue:denial", "cue:negation", "cue:report", "cue:acronym", "cue:named_entity",
                   "cue:length_8_15"}));
}

TEST(FeaturesTest, AcronymsButNotShouting) {
  EXPECT_EQ(CuesOf("We left NAFTA."),
            (Names{"cue:acronym", "cue:named_entity", "cue:past_action", "cue:length_1_3"}));
  EXPECT_EQ(CuesOf("(APPLAUSE)"), (Names{"cue:courtesy", "cue:length_1_3"}));
  EXPECT_EQ(CuesOf("THE ECONOMY IS GREAT"),
            (Names{"cue:named_entity", "cue:statistic", "cue:length_4_7"}));
}

TEST(FeaturesTest, WordsBigramsAndLettersWithDigitsAsZero) {
  CollectSink sink;
  ExtractFeatures(Tokenize("Tax 2,008"),
                  {.words = true, .bigrams = true, .char_min = 3, .char_max = 3}, sink);
  EXPECT_EQ(sink.names, (Names{"w:tax", "w:0,000", "w2:tax 0,000", "c:<ta", "c:tax", "c:ax>",
                               "c:<0,", "c:0,0", "c:,00", "c:000", "c:00>"}));
}

TEST(FeaturesTest, LettersAreCountedInCodePoints) {
  CollectSink sink;
  ExtractFeatures(Tokenize("\u00e9t\u00e9"), {.char_min = 4, .char_max = 4}, sink);
  EXPECT_EQ(sink.names, (Names{"c:<\u00e9t\u00e9", "c:\u00e9t\u00e9>"}));
}

TEST(FeaturesTest, FeatureSetsByName) {
  const auto set = ParseFeatureSet("cue,w1,w2,c3-5");
  ASSERT_TRUE(set.ok());
  EXPECT_EQ(*set, (FeatureSet{true, true, true, 3, 5}));
  EXPECT_EQ(FeatureSetName(*set), "cue,w1,w2,c3-5");
  EXPECT_EQ(ParseFeatureSet("cue,w3").status().message(),
            "features: unknown feature family 'w3' (known: cue, w1, w2, cN-M with 1 <= N <= M "
            "<= 8)");
  EXPECT_EQ(ParseFeatureSet("c5-3").status().code(), Code::kInvalidArgument);
  EXPECT_EQ(ParseFeatureSet("").status().message(), "features: no feature family given");
}

TEST(FeaturesTest, EveryNamedFeatureHasADescription) {
  for (const Cue& cue : Cues()) {
    EXPECT_EQ(CueDescription(cue.name), cue.description);
    EXPECT_FALSE(cue.description.empty());
  }
  EXPECT_EQ(CueDescription("percentage"), "a percentage");
  EXPECT_EQ(CueDescription("comparison"), "compares two quantities");
  EXPECT_FALSE(CueDescription("vibes").has_value());
}

}  // namespace
}  // namespace factdesk::checkworthy
