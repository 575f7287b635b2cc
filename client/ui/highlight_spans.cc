#include "client/ui/highlight_spans.h"

#include <algorithm>

#include "client/ui/utf8_walk.h"

namespace factdesk::ui {

std::vector<HighlightSpan> ComputeHighlightSpans(std::string_view text,
                                                 const std::vector<ClaimRange>& ranges) {
  std::vector<ClaimRange> clean;
  std::vector<std::size_t> cuts;
  for (const ClaimRange& r : ranges) {
    ClaimRange c = r;
    c.start = FloorBoundary(text, std::min(c.start, text.size()));
    c.end = std::min(c.end, text.size());
    if (c.end < text.size() && FloorBoundary(text, c.end) != c.end) {
      c.end = NextBoundary(text, FloorBoundary(text, c.end));
    }
    if (c.start >= c.end) continue;
    clean.push_back(c);
    cuts.push_back(c.start);
    cuts.push_back(c.end);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());

  std::vector<HighlightSpan> spans;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    const std::size_t a = cuts[i];
    const std::size_t b = cuts[i + 1];
    HighlightSpan span{a, b, 0, 0};
    std::size_t best_len = 0;
    for (const ClaimRange& c : clean) {
      if (c.start > a || c.end < b) continue;
      ++span.depth;
      const std::size_t len = c.end - c.start;
      // Shortest on top; among equals the newest (highest id).
      if (span.top_claim == 0 || len < best_len ||
          (len == best_len && c.claim_id > span.top_claim)) {
        span.top_claim = c.claim_id;
        best_len = len;
      }
    }
    if (span.depth == 0) continue;
    if (!spans.empty() && spans.back().end == a && spans.back().top_claim == span.top_claim &&
        spans.back().depth == span.depth) {
      spans.back().end = b;
    } else {
      spans.push_back(span);
    }
  }
  return spans;
}

std::int64_t ClaimAtByte(const std::vector<HighlightSpan>& spans, std::size_t byte) {
  for (const HighlightSpan& s : spans) {
    if (byte >= s.start && byte < s.end) return s.top_claim;
  }
  return 0;
}

}  // namespace factdesk::ui
