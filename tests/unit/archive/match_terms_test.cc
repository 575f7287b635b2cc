#include "archive/match_terms.h"

#include <gtest/gtest.h>

namespace factdesk::archive {
namespace {

using Terms = std::vector<std::string>;

TEST(MatchTerms, PlainWordsAreLowerCasedAndSplitAtPunctuation) {
  EXPECT_EQ(MatchTerms("Crime ROSE, by 3.5%!", {false, false, false}),
            (Terms{"crime", "rose", "by", "3", "5"}));
}

TEST(MatchTerms, TypographyFoldsAsTypedTextDoes) {
  // A curly apostrophe and a no-break space split words as ' and a space do.
  EXPECT_EQ(MatchTerms("China\u2019s\u00a0growth", {false, false, false}),
            MatchTerms("China's growth", {false, false, false}));
}

TEST(MatchTerms, StopwordsGoAndWordsAreStemmed) {
  EXPECT_EQ(MatchTerms("The vaccines were vaccinated in the hospitals"),
            (Terms{"vaccin", "vaccin", "hospit"}));
}

TEST(MatchTerms, SocialNoiseGoesButHandlesAndHashtagsKeepTheirWords) {
  EXPECT_EQ(MatchTerms("Wow @realDonaldTrump #CoronaVirus https://t.co/abc pic.twitter.com/x1",
                       {true, false, false}),
            (Terms{"wow", "real", "donald", "trump", "corona", "virus"}));
  EXPECT_EQ(MatchTerms("#NASAEngineers #Covid19", {true, false, false}),
            (Terms{"nasa", "engineers", "covid", "19"}));
}

TEST(MatchTerms, AnEmbeddedTweetsDateKeepsItsMonthAndYear) {
  EXPECT_EQ(
      MatchTerms("war over revenue. — Ilhan Omar (@IlhanMN) January 6, 2020", {true, false, false}),
      (Terms{"war", "over", "revenue", "ilhan", "omar", "ilhan", "mn", "january", "2020"}));
  // As a fact-checker dates a claim.
  EXPECT_EQ(MatchTerms("in December 2019"), MatchTerms("December 11, 2019"));
  // Without a year it may be what the claim is about.
  EXPECT_EQ(MatchTerms("born on July 4", {true, false, false}), (Terms{"born", "on", "july", "4"}));
}

TEST(MatchTerms, NonAsciiLettersStayInTheirWords) {
  EXPECT_EQ(MatchTerms("Économie über 習近平", {false, false, false}), (Terms{"\xc3\x89"
                                                                              "conomie",
                                                                              "\xc3\xbc"
                                                                              "ber",
                                                                              "習近平"}));
}

TEST(MatchTerms, EmptyAndPunctuationOnlyTextHasNoTerms) {
  EXPECT_TRUE(MatchTerms("").empty());
  EXPECT_TRUE(MatchTerms(" -- !! ... ").empty());
}

}  // namespace
}  // namespace factdesk::archive
