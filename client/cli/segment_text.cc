#include "client/cli/segment_text.h"

#include <algorithm>
#include <map>

#include "common/utf8.h"

namespace factdesk::cli {

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
