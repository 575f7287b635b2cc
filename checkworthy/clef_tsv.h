#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace factdesk::checkworthy {

// One line of a debate in the CLEF CheckThat! format: `line<TAB>speaker<TAB>text[<TAB>label]`.
struct ClefLine {
  std::int64_t number = 0;
  std::string speaker;  // "SYSTEM" for the audience's reactions ("(APPLAUSE)")
  std::string text;
  std::optional<bool> worthy;  // the label, when the file has one (1: worth checking)
};

inline constexpr std::string_view kClefSystemSpeaker = "SYSTEM";

// Reads a whole file (a UTF-8 BOM, CRLF line ends and blank lines are allowed; a first
// line "line<TAB>speaker<TAB>text..." is a header). Refuses, with INVALID_ARGUMENT
// "<source>: line N: ..." naming the line, a line without three or four fields, a line
// number that is not a positive whole number or does not grow, a label other than 0 or 1,
// labels on some lines only, invalid UTF-8, and a file with no lines.
Result<std::vector<ClefLine>> ParseClefTsv(std::string_view bytes, std::string_view source);

}  // namespace factdesk::checkworthy
