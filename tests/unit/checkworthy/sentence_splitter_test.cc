#include "checkworthy/sentence_splitter.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "common/utf8.h"

namespace factdesk::checkworthy {
namespace {

// The sentences' text, cut from `text` by their spans (which must lie on code points).
std::vector<std::string> Sentences(std::string_view text) {
  std::vector<std::string> out;
  for (const Span& s : SplitSentences(text)) {
    EXPECT_LT(s.begin, s.end);
    EXPECT_TRUE(utf8::IsBoundary(text, s.begin) && utf8::IsBoundary(text, s.end));
    out.emplace_back(text.substr(s.begin, s.end - s.begin));
  }
  return out;
}

using Texts = std::vector<std::string>;

TEST(SentenceSplitterTest, GivesByteOffsetsWithoutTheSpacesBetween) {
  EXPECT_EQ(SplitSentences("Jobs grew. Wages fell!  Why?"),
            (std::vector<Span>{{0, 10}, {11, 22}, {24, 28}}));
}

TEST(SentenceSplitterTest, TextWithoutAnEndMarkIsOneSentence) {
  EXPECT_EQ(Sentences("and then we cut taxes"), Texts{"and then we cut taxes"});
  EXPECT_EQ(SplitSentences(" \t\n\u00a0 "), std::vector<Span>{});
  EXPECT_EQ(SplitSentences(""), std::vector<Span>{});
}

TEST(SentenceSplitterTest, NoBreakSpacesSeparateAndAreTrimmed) {
  const std::string text = "\u00a0\u00a0Prices rose.\u00a0Wages fell.\u202f";
  // Two no-break spaces are four bytes.
  EXPECT_EQ(SplitSentences(text), (std::vector<Span>{{4, 16}, {18, 29}}));
  EXPECT_EQ(Sentences(text), (Texts{"Prices rose.", "Wages fell."}));
}

TEST(SentenceSplitterTest, ClosingQuotesStayWithTheirSentence) {
  EXPECT_EQ(Sentences("He said \u201cit fell.\u201d Then it rose."),
            (Texts{"He said \u201cit fell.\u201d", "Then it rose."}));
  EXPECT_EQ(Sentences("She called it \u2018a disaster.\u2019 It was not."),
            (Texts{"She called it \u2018a disaster.\u2019", "It was not."}));
  EXPECT_EQ(Sentences("He said \"no.\" (Applause.) Then..."),
            (Texts{"He said \"no.\"", "(Applause.)", "Then..."}));
}

TEST(SentenceSplitterTest, AbbreviationsInitialsAndNumbersDoNotEndSentences) {
  EXPECT_EQ(Sentences("Mr. Smith met Dr. Jones in the U.S. Senate. They talked."),
            (Texts{"Mr. Smith met Dr. Jones in the U.S. Senate.", "They talked."}));
  EXPECT_EQ(Sentences("Donald J. Trump spoke at 5 p.m. today. Growth was 3.5 percent."),
            (Texts{"Donald J. Trump spoke at 5 p.m. today.", "Growth was 3.5 percent."}));
  EXPECT_EQ(Sentences("Vote for No. 5 now."), Texts{"Vote for No. 5 now."});
  // A word in lower case after a full stop goes on with the sentence.
  EXPECT_EQ(Sentences("Costs, e.g. rent, rose."), Texts{"Costs, e.g. rent, rose."});
}

TEST(SentenceSplitterTest, QuestionsExclamationsAndEllipses) {
  EXPECT_EQ(Sentences("Why? Because it works! Well\u2026 Maybe."),
            (Texts{"Why?", "Because it works!", "Well\u2026", "Maybe."}));
  EXPECT_EQ(Sentences("Really?! Yes."), (Texts{"Really?!", "Yes."}));
}

TEST(SentenceSplitterTest, BlankLinesEndSentences) {
  EXPECT_EQ(Sentences("First part\n\nSecond part\nstill second"),
            (Texts{"First part", "Second part\nstill second"}));
}

TEST(SentenceSplitterTest, OtherScriptsKeepCodePointBoundaries) {
  EXPECT_EQ(Sentences("Caf\u00e9 prices rose 5%. \u00bfQu\u00e9? S\u00ed."),
            (Texts{"Caf\u00e9 prices rose 5%.", "\u00bfQu\u00e9?", "S\u00ed."}));
  EXPECT_EQ(
      Sentences("\u7ecf\u6d4e\u589e\u957f\u4e86\u3002\u5931\u4e1a\u7387\u4e0b\u964d\u3002"),
      (Texts{"\u7ecf\u6d4e\u589e\u957f\u4e86\u3002", "\u5931\u4e1a\u7387\u4e0b\u964d\u3002"}));
}

TEST(SentenceSplitterTest, InvalidBytesDoNotStopTheScan) {
  const std::string text = "Bad \xff byte. Next one.";
  EXPECT_EQ(SplitSentences(text), (std::vector<Span>{{0, 11}, {12, 21}}));
}

}  // namespace
}  // namespace factdesk::checkworthy
