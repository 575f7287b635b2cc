#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace factdesk::ui {

// A search snippet as a person reads it: the server marks each match between U+E000
// and U+E001 (private-use characters no text contains); the desktop draws the matches
// as highlight, so the markers become byte ranges of the plain text.
struct MarkedSnippet {
  std::string text;
  // [begin, end) byte ranges of `text`, in order, non-empty, not overlapping.
  std::vector<std::pair<std::size_t, std::size_t>> matches;
};

// Strips the markers (ParseSnippet's rules: a match left open runs to the end; a close
// without an open, or an open inside a match, is dropped).
MarkedSnippet MarkSnippet(std::string_view snippet);

}  // namespace factdesk::ui
