#include "checkworthy/characters.h"

namespace factdesk::checkworthy::chars {

bool IsSentenceEnd(char32_t c) {
  switch (c) {
    case '.':
    case '!':
    case '?':
    case 0x2026:  // … HORIZONTAL ELLIPSIS
    case 0x203C:  // ‼
    case 0x2047:  // ⁇
    case 0x2048:  // ⁈
    case 0x2049:  // ⁉
    case 0x3002:  // 。
    case 0xFF01:  // ！
    case 0xFF0E:  // ．
    case 0xFF1F:  // ？
      return true;
    default:
      return false;
  }
}

bool IsClosing(char32_t c) {
  switch (c) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case '}':
    case 0x00BB:  // »
    case 0x2019:  // ’
    case 0x201D:  // ”
    case 0x203A:  // ›
    case 0x300D:  // 」
    case 0x300F:  // 』
    case 0xFF09:  // ）
      return true;
    default:
      return false;
  }
}

bool IsApostrophe(char32_t c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x2032;
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) return IsAsciiDigit(c) || IsAsciiUpper(c) || IsAsciiLower(c);
  if (IsWhitespace(c)) return false;
  if (c < 0xC0) return c == 0xAA || c == 0xB5 || c == 0xBA;  // ª µ º; the rest is symbols
  if (c == 0xD7 || c == 0xF7) return false;                  // × ÷
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, currency, arrows, shapes
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFE30 && c <= 0xFE6F) return false;  // CJK compatibility and small forms
  if (c >= 0xFF00 && c <= 0xFF0F) return false;  // full-width punctuation
  if (c >= 0xFF1A && c <= 0xFF20) return false;
  return true;
}

Previous DecodeBefore(std::string_view text, std::size_t offset) {
  std::size_t begin = offset - 1;
  // Step back over continuation bytes (at most three) to the lead byte.
  while (begin > 0 && offset - begin < 4 &&
         (static_cast<unsigned char>(text[begin]) & 0xC0U) == 0x80U) {
    --begin;
  }
  const CodePoint cp = DecodeAt(text, begin);
  if (!cp.valid || begin + cp.size != offset) {
    return {static_cast<unsigned char>(text[offset - 1]), offset - 1};
  }
  return {cp.value, begin};
}

}  // namespace factdesk::checkworthy::chars
