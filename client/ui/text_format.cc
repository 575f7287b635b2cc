#include "client/ui/text_format.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "client/ui/claim_filter.h"
#include "client/ui/utf8_walk.h"
#include "proto/factdesk/v1/snippet_markers.h"

namespace factdesk::ui {
namespace {

constexpr std::string_view kOpen = v1::kSnippetMatchOpen;
constexpr std::string_view kClose = v1::kSnippetMatchClose;

}  // namespace

std::string FormatTimestamp(std::int64_t ms) {
  if (ms < 0) ms = 0;
  const std::int64_t total = ms / 1000;
  const std::int64_t h = total / 3600;
  const std::int64_t m = (total / 60) % 60;
  const std::int64_t s = total % 60;
  // snprintf rather than string concatenation: GCC 12's -O3 -Wrestrict misfires on the
  // latter.
  char buf[32];
  if (h > 0) {
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(h),
                  static_cast<long long>(m), static_cast<long long>(s));
  } else {
    std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(m),
                  static_cast<long long>(s));
  }
  return buf;
}

std::string FormatDuration(std::int64_t seconds) {
  // "0 s" reads as a fault: durations on the dashboard are minutes and up.
  if (seconds < 60) return "under a minute";
  if (seconds < 3600) return std::to_string(seconds / 60) + " min";
  if (seconds < 86400) return std::to_string(seconds / 3600) + " h";
  return std::to_string(seconds / 86400) + " d";
}

std::string FormatAgo(std::int64_t seconds) {
  if (seconds < 5) return "just now";
  if (seconds < 60) return std::to_string(seconds) + " s ago";
  return FormatDuration(seconds) + " ago";
}

std::string Initials(std::string_view name) {
  std::string out;
  int count = 0;
  bool at_word = true;
  for (std::size_t pos = 0; pos < name.size() && count < 2;) {
    std::size_t next = pos;
    DecodeAt(name, pos, &next);
    const char c = name[pos];
    const bool separator = c == ' ' || c == '.' || c == '_' || c == '-';
    if (!separator && at_word) {
      std::string cp(name.substr(pos, next - pos));
      if (cp.size() == 1) cp[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      out += cp;
      ++count;
    }
    at_word = separator;
    pos = next;
  }
  return out;
}

std::vector<SnippetPart> ParseSnippet(std::string_view snippet) {
  std::vector<SnippetPart> parts;
  bool match = false;
  auto add = [&](std::string_view text) {
    if (text.empty()) return;
    if (!parts.empty() && parts.back().match == match) {
      parts.back().text += text;
    } else {
      parts.push_back({std::string(text), match});
    }
  };
  std::size_t pos = 0;
  while (pos < snippet.size()) {
    const std::size_t open = snippet.find(kOpen, pos);
    const std::size_t close = snippet.find(kClose, pos);
    const std::size_t mark = std::min(open, close);
    add(snippet.substr(pos, mark == std::string_view::npos ? mark : mark - pos));
    if (mark == std::string_view::npos) break;
    // An open inside a match, or a close with none open (a cut snippet), is dropped:
    // a marker is never shown as a character.
    match = mark == open;
    pos = mark + kOpen.size();
  }
  return parts;
}

std::vector<std::string> MatchedTerms(std::string_view snippet) {
  std::vector<std::string> terms;
  for (const auto& part : ParseSnippet(snippet)) {
    if (!part.match || part.text.empty()) continue;
    std::string lower = part.text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (std::find(terms.begin(), terms.end(), lower) == terms.end()) terms.push_back(lower);
  }
  return terms;
}

std::vector<std::pair<std::size_t, std::size_t>> FindTerms(std::string_view text,
                                                           const std::vector<std::string>& terms) {
  std::vector<std::pair<std::size_t, std::size_t>> hits;
  for (const auto& term : terms) {
    for (std::size_t at = FindCaseless(text, term); at != std::string_view::npos;
         at = FindCaseless(text, term, at + term.size())) {
      hits.emplace_back(at, at + term.size());
    }
  }
  std::sort(hits.begin(), hits.end());
  return hits;
}

}  // namespace factdesk::ui
