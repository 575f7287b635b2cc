#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace factdesk::utf8 {

// Byte offset of the first byte that makes `text` invalid UTF-8 (overlong forms,
// surrogates and code points above U+10FFFF are invalid), or nullopt if valid.
std::optional<std::size_t> FirstInvalidByte(std::string_view text);

inline bool IsValid(std::string_view text) {
  return !FirstInvalidByte(text).has_value();
}

// True when `offset` is 0, text.size(), or the start of a code point.
bool IsBoundary(std::string_view text, std::size_t offset);

// Number of code points in valid UTF-8 text.
std::size_t CodePointCount(std::string_view text);

// The longest prefix of at most `max_bytes` bytes that ends on a code point boundary.
std::string_view TruncateBytes(std::string_view text, std::size_t max_bytes);

// The longest suffix of at most `max_bytes` bytes that starts on a code point boundary.
std::string_view TakeLastBytes(std::string_view text, std::size_t max_bytes);

// Appends the UTF-8 encoding of `code_point` (U+FFFD for invalid ones).
void Append(std::string& out, char32_t code_point);

}  // namespace factdesk::utf8
