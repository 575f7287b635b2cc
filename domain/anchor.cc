#include "domain/anchor.h"

#include "common/utf8.h"
#include "domain/limits.h"
#include "domain/unicode.h"

namespace factdesk::domain {
namespace {

// Bytes shared by the end of `a` and the end of `b`.
std::size_t CommonSuffix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[a.size() - 1 - n] == b[b.size() - 1 - n]) ++n;
  return n;
}

// Bytes shared by the start of `a` and the start of `b`.
std::size_t CommonPrefix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

}  // namespace

Result<Anchor> AnchorRange(std::string_view segment_text, std::int64_t start, std::int64_t end) {
  const auto size = static_cast<std::int64_t>(segment_text.size());
  if (start < 0) {
    return Status::InvalidArgument("start_byte",
                                   "must not be negative (got " + std::to_string(start) + ")");
  }
  if (end > size) {
    return Status::InvalidArgument("end_byte", std::to_string(end) +
                                                   " is past the end of the segment (" +
                                                   std::to_string(size) + " bytes)");
  }
  if (start >= end) return Status::InvalidArgument("end_byte", "must be greater than start_byte");
  const auto begin_offset = static_cast<std::size_t>(start);
  const auto end_offset = static_cast<std::size_t>(end);
  if (!utf8::IsBoundary(segment_text, begin_offset)) {
    return Status::InvalidArgument("start_byte",
                                   std::to_string(start) + " splits a UTF-8 character");
  }
  if (!utf8::IsBoundary(segment_text, end_offset)) {
    return Status::InvalidArgument("end_byte", std::to_string(end) + " splits a UTF-8 character");
  }
  const std::string_view quote = segment_text.substr(begin_offset, end_offset - begin_offset);
  if (unicode::TrimView(quote).empty()) {
    return Status::InvalidArgument("quote", "the selected text is only whitespace");
  }
  return Anchor{
      std::string(quote),
      std::string(utf8::TakeLastBytes(segment_text.substr(0, begin_offset), kAnchorContextBytes)),
      std::string(utf8::TruncateBytes(segment_text.substr(end_offset), kAnchorContextBytes)),
  };
}

std::optional<std::pair<std::int64_t, std::int64_t>> Reanchor(std::string_view new_text,
                                                              const Anchor& anchor) {
  if (anchor.quote.empty()) return std::nullopt;
  std::optional<std::size_t> best;
  std::size_t best_score = 0;
  for (std::size_t at = new_text.find(anchor.quote); at != std::string_view::npos;
       at = new_text.find(anchor.quote, at + 1)) {
    const std::size_t after = at + anchor.quote.size();
    // A match inside a multi-byte character is no match (possible only for odd quotes).
    if (!utf8::IsBoundary(new_text, at) || !utf8::IsBoundary(new_text, after)) continue;
    const std::size_t score = CommonSuffix(new_text.substr(0, at), anchor.prefix) +
                              CommonPrefix(new_text.substr(after), anchor.suffix);
    if (!best || score > best_score) {
      best = at;
      best_score = score;
    }
  }
  if (!best) return std::nullopt;
  return std::make_pair(static_cast<std::int64_t>(*best),
                        static_cast<std::int64_t>(*best + anchor.quote.size()));
}

}  // namespace factdesk::domain
