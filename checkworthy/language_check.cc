#include "checkworthy/language_check.h"

#include <algorithm>
#include <array>
#include <cstddef>

#include <fmt/format.h>

namespace factdesk::checkworthy {
namespace {

constexpr std::size_t kMaxWords = 5000;
constexpr std::size_t kMinWords = 20;
constexpr std::size_t kMinLetters = 20;
// English runs at 35-45% of these words; the languages we tried at under 5%.
constexpr double kMinEnglishShare = 0.15;
// Above this share of letters outside ASCII, the text is in another script.
constexpr double kMaxOtherScriptShare = 0.5;

// Function words frequent in English and rare as words elsewhere (no "a", "no", "me",
// "in", "so": Romance and Germanic languages use those too). Sorted for binary search.
constexpr std::array<std::string_view, 48> kEnglishWords = {
    "about", "all", "and",  "are",  "be",   "because", "been",  "but",   "by",   "can",
    "could", "did", "do",   "for",  "from", "had",     "has",   "have",  "he",   "her",
    "his",   "i",   "if",   "is",   "it",   "just",    "more",  "not",   "of",   "on",
    "or",    "our", "said", "she",  "that", "the",     "their", "there", "they", "this",
    "to",    "was", "we",   "were", "what", "which",   "with",  "you"};

bool AsciiLetter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

struct Counts {
  std::size_t words = 0;
  std::size_t english_words = 0;
  std::size_t ascii_letters = 0;
  std::size_t other_letters = 0;  // code points outside ASCII (letters of other scripts)
};

void CountWord(const std::string& word, Counts& c) {
  ++c.words;
  if (std::binary_search(kEnglishWords.begin(), kEnglishWords.end(), word)) ++c.english_words;
}

void CountText(std::string_view text, Counts& c) {
  std::string word;
  for (const char ch : text) {
    const auto b = static_cast<unsigned char>(ch);
    if (AsciiLetter(b)) {
      ++c.ascii_letters;
      word += static_cast<char>(b | 0x20U);  // lower case
      continue;
    }
    if (b >= 0x80) {
      if ((b & 0xC0U) != 0x80) ++c.other_letters;  // a lead byte starts a code point
      word += ch;  // "für", "está" are words too, and never English ones
      continue;
    }
    if (b == '\'' && !word.empty()) continue;  // "don't" counts as "dont", not "don"
    if (!word.empty()) CountWord(word, c);
    word.clear();
    if (c.words >= kMaxWords) return;
  }
  if (!word.empty()) CountWord(word, c);
}

}  // namespace

LanguageVerdict CheckEnglish(const std::vector<std::string_view>& texts) {
  Counts c;
  for (const std::string_view text : texts) {
    if (c.words >= kMaxWords) break;
    CountText(text, c);
  }
  const std::size_t letters = c.ascii_letters + c.other_letters;
  const double other =
      letters == 0 ? 0 : static_cast<double>(c.other_letters) / static_cast<double>(letters);
  if (letters >= kMinLetters && other > kMaxOtherScriptShare) {
    return {false, fmt::format("{:.0f}% of its letters are outside the Latin alphabet; the "
                               "scorer's model is English",
                               other * 100)};
  }
  if (c.words < kMinWords) return {};
  const double share = static_cast<double>(c.english_words) / static_cast<double>(c.words);
  if (share < kMinEnglishShare) {
    return {false, fmt::format("only {:.0f}% of its {} words are common English words (the, "
                               "and, of, ...; English runs at about 40%); the scorer's model is "
                               "English",
                               share * 100, c.words)};
  }
  return {};
}

}  // namespace factdesk::checkworthy
