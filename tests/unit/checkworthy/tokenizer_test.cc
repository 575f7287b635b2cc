#include "checkworthy/tokenizer.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace factdesk::checkworthy {
namespace {

std::vector<std::string> Texts(const TokenizedSentence& s) {
  std::vector<std::string> out;
  for (const Token& t : s.tokens) out.push_back(t.text);
  return out;
}

using Words = std::vector<std::string>;

TEST(TokenizerTest, SplitsCliticsAndKeepsNumbersWhole) {
  const TokenizedSentence s = Tokenize("Don't cut China\u2019s 5.5% growth, said the U.S.");
  EXPECT_EQ(Texts(s),
            (Words{"do", "n't", "cut", "china", "'s", "5.5", "%", "growth", "said", "the", "u.s"}));
  EXPECT_FALSE(s.question);
  EXPECT_EQ(s.tokens[4].kind, Token::Kind::kWord);
  EXPECT_EQ(s.tokens[5].kind, Token::Kind::kNumber);
  EXPECT_EQ(s.tokens[6].kind, Token::Kind::kSymbol);
  EXPECT_TRUE(s.tokens[3].capitalized);
  EXPECT_FALSE(s.tokens[3].all_caps);
  EXPECT_TRUE(s.tokens[10].all_caps);
}

TEST(TokenizerTest, MoneyDecadesAndQuestions) {
  const TokenizedSentence s = Tokenize("\u201cYou paid $1,000 in the \u201990s?\u201d");
  EXPECT_EQ(Texts(s), (Words{"you", "paid", "$", "1,000", "in", "the", "90s"}));
  EXPECT_TRUE(s.question);
  EXPECT_EQ(Texts(Tokenize("It cost \u00a3300 or \u20ac400.")),
            (Words{"it", "cost", "\u00a3", "300", "or", "\u20ac", "400"}));
}

TEST(TokenizerTest, HyphensAndDashesSeparateWords) {
  EXPECT_EQ(Texts(Tokenize("a six-fold rise\u2014in a 90-minute debate")),
            (Words{"a", "six", "fold", "rise", "in", "a", "90", "minute", "debate"}));
}

TEST(TokenizerTest, AcronymsAndTheWordI) {
  const TokenizedSentence s = Tokenize("I opposed NAFTA and TPP.");
  EXPECT_FALSE(s.tokens[0].all_caps);  // one letter
  EXPECT_TRUE(s.tokens[0].capitalized);
  EXPECT_TRUE(s.tokens[2].all_caps);
  EXPECT_EQ(s.tokens[2].text, "nafta");
}

TEST(TokenizerTest, OtherScriptsAreWords) {
  EXPECT_EQ(Texts(Tokenize("Les \u00e9lecteurs \u00e0 Z\u00fcrich")),
            (Words{"les", "\u00e9lecteurs", "\u00e0", "z\u00fcrich"}));
}

}  // namespace
}  // namespace factdesk::checkworthy
