#include "import/stream_lines.h"

namespace factdesk::import {

void StreamLines::Feed(std::string_view bytes, const OnLine& on_line) {
  for (const char c : bytes) {
    const bool after_cr = after_cr_;
    after_cr_ = c == '\r';
    if (c == '\n' && after_cr) continue;
    if (c == '\r' || c == '\n') {
      EndLine(on_line);
    } else if (partial_.size() < max_line_bytes_) {
      partial_.push_back(c);
    } else {
      too_long_ = true;  // the rest of the line is dropped, so memory stays bounded
    }
  }
}

void StreamLines::Finish(const OnLine& on_line) {
  if (!partial_.empty() || too_long_) EndLine(on_line);
}

void StreamLines::EndLine(const OnLine& on_line) {
  ++line_number_;
  on_line(partial_, line_number_, too_long_);
  partial_.clear();
  too_long_ = false;
}

}  // namespace factdesk::import
