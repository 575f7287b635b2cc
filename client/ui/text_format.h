#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace factdesk::ui {

// 0:05, 12:34, 1:02:03 (hours only when needed).
std::string FormatTimestamp(std::int64_t ms);
// "under a minute", "5 min", "3 h", "2 d".
std::string FormatDuration(std::int64_t seconds);
// "just now", "42 s ago", "5 min ago", "3 h ago", "2 d ago".
std::string FormatAgo(std::int64_t seconds);
// Up to two initials of a display name ("Ana Moreno" -> "AM", "ben" -> "B").
std::string Initials(std::string_view name);

// A search snippet split at its match markers (U+E000 opens a match, U+E001 closes it).
struct SnippetPart {
  std::string text;
  bool match = false;
  friend bool operator==(const SnippetPart&, const SnippetPart&) = default;
};
std::vector<SnippetPart> ParseSnippet(std::string_view snippet);
// The distinct matched words of a snippet, for highlighting them in the full text.
std::vector<std::string> MatchedTerms(std::string_view snippet);
// Byte ranges of case-insensitive occurrences of any term in `text`, in order.
std::vector<std::pair<std::size_t, std::size_t>> FindTerms(std::string_view text,
                                                           const std::vector<std::string>& terms);

}  // namespace factdesk::ui
