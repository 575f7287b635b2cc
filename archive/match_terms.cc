#include "archive/match_terms.h"

#include <algorithm>
#include <array>
#include <memory>

#include <libstemmer.h>

#include "domain/match_text.h"

namespace factdesk::archive {
namespace {

// English function words: they match everything, so they say nothing about a claim.
constexpr auto kStopwords = std::to_array<std::string_view>(
    {"a",     "about", "above",   "after", "again",   "against", "all",     "am",     "an",
     "and",   "any",   "are",     "as",    "at",      "be",      "because", "been",   "before",
     "being", "below", "between", "both",  "but",     "by",      "can",     "could",  "d",
     "did",   "do",    "does",    "doing", "don",     "down",    "during",  "each",   "few",
     "for",   "from",  "further", "had",   "has",     "have",    "having",  "he",     "her",
     "here",  "hers",  "herself", "him",   "himself", "his",     "how",     "i",      "if",
     "in",    "into",  "is",      "it",    "its",     "itself",  "just",    "ll",     "m",
     "me",    "more",  "most",    "my",    "myself",  "no",      "nor",     "not",    "now",
     "of",    "off",   "on",      "once",  "only",    "or",      "other",   "our",    "ours",
     "out",   "over",  "own",     "re",    "s",       "same",    "she",     "should", "so",
     "some",  "such",  "t",       "than",  "that",    "the",     "their",   "them",   "then",
     "there", "these", "they",    "this",  "those",   "through", "to",      "too",    "under",
     "until", "up",    "ve",      "very",  "was",     "we",      "were",    "what",   "when",
     "where", "which", "while",   "who",   "whom",    "why",     "will",    "with",   "would",
     "you"});

constexpr auto kMonths =
    std::to_array<std::string_view>({"january", "february", "march", "april", "may", "june", "july",
                                     "august", "september", "october", "november", "december"});

bool IsStopword(std::string_view word) {
  return std::find(kStopwords.begin(), kStopwords.end(), word) != kStopwords.end();
}

bool IsDigits(std::string_view word, std::size_t min, std::size_t max) {
  return word.size() >= min && word.size() <= max &&
         std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsAsciiUpper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool IsAsciiLower(char c) {
  return c >= 'a' && c <= 'z';
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}
// Letters and digits; bytes of non-ASCII characters count as letters.
bool IsWordByte(char c) {
  return IsAsciiUpper(c) || IsAsciiLower(c) || IsDigit(c) || static_cast<unsigned char>(c) >= 0x80;
}

bool IsLink(std::string_view word) {
  return word.starts_with("http://") || word.starts_with("https://") || word.starts_with("www.") ||
         word.find("pic.twitter.com") != std::string_view::npos ||
         word.find("t.co/") != std::string_view::npos;
}

// Splits `word` into runs of word bytes, and those at letter/digit boundaries ("4bn" ->
// 4 bn, "COVID19" -> COVID 19); handles and hashtags also at camelCase ("realDonaldTrump").
void SplitWord(std::string_view word, bool camel_case, std::vector<std::string>& out) {
  std::string current;
  auto flush = [&] {
    if (!current.empty()) out.push_back(std::move(current));
    current.clear();
  };
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    if (!IsWordByte(c)) {
      flush();
      continue;
    }
    if (!current.empty()) {
      const char prev = word[i - 1];
      const bool digit_edge = IsDigit(prev) != IsDigit(c);
      const bool lower_to_upper = camel_case && IsAsciiLower(prev) && IsAsciiUpper(c);
      // "NASAEngineers": the last capital of a run starts the next word.
      const bool acronym_end =
          IsAsciiUpper(prev) && IsAsciiUpper(c) && i + 1 < word.size() && IsAsciiLower(word[i + 1]);
      if (lower_to_upper || digit_edge || acronym_end) flush();
    }
    current += IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
  }
  flush();
}

// "January 6, 2020" (the date of an embedded tweet) -> "January 2020": the month and year
// place a claim in time, as fact-checkers write them ("in January 2020"); the day rarely
// matches.
void DropDays(std::vector<std::string>& words) {
  std::vector<std::string> kept;
  kept.reserve(words.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    const bool month = std::find(kMonths.begin(), kMonths.end(), words[i]) != kMonths.end();
    kept.push_back(std::move(words[i]));
    if (month && i + 2 < words.size() && IsDigits(words[i + 1], 1, 2) &&
        IsDigits(words[i + 2], 4, 4)) {
      ++i;  // the day
    }
  }
  words = std::move(kept);
}

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// Snowball stemmers keep state between calls: one per thread.
std::string Stem(const std::string& word) {
  thread_local const std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer(
      sb_stemmer_new("english", "UTF_8"));
  if (!stemmer) return word;
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  if (stem == nullptr) return word;
  return {reinterpret_cast<const char*>(stem),
          static_cast<std::size_t>(sb_stemmer_length(stemmer.get()))};
}

}  // namespace

std::vector<std::string> MatchTerms(std::string_view text, const TermOptions& options) {
  const std::string folded = domain::FoldForMatching(text);
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < folded.size()) {
    const std::size_t end = std::min(folded.find_first_of(" \t\n\r\f\v", i), folded.size());
    const std::string_view raw(folded.data() + i, end - i);
    i = end + 1;
    if (raw.empty()) continue;
    if (options.clean_social && IsLink(raw)) continue;
    // "(@IlhanMN)": a handle or hashtag may follow an opening bracket or quote.
    const std::size_t lead = raw.find_first_not_of("([{\"'");
    const bool tag = options.clean_social && lead != std::string_view::npos &&
                     (raw[lead] == '@' || raw[lead] == '#');
    SplitWord(raw, tag, words);
  }
  if (options.clean_social) DropDays(words);
  std::vector<std::string> terms;
  terms.reserve(words.size());
  for (std::string& word : words) {
    if (options.drop_stopwords && IsStopword(word)) continue;
    terms.push_back(options.stem ? Stem(word) : std::move(word));
  }
  return terms;
}

}  // namespace factdesk::archive
