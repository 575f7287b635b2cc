#pragma once

#include <cstddef>
#include <string>
#include <string_view>

// Errors and logs quote what a caller sent; a caller may send megabytes. These keep the
// quote short and say how long the whole was.
namespace factdesk {

// `text` itself when it has at most `max_bytes` bytes; otherwise its first bytes (cut
// on a code point boundary), "…", and " (N bytes)".
std::string ShortPrefix(std::string_view text, std::size_t max_bytes = 40);

// `text` in single quotes, cut to its first `max_bytes` bytes on a code point boundary:
// a field of a file named in a refusal ("the label 'x' is not 0 or 1").
std::string QuotedPrefix(std::string_view text, std::size_t max_bytes);

// `text` for a log line: newline, carriage return, tab, other C0 controls, DEL and C1
// controls written as \n, \r, \t, \xNN and \u00NN, so that nothing a caller sent can
// start a line of its own; then cut by ShortPrefix to `max_bytes`.
std::string LogSafe(std::string_view text, std::size_t max_bytes);

}  // namespace factdesk
