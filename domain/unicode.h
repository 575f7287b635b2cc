#pragma once

#include <cstddef>
#include <string_view>

// Small Unicode helpers the domain rules share. common/utf8.h validates and measures;
// this decodes one code point at a time and classifies whitespace.
namespace factdesk::domain::unicode {

struct CodePoint {
  char32_t value = 0;
  std::size_t size = 1;  // bytes consumed; 1 for an invalid byte so scans always advance
  bool valid = false;
};

// Decodes the code point starting at `offset` (< text.size()). Invalid or truncated
// sequences decode as one invalid byte.
CodePoint DecodeAt(std::string_view text, std::size_t offset);

// Unicode White_Space, plus the invisible U+200B ZERO WIDTH SPACE and U+FEFF BYTE ORDER
// MARK: text made only of these looks empty on screen, so it is treated as empty.
bool IsWhitespace(char32_t code_point);

// `text` without leading and trailing whitespace (as IsWhitespace defines it). Invalid
// bytes count as non-whitespace.
std::string_view TrimView(std::string_view text);

inline char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

// Case-insensitive for ASCII letters only; other bytes must match exactly.
bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b);

}  // namespace factdesk::domain::unicode
