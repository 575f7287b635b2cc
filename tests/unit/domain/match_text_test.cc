#include "domain/match_text.h"

#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "domain/unicode.h"

namespace factdesk::domain {
namespace {

// The seed podcast, read in place: 126 no-break spaces and 221 curly quotes.
std::string SeedText() {
  std::ifstream in(std::string(FACTDESK_SHARED_DIR) + "/seeds/000_964967168d34df55.txt",
                   std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string_view At(std::string_view text, const TextRange& range) {
  return text.substr(static_cast<std::size_t>(range.start),
                     static_cast<std::size_t>(range.end - range.start));
}

TEST(FoldForMatching, TypographyBecomesWhatPeopleType) {
  EXPECT_EQ(FoldForMatching("China\u2019s \u201cMaker\u00a0Space\u201d \u2014 5G\u2013AI"),
            "China's \"Maker Space\" - 5G-AI");
  // Letters, CJK and invalid bytes are left alone.
  EXPECT_EQ(FoldForMatching("Stra\u00dfe \u4e60\u8fd1\u5e73 \xff"),
            "Stra\u00dfe \u4e60\u8fd1\u5e73 \xff");
}

TEST(FoldForMatching, EveryNonAsciiWhitespaceFoldsToASpace) {
  for (char32_t cp = 0x80; cp < 0x10000; ++cp) {
    if (unicode::IsWhitespace(cp)) {
      EXPECT_EQ(FoldForMatching(cp), U' ') << std::hex << +cp;
    }
  }
}

TEST(FoldForMatching, TheTableIsSortedAndFoldsToAscii) {
  const auto folds = MatchFolds();
  for (std::size_t i = 0; i < folds.size(); ++i) {
    EXPECT_GE(folds[i].from, 0x80U);
    EXPECT_LT(static_cast<unsigned char>(folds[i].to), 0x80U);
    if (i > 0) {
      EXPECT_LT(folds[i - 1].from, folds[i].from);
    }
  }
}

TEST(FindQuote, MatchesStraightQuotesAgainstTypographicOnes) {
  const std::string text = "He started Shenzhen\u2019s first \u201cMaker Space\u201d.";
  const auto found = FindQuote(text, "Shenzhen's first \"Maker Space\"");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(At(text, found[0]), "Shenzhen\u2019s first \u201cMaker Space\u201d");
  EXPECT_EQ(FindQuote(text, "Shenzhen\u2019s").size(), 1U);
}

TEST(FindQuote, ReportsEveryOccurrenceAndNothingForAbsentText) {
  EXPECT_EQ(FindQuote("very, very short", "very"), (std::vector<TextRange>{{0, 4}, {6, 10}}));
  EXPECT_TRUE(FindQuote("very, very short", "long").empty());
  EXPECT_TRUE(FindQuote("anything", "").empty());
  EXPECT_TRUE(FindQuote("anything", " \u00a0 ").empty());
}

TEST(FindQuote, AnyRunOfSpacesMatchesAnyRunAndTheQuoteIsTrimmed) {
  const std::string text = "technology enables\u00a0 authoritarian\u00a0control.";
  const auto found = FindQuote(text, "  enables authoritarian   control ");
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(At(text, found[0]), "enables\u00a0 authoritarian\u00a0control");
  // A space in the quote needs one in the text.
  EXPECT_TRUE(FindQuote("enablesauthoritarian", "enables authoritarian").empty());
}

TEST(FindQuote, FindsTheSeedsQuotesAndReturnsTheStoredBytes) {
  const std::string seed = SeedText();
  ASSERT_FALSE(seed.empty()) << "seed not found under " << FACTDESK_SHARED_DIR;
  const std::string first = seed.substr(0, seed.find('\n'));
  const auto ai = FindQuote(first, "such as AI, facial recognition");
  ASSERT_EQ(ai.size(), 1U);
  EXPECT_EQ(At(first, ai[0]), "such as\u00a0AI,\u00a0facial recognition");
  ASSERT_EQ(FindQuote(first, "China is fast becoming").size(), 1U);
  const auto tech =
      FindQuote(first, "Critics say China's technology enables authoritarian control");
  ASSERT_EQ(tech.size(), 1U);
  EXPECT_EQ(At(first, tech[0]),
            "Critics say China\u2019s technology enables\u00a0authoritarian\u00a0control");
}

}  // namespace
}  // namespace factdesk::domain
