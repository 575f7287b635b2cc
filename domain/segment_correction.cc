#include "domain/segment_correction.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "common/utf8.h"

namespace factdesk::domain {

std::pair<std::int64_t, std::int64_t> ClampRange(std::string_view text, std::int64_t start,
                                                 std::int64_t end) {
  const auto size = static_cast<std::int64_t>(text.size());
  if (size == 0) return {0, 0};
  auto boundary = [&](std::int64_t at) {
    return utf8::IsBoundary(text, static_cast<std::size_t>(at));
  };
  end = std::clamp<std::int64_t>(end, 1, size);
  while (!boundary(end)) ++end;
  start = std::clamp<std::int64_t>(start, 0, end - 1);
  while (!boundary(start)) --start;
  return {start, end};
}

AnchorAfterCorrection FollowCorrection(std::string_view new_text, const Anchor& anchor,
                                       std::int64_t start, std::int64_t end) {
  AnchorAfterCorrection out;
  if (const auto found = Reanchor(new_text, anchor)) {
    if (auto moved = AnchorRange(new_text, found->first, found->second); moved.ok()) {
      out.start = found->first;
      out.end = found->second;
      out.anchor = std::move(*moved);
      return out;
    }
  }
  std::tie(out.start, out.end) = ClampRange(new_text, start, end);
  return out;
}

}  // namespace factdesk::domain
