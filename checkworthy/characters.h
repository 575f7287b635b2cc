#pragma once

#include <string_view>

#include "domain/unicode.h"

// How the scorer reads punctuation in transcripts: typographic quotes, apostrophes and
// dashes count the same as their ASCII forms, and every Unicode space is a space.
namespace factdesk::checkworthy::chars {

using domain::unicode::CodePoint;
using domain::unicode::DecodeAt;
using domain::unicode::IsWhitespace;

// . ! ? … and their CJK and full-width forms.
bool IsSentenceEnd(char32_t c);
// Closing quotes and brackets that stay with the sentence they end: " ' ) ] ” ’ » 」 ...
bool IsClosing(char32_t c);
// ' ’ ‘ ʼ ′
bool IsApostrophe(char32_t c);
// Letters and digits, ASCII or not: any code point that is not a space, punctuation or
// a symbol the scorer knows.
bool IsWordChar(char32_t c);

inline bool IsAsciiDigit(char32_t c) {
  return c >= '0' && c <= '9';
}
inline bool IsAsciiUpper(char32_t c) {
  return c >= 'A' && c <= 'Z';
}
inline bool IsAsciiLower(char32_t c) {
  return c >= 'a' && c <= 'z';
}

// The code point ending just before `offset` (> 0) and where it starts.
struct Previous {
  char32_t value = 0;
  std::size_t begin = 0;
};
Previous DecodeBefore(std::string_view text, std::size_t offset);

}  // namespace factdesk::checkworthy::chars
