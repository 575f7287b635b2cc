#include "client/ui/word_bounds.h"

#include <string_view>

#include "checkworthy/sentence_splitter.h"
#include "client/ui/utf8_walk.h"
#include "domain/unicode.h"

namespace factdesk::ui {
namespace {

// Inside a word only between two word characters.
bool IsJoiner(char32_t c) {
  return c == '\'' || c == 0x2019 || c == '-' || c == '.' || c == 0x2011;
}

bool IsPunctuation(char32_t c) {
  static constexpr std::u32string_view kAscii = U"!\"#$%&()*+,/:;<=>?@[\\]^_`{|}~";
  return kAscii.find(c) != std::u32string_view::npos ||
         (c >= 0x2010 && c <= 0x205E && c != 0x2011 && c != 0x2019) ||  // dashes, quotes, …
         (c >= 0x3001 && c <= 0x303F) ||                                // CJK punctuation
         (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) || c == 0x00AB ||
         c == 0x00BB || c == 0x00BF || c == 0x00A1;
}

bool IsWordChar(char32_t c) {
  return c > 0x20 && !domain::unicode::IsWhitespace(c) && !IsJoiner(c) && !IsPunctuation(c);
}

char32_t At(std::string_view text, std::size_t pos) {
  std::size_t next = 0;
  return DecodeAt(text, pos, &next);
}

// Whether the code point starting at `pos` belongs to a word.
bool InWord(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return false;
  const char32_t c = At(text, pos);
  if (IsWordChar(c)) return true;
  if (!IsJoiner(c) || pos == 0) return false;
  const std::size_t next = NextBoundary(text, pos);
  return next < text.size() && IsWordChar(At(text, PrevBoundary(text, pos))) &&
         IsWordChar(At(text, next));
}

}  // namespace

std::size_t WordStartAt(std::string_view text, std::size_t pos) {
  while (pos > 0 && pos < text.size() && InWord(text, pos) &&
         InWord(text, PrevBoundary(text, pos))) {
    pos = PrevBoundary(text, pos);
  }
  return pos;
}

std::size_t WordEndAt(std::string_view text, std::size_t pos) {
  while (pos > 0 && pos < text.size() && InWord(text, pos) &&
         InWord(text, PrevBoundary(text, pos))) {
    pos = NextBoundary(text, pos);
  }
  return pos;
}

ByteRange WordAt(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return {text.size(), text.size()};
  const std::size_t next = NextBoundary(text, pos);
  if (!InWord(text, pos)) return {pos, next};
  return {WordStartAt(text, pos), WordEndAt(text, next)};
}

ByteRange SentenceAt(std::string_view text, std::size_t pos) {
  const auto sentences = checkworthy::SplitSentences(text);
  for (const checkworthy::Span& s : sentences) {
    if (pos < s.end || &s == &sentences.back()) {
      return {s.begin, s.end};
    }
  }
  return {0, text.size()};
}

bool CutsAWord(std::string_view text, std::size_t begin, std::size_t end) {
  return WordStartAt(text, begin) != begin || WordEndAt(text, end) != end;
}

}  // namespace factdesk::ui
