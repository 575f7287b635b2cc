#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace factdesk::checkworthy {

struct Token {
  enum class Kind { kWord, kNumber, kSymbol };

  Kind kind = Kind::kWord;
  // Lower-cased (ASCII letters), curly apostrophes made straight: "trump", "n't", "'s",
  // "1,000", "90s", "u.s", "$", "%".
  std::string text;
  bool capitalized = false;  // the word starts with an upper-case letter
  bool all_caps = false;     // two letters or more, all upper case ("NAFTA", "U.S.")

  friend bool operator==(const Token&, const Token&) = default;
};

struct TokenizedSentence {
  std::vector<Token> tokens;
  bool question = false;  // the last end mark is a question mark
};

// Words, numbers and the symbols $ £ € %. Hyphens and other punctuation separate words;
// numbers keep their inner "," and "." ("1,000", "3.5") and a unit suffix ("90s", "5th");
// clitics are split off as their own words ("don't" -> "do" "n't", "China's" ->
// "china" "'s", "'90s" -> "90s").
TokenizedSentence Tokenize(std::string_view sentence);

}  // namespace factdesk::checkworthy
