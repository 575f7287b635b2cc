#include "common/utf8.h"

namespace factdesk::utf8 {
namespace {

bool IsContinuation(unsigned char c) {
  return (c & 0xC0U) == 0x80U;
}

}  // namespace

std::optional<std::size_t> FirstInvalidByte(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    if (c < 0x80U) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80U;
    unsigned char hi = 0xBFU;
    if (c >= 0xC2U && c <= 0xDFU) {
      len = 2;
    } else if (c >= 0xE0U && c <= 0xEFU) {
      len = 3;
      if (c == 0xE0U) lo = 0xA0U;  // overlong
      if (c == 0xEDU) hi = 0x9FU;  // surrogates
    } else if (c >= 0xF0U && c <= 0xF4U) {
      len = 4;
      if (c == 0xF0U) lo = 0x90U;  // overlong
      if (c == 0xF4U) hi = 0x8FU;  // above U+10FFFF
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (s[i + 1] < lo || s[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      if (!IsContinuation(s[i + k])) return i;
    }
    i += len;
  }
  return std::nullopt;
}

bool IsBoundary(std::string_view text, std::size_t offset) {
  if (offset == 0 || offset == text.size()) return true;
  if (offset > text.size()) return false;
  return !IsContinuation(static_cast<unsigned char>(text[offset]));
}

std::size_t CodePointCount(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) {
    if (!IsContinuation(static_cast<unsigned char>(c))) ++count;
  }
  return count;
}

std::string_view TruncateBytes(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && !IsBoundary(text, end)) --end;
  return text.substr(0, end);
}

std::string_view TakeLastBytes(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t start = text.size() - max_bytes;
  while (start < text.size() && !IsBoundary(text, start)) ++start;
  return text.substr(start);
}

void Append(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace factdesk::utf8
