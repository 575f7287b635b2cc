#include "client/ui/utf8_walk.h"

#include <algorithm>

namespace factdesk::ui {
namespace {

bool IsContinuation(unsigned char c) {
  return (c & 0xC0U) == 0x80U;
}

}  // namespace

char32_t DecodeAt(std::string_view text, std::size_t pos, std::size_t* next) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  if (pos >= n) {
    *next = n;
    return 0;
  }
  const unsigned char c = s[pos];
  int len = 1;
  char32_t cp = c;
  if (c >= 0xF0U) {
    len = 4;
    cp = c & 0x07U;
  } else if (c >= 0xE0U) {
    len = 3;
    cp = c & 0x0FU;
  } else if (c >= 0xC0U) {
    len = 2;
    cp = c & 0x1FU;
  } else if (c >= 0x80U) {
    *next = pos + 1;
    return 0xFFFD;
  }
  if (pos + static_cast<std::size_t>(len) > n) {
    *next = pos + 1;
    return 0xFFFD;
  }
  for (int i = 1; i < len; ++i) {
    const unsigned char b = s[pos + static_cast<std::size_t>(i)];
    if (!IsContinuation(b)) {
      *next = pos + 1;
      return 0xFFFD;
    }
    cp = (cp << 6U) | (b & 0x3FU);
  }
  *next = pos + static_cast<std::size_t>(len);
  return cp;
}

std::size_t NextBoundary(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return text.size();
  std::size_t next = pos;
  DecodeAt(text, pos, &next);
  return std::min(next, text.size());
}

std::size_t PrevBoundary(std::string_view text, std::size_t pos) {
  pos = std::min(pos, text.size());
  if (pos == 0) return 0;
  std::size_t p = pos - 1;
  while (p > 0 && IsContinuation(static_cast<unsigned char>(text[p])) && pos - p < 4) --p;
  return p;
}

std::size_t FloorBoundary(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return text.size();
  while (pos > 0 && IsContinuation(static_cast<unsigned char>(text[pos]))) --pos;
  return pos;
}

}  // namespace factdesk::ui
