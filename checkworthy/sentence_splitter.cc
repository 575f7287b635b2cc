#include "checkworthy/sentence_splitter.h"

#include <algorithm>
#include <array>
#include <string>

#include "checkworthy/characters.h"

namespace factdesk::checkworthy {
namespace {

// Abbreviations followed by a name or a number, never by a new sentence.
constexpr std::array<std::string_view, 22> kTitles = {
    "capt", "col", "dr", "ft",   "gen",  "gov", "hon", "jr",  "lt",  "messrs", "mr",
    "mrs",  "ms",  "mt", "pres", "prof", "rep", "rev", "sen", "sgt", "st",     "vs"};
static_assert(std::is_sorted(kTitles.begin(), kTitles.end()));

std::size_t SkipSpaces(std::string_view text, std::size_t i) {
  while (i < text.size()) {
    const auto cp = chars::DecodeAt(text, i);
    if (!cp.valid || !chars::IsWhitespace(cp.value)) break;
    i += cp.size;
  }
  return i;
}

// The word just before a '.' at `dot`, letters and inner dots only ("U.S", "Mr", "J").
std::string WordBefore(std::string_view text, std::size_t dot) {
  std::size_t begin = dot;
  while (begin > 0) {
    const char c = text[begin - 1];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (!letter && c != '.') break;
    --begin;
  }
  std::string word(text.substr(begin, dot - begin));
  for (char& c : word) c = domain::unicode::AsciiLower(c);
  return word;
}

// "J", "U.S", "d.c": single letters joined by dots.
bool IsInitials(std::string_view word) {
  if (word.empty()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if ((i % 2 == 1) != (word[i] == '.')) return false;
  }
  return word.size() % 2 == 1;
}

// Whether a '.' at `dot` ends an abbreviation that the next word continues.
bool IsAbbreviation(std::string_view text, std::size_t dot, std::size_t next) {
  const std::string word = WordBefore(text, dot);
  if (word.empty()) return false;
  if (IsInitials(word)) return true;
  if (std::binary_search(kTitles.begin(), kTitles.end(), word)) return true;
  // "No. 1"
  return (word == "no" || word == "nos") &&
         chars::IsAsciiDigit(static_cast<unsigned char>(text[next]));
}

struct Marks {
  std::size_t end = 0;    // after the end marks (". . ." or "?!")
  std::size_t after = 0;  // after the closing quotes and brackets that follow them
};

Marks ReadMarks(std::string_view text, std::size_t i) {
  Marks marks;
  while (i < text.size()) {
    const auto cp = chars::DecodeAt(text, i);
    if (!cp.valid || !chars::IsSentenceEnd(cp.value)) break;
    i += cp.size;
  }
  marks.end = i;
  while (i < text.size()) {
    const auto cp = chars::DecodeAt(text, i);
    if (!cp.valid || !chars::IsClosing(cp.value)) break;
    i += cp.size;
  }
  marks.after = i;
  return marks;
}

// Whether the end marks starting at `mark` close a sentence.
bool EndsSentence(std::string_view text, std::size_t mark, const Marks& marks) {
  if (marks.after == text.size()) return true;
  // Chinese and Japanese end marks are not followed by a space.
  if (const auto cp = chars::DecodeAt(text, mark); cp.valid && cp.value >= 0x3000) return true;
  const auto following = chars::DecodeAt(text, marks.after);
  if (!following.valid || !chars::IsWhitespace(following.value)) return false;  // "3.5", "e.g.,"
  const std::size_t next = SkipSpaces(text, marks.after);
  if (next == text.size()) return true;
  if (chars::IsAsciiLower(static_cast<unsigned char>(text[next]))) return false;
  const bool lone_dot = text[mark] == '.' && marks.end == mark + 1 && marks.after == marks.end;
  return !(lone_dot && IsAbbreviation(text, mark, next));
}

// Whether a newline at `i` starts a blank line (only spaces before the next newline).
bool StartsBlankLine(std::string_view text, std::size_t i) {
  for (std::size_t k = i + 1; k < text.size(); ++k) {
    if (text[k] == '\n') return true;
    if (text[k] != ' ' && text[k] != '\t' && text[k] != '\r') return false;
  }
  return false;
}

}  // namespace

std::vector<Span> SplitSentences(std::string_view text) {
  std::vector<Span> spans;
  constexpr std::size_t kNone = std::string_view::npos;
  std::size_t begin = kNone;  // start of the sentence being read
  std::size_t end = 0;        // end of its last character that is not a space
  std::size_t i = 0;
  while (i < text.size()) {
    const auto cp = chars::DecodeAt(text, i);
    const bool space = cp.valid && chars::IsWhitespace(cp.value);
    if (space) {
      if (cp.value == '\n' && begin != kNone && StartsBlankLine(text, i)) {
        spans.push_back({begin, end});
        begin = kNone;
      }
      i += cp.size;
      continue;
    }
    if (begin == kNone) begin = i;
    if (cp.valid && chars::IsSentenceEnd(cp.value)) {
      const Marks marks = ReadMarks(text, i);
      end = marks.after;
      if (EndsSentence(text, i, marks)) {
        spans.push_back({begin, end});
        begin = kNone;
      }
      i = marks.after;
      continue;
    }
    i += cp.size;
    end = i;
  }
  if (begin != kNone) spans.push_back({begin, end});
  return spans;
}

}  // namespace factdesk::checkworthy
