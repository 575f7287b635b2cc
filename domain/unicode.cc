#include "domain/unicode.h"

#include "common/utf8.h"

namespace factdesk::domain::unicode {

CodePoint DecodeAt(std::string_view text, std::size_t offset) {
  const auto lead = static_cast<unsigned char>(text[offset]);
  if (lead < 0x80U) return {lead, 1, true};
  std::size_t size = 0;
  char32_t value = 0;
  if (lead >= 0xC2U && lead <= 0xDFU) {
    size = 2;
    value = lead & 0x1FU;
  } else if (lead >= 0xE0U && lead <= 0xEFU) {
    size = 3;
    value = lead & 0x0FU;
  } else if (lead >= 0xF0U && lead <= 0xF4U) {
    size = 4;
    value = lead & 0x07U;
  } else {
    return {};
  }
  if (offset + size > text.size()) return {};
  // Reuse common's validator for overlongs, surrogates and the U+10FFFF ceiling.
  if (utf8::FirstInvalidByte(text.substr(offset, size)).has_value()) return {};
  for (std::size_t k = 1; k < size; ++k) {
    value = (value << 6U) | (static_cast<unsigned char>(text[offset + k]) & 0x3FU);
  }
  return {value, size, true};
}

bool IsWhitespace(char32_t code_point) {
  switch (code_point) {
    case 0x09:  // tab, line feed, vertical tab, form feed, carriage return
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0x85:    // NEXT LINE
    case 0xA0:    // NO-BREAK SPACE
    case 0x1680:  // OGHAM SPACE MARK
    case 0x2028:  // LINE SEPARATOR
    case 0x2029:  // PARAGRAPH SEPARATOR
    case 0x202F:  // NARROW NO-BREAK SPACE
    case 0x205F:  // MEDIUM MATHEMATICAL SPACE
    case 0x3000:  // IDEOGRAPHIC SPACE
    case 0x200B:  // ZERO WIDTH SPACE (invisible, not White_Space)
    case 0xFEFF:  // BYTE ORDER MARK (invisible, not White_Space)
      return true;
    default:
      return code_point >= 0x2000 && code_point <= 0x200A;  // EN QUAD .. HAIR SPACE
  }
}

std::string_view TrimView(std::string_view text) {
  // One forward pass: whitespace cannot be recognised walking backwards through bytes.
  std::size_t begin = text.size();
  std::size_t end = 0;
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint cp = DecodeAt(text, i);
    if (!cp.valid || !IsWhitespace(cp.value)) {
      if (begin == text.size()) begin = i;
      end = i + cp.size;
    }
    i += cp.size;
  }
  if (begin >= end) return text.substr(text.size());
  return text.substr(begin, end - begin);
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

}  // namespace factdesk::domain::unicode
