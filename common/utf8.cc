#include "common/utf8.h"

namespace factdesk::utf8 {
namespace {

bool IsContinuation(unsigned char c) {
  return (c & 0xC0U) == 0x80U;
}

// How a sequence led by `c` (>= 0x80) is formed: its length (0 when `c` cannot lead
// one) and the range its second byte must fall in (Unicode's table 3-7).
struct Lead {
  std::size_t length = 0;
  unsigned char lo = 0x80U;
  unsigned char hi = 0xBFU;
};

Lead LeadOf(unsigned char c) {
  if (c >= 0xC2U && c <= 0xDFU) return {2, 0x80U, 0xBFU};
  if (c == 0xE0U) return {3, 0xA0U, 0xBFU};  // overlong below
  if (c == 0xEDU) return {3, 0x80U, 0x9FU};  // surrogates above
  if (c >= 0xE1U && c <= 0xEFU) return {3, 0x80U, 0xBFU};
  if (c == 0xF0U) return {4, 0x90U, 0xBFU};  // overlong below
  if (c == 0xF4U) return {4, 0x80U, 0x8FU};  // above U+10FFFF
  if (c >= 0xF1U && c <= 0xF3U) return {4, 0x80U, 0xBFU};
  return {};
}

}  // namespace

std::optional<std::size_t> FirstInvalidByte(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (s[i] < 0x80U) {
      ++i;
      continue;
    }
    const Lead lead = LeadOf(s[i]);
    if (lead.length == 0 || i + lead.length > n) return i;
    if (s[i + 1] < lead.lo || s[i + 1] > lead.hi) return i;
    for (std::size_t k = 2; k < lead.length; ++k) {
      if (!IsContinuation(s[i + k])) return i;
    }
    i += lead.length;
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

void Append(std::string& out, char32_t code_point) {
  const bool valid = code_point <= 0x10FFFF && (code_point < 0xD800 || code_point > 0xDFFF);
  const char32_t cp = valid ? code_point : 0xFFFD;
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
