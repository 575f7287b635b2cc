#include "common/text_prefix.h"

#include <algorithm>
#include <cstdio>

#include "common/utf8.h"

namespace factdesk {

std::string ShortPrefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  return std::string(utf8::TruncateBytes(text, max_bytes)) + "\u2026 (" +
         std::to_string(text.size()) + " bytes)";
}

std::string QuotedPrefix(std::string_view text, std::size_t max_bytes) {
  return "'" + std::string(utf8::TruncateBytes(text, max_bytes)) + "'";
}

std::string LogSafe(std::string_view text, std::size_t max_bytes) {
  std::string out;
  out.reserve(std::min(text.size(), max_bytes + 16));
  // Escaping may only lengthen the text, so nothing past max_bytes is worth escaping.
  const std::string_view head = text.substr(0, max_bytes + 1);
  for (std::size_t i = 0; i < head.size(); ++i) {
    const auto c = static_cast<unsigned char>(head[i]);
    const auto next = i + 1 < head.size() ? static_cast<unsigned char>(head[i + 1]) : 0U;
    char escaped[8] = {};
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
      out += escaped;
    } else if (c == 0xC2 && next >= 0x80 && next < 0xA0) {
      std::snprintf(escaped, sizeof escaped, "\\u00%02x", next);
      out += escaped;
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (text.size() <= max_bytes && out.size() <= max_bytes) return out;
  // The cut counts the escaped text; the length named is the original's.
  return std::string(utf8::TruncateBytes(out, max_bytes)) + "\u2026 (" +
         std::to_string(text.size()) + " bytes)";
}

}  // namespace factdesk
