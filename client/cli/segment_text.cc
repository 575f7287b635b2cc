#include "client/cli/segment_text.h"

#include <algorithm>
#include <array>
#include <map>

#include "common/utf8.h"

namespace factdesk::cli {
namespace {

constexpr std::array<std::string_view, 2> kSingleQuotes = {"\xE2\x80\x98", "\xE2\x80\x99"};
constexpr std::array<std::string_view, 2> kDoubleQuotes = {"\xE2\x80\x9C", "\xE2\x80\x9D"};

// Bytes of `text` at `pos` that match the quote character `q`, or 0.
std::size_t MatchChar(std::string_view text, std::size_t pos, char q) {
  if (pos >= text.size()) return 0;
  if (text[pos] == q) return 1;
  if (q == '\'' || q == '"') {
    for (std::string_view alt : q == '\'' ? kSingleQuotes : kDoubleQuotes) {
      if (text.substr(pos, alt.size()) == alt) return alt.size();
    }
  }
  return 0;
}

}  // namespace

std::vector<ByteRange> FindQuote(std::string_view text, std::string_view quote) {
  std::vector<ByteRange> found;
  if (quote.empty()) return found;
  for (std::size_t start = 0; start < text.size(); ++start) {
    if (!utf8::IsBoundary(text, start)) continue;
    std::size_t pos = start;
    bool ok = true;
    for (char q : quote) {
      const std::size_t n = MatchChar(text, pos, q);
      if (n == 0) {
        ok = false;
        break;
      }
      pos += n;
    }
    if (ok && utf8::IsBoundary(text, pos)) {
      found.push_back({static_cast<int>(start), static_cast<int>(pos)});
    }
  }
  return found;
}

std::string MarkClaims(std::string_view text, std::vector<ClaimMark> marks) {
  // Insertions by byte offset: closings before openings at the same offset, so
  // adjacent claims read "]](..)[[#13".
  std::map<std::size_t, std::pair<std::string, std::string>> inserts;
  auto clamp = [&](int offset) {
    auto pos = static_cast<std::size_t>(std::clamp<int>(offset, 0, static_cast<int>(text.size())));
    while (!utf8::IsBoundary(text, pos)) ++pos;
    return pos;
  };
  std::sort(marks.begin(), marks.end(), [](const ClaimMark& a, const ClaimMark& b) {
    return a.range.start != b.range.start ? a.range.start < b.range.start : a.id < b.id;
  });
  for (const auto& m : marks) {
    const std::size_t start = clamp(m.range.start);
    const std::size_t end = std::max(start, clamp(m.range.end));
    inserts[start].second += "[[#" + std::to_string(m.id) + " ";
    inserts[end].first = "]](" + m.tag + ")" + inserts[end].first;
  }
  std::string out;
  std::size_t pos = 0;
  for (const auto& [offset, insert] : inserts) {
    out.append(text.substr(pos, offset - pos));
    out += insert.first;
    out += insert.second;
    pos = offset;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace factdesk::cli
