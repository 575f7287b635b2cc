#include "client/cli/segment_text.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "client/cli/output.h"
#include "common/utf8.h"
#include "domain/match_text.h"

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

Result<ByteRange> QuoteRange(std::string_view text, std::string_view quote, int occurrence,
                             std::string_view where) {
  const auto found = domain::FindQuote(text, quote);
  if (found.empty()) {
    return Status::InvalidArgument("--quote",
                                   fmt::format("not found in {} ({})", where, Quoted(text, 80)));
  }
  if (occurrence > static_cast<int>(found.size())) {
    return Status::InvalidArgument(
        "--occurrence", fmt::format("the quote occurs only {} times in {}", found.size(), where));
  }
  if (found.size() > 1 && occurrence == 0) {
    return Status::InvalidArgument(
        "--quote", fmt::format("occurs {} times in {}; say which with --occurrence K (1-{}), or "
                               "quote more of the text",
                               found.size(), where, found.size()));
  }
  const auto& range = found[static_cast<std::size_t>(std::max(occurrence, 1) - 1)];
  return ByteRange{static_cast<int>(range.start), static_cast<int>(range.end)};
}

}  // namespace factdesk::cli
