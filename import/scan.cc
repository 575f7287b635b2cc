#include "import/scan.h"

#include <algorithm>

namespace factdesk::import {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

unsigned char ByteAt(std::string_view text, std::size_t pos) {
  return static_cast<unsigned char>(text[pos]);
}

// Whether the three bytes c c1 c2 encode one of Unicode's spaces (White_Space, plus
// U+200B and U+FEFF, which break words the same way in transcripts).
bool IsThreeByteSpace(unsigned char c, unsigned char c1, unsigned char c2) {
  switch (c) {
    case 0xE1U:
      return c1 == 0x9AU && c2 == 0x80U;  // OGHAM SPACE MARK
    case 0xE2U:
      // U+2000..U+200B spaces, U+2028/2029 separators, U+202F narrow no-break space.
      if (c1 == 0x80U) return c2 <= 0x8BU || c2 == 0xA8U || c2 == 0xA9U || c2 == 0xAFU;
      return c1 == 0x81U && c2 == 0x9FU;  // MEDIUM MATHEMATICAL SPACE
    case 0xE3U:
      return c1 == 0x80U && c2 == 0x80U;  // IDEOGRAPHIC SPACE
    case 0xEFU:
      return c1 == 0xBBU && c2 == 0xBFU;  // ZERO WIDTH NO-BREAK SPACE
    default:
      return false;
  }
}

}  // namespace

std::string_view StripBom(std::string_view text) {
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  return text;
}

std::size_t SpaceAt(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return 0;
  const unsigned char c = ByteAt(text, pos);
  if (c < 0x80U) return (c == ' ' || (c >= '\t' && c <= '\r')) ? 1 : 0;
  const std::size_t left = text.size() - pos;
  if (c == 0xC2U && left >= 2) {
    const unsigned char c1 = ByteAt(text, pos + 1);
    return (c1 == 0x85U || c1 == 0xA0U) ? 2 : 0;  // NEL, NO-BREAK SPACE
  }
  if (left < 3) return 0;
  return IsThreeByteSpace(c, ByteAt(text, pos + 1), ByteAt(text, pos + 2)) ? 3 : 0;
}

std::string_view TrimSpace(std::string_view text) {
  std::size_t begin = 0;
  while (const std::size_t n = SpaceAt(text, begin)) begin += n;
  std::size_t end = text.size();
  while (end > begin) {
    // A space is 1 to 3 bytes long; look back for one that ends exactly at `end`.
    std::size_t n = 0;
    for (std::size_t len = 1; len <= 3 && len <= end - begin && n == 0; ++len) {
      if (SpaceAt(text, end - len) == len) n = len;
    }
    if (n == 0) break;
    end -= n;
  }
  return text.substr(begin, end - begin);
}

bool IsAllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), IsAsciiDigit);
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (AsciiLower(a[i]) != AsciiLower(b[i])) return false;
  }
  return true;
}

bool IsListedWord(std::string_view list, std::string_view word) {
  while (!list.empty()) {
    const std::size_t space = list.find(' ');
    if (EqualsIgnoreCase(list.substr(0, space), word)) return true;
    if (space == std::string_view::npos) break;
    list.remove_prefix(space + 1);
  }
  return false;
}

void AppendCollapsingSpaces(std::string& out, std::string_view text) {
  for (const char c : text) {
    if (IsAsciiSpace(c)) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
}

bool LineReader::Next(std::string_view& line) {
  if (pos_ >= text_.size()) return false;
  const std::size_t end = text_.find_first_of("\r\n", pos_);
  if (end == std::string_view::npos) {
    line = text_.substr(pos_);
    pos_ = text_.size();
  } else {
    line = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    if (text_[end] == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
  }
  ++line_number_;
  return true;
}

// The index of the bracket that closes the one at `open`, or npos.
std::size_t ClosingBracket(std::string_view text, std::size_t open) {
  const char opening = text[open];
  const char closing = opening == '(' ? ')' : ']';
  std::size_t depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    if (text[i] == opening) ++depth;
    if (text[i] == closing && --depth == 0) return i;
  }
  return std::string_view::npos;
}

bool IsStageDirection(std::string_view paragraph) {
  if (!(paragraph.starts_with('(') || paragraph.starts_with('['))) return false;
  return ClosingBracket(paragraph, 0) == paragraph.size() - 1;
}

}  // namespace factdesk::import
