#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Small scanning helpers the importers share: byte order marks, white space, lines.
namespace factdesk::import {

// Drops one leading UTF-8 byte order mark.
std::string_view StripBom(std::string_view text);

// Byte length of the white space code point starting at `pos` (ASCII white space,
// no-break and typographic spaces, zero-width space, BOM), or 0 if there is none.
std::size_t SpaceAt(std::string_view text, std::size_t pos);

// `text` without leading and trailing white space (as SpaceAt defines it).
std::string_view TrimSpace(std::string_view text);

// True when `text` has nothing but white space.
inline bool IsBlank(std::string_view text) {
  return TrimSpace(text).empty();
}

inline bool IsAsciiDigit(char c) {
  return c >= '0' && c <= '9';
}
inline bool IsAsciiUpper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline bool IsAsciiLower(char c) {
  return c >= 'a' && c <= 'z';
}
inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
bool IsAllDigits(std::string_view text);  // non-empty and only 0-9
inline char AsciiLower(char c) {
  return IsAsciiUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}
bool EqualsIgnoreCase(std::string_view a, std::string_view b);  // ASCII case only

// True when `word` is one of the space-separated words in `list`, ignoring ASCII case.
bool IsListedWord(std::string_view list, std::string_view word);

// Appends `text` with runs of ASCII white space (line breaks included) turned into one space.
void AppendCollapsingSpaces(std::string& out, std::string_view text);

// Reads lines ended by LF, CRLF or a lone CR, without copying; numbers them from 1.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}

  // The next line without its terminator; false after the last line. A final line
  // break does not start another (empty) line.
  bool Next(std::string_view& line);
  // The number of the line Next returned last.
  std::size_t line_number() const { return line_number_; }
  // The text after the line Next returned last.
  std::string_view rest() const { return text_.substr(pos_); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_number_ = 0;
};

// The index of the bracket that closes the one at `open` ('(' or '['), or npos.
std::size_t ClosingBracket(std::string_view text, std::size_t open);

// "(Sound of construction)", "(Applause)", "[Music]": a paragraph wholly in brackets is a
// stage direction, a cue rather than speech.
bool IsStageDirection(std::string_view paragraph);

}  // namespace factdesk::import
