#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// Guesses a text's language, for a transcript imported or opened without one. Script first
// (Han -> zh, kana -> ja, Hangul -> ko, Cyrillic -> ru or uk, Greek, Arabic, Hebrew,
// Devanagari, Thai, ...); for the Latin alphabet, the share of each language's commonest
// function words ("the", "der", "le", "el", ...) among the words, for the languages
// PostgreSQL has a Snowball configuration for. Pure; the check-worthiness scorer's
// English check (checkworthy/language_check.h) is this guess.
namespace factdesk::domain {

// How many of a transcript's first segments its language is guessed from (imports, live
// transcripts, the scorer's English check).
inline constexpr int kLanguageSampleSegments = 300;
// Above this share of letters outside the Latin alphabet, a text is in another script.
inline constexpr double kMaxOtherScriptShare = 0.5;

struct LanguageGuess {
  // A BCP 47 primary language tag, or "und" when it cannot be told.
  std::string tag = "und";
  // False when there was too little text to tell (under 20 letters, or under 20 words in
  // the Latin alphabet); the tag is then "und".
  bool enough_text = false;
  std::size_t words = 0;          // words in the Latin alphabet read
  double other_script_share = 0;  // letters outside the Latin alphabet, of all letters
  double english_share = 0;       // words among English's commonest function words
  double best_share = 0;          // the guessed Latin-alphabet language's share
  // In words: "72% of its letters are Han characters", "34% of its 812 words are common
  // German words".
  std::string why;
};

// Reads at most the first 5,000 words of `texts`.
LanguageGuess GuessLanguage(const std::vector<std::string_view>& texts);

}  // namespace factdesk::domain
