#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

// Lines of a byte stream as they complete, however the bytes are chunked.
namespace factdesk::import {

class StreamLines {
 public:
  // A completed line, without its terminator, numbered from 1. `too_long` when it had more
  // than `max_line_bytes`: `line` then holds only its first bytes.
  using OnLine = std::function<void(std::string_view line, std::size_t number, bool too_long)>;

  explicit StreamLines(std::size_t max_line_bytes) : max_line_bytes_(max_line_bytes) {}

  // LF, CRLF or a lone CR ends a line; a CRLF split between two chunks is one line end.
  void Feed(std::string_view bytes, const OnLine& on_line);
  // The stream ended: a last line without a terminator completes.
  void Finish(const OnLine& on_line);

 private:
  void EndLine(const OnLine& on_line);

  std::size_t max_line_bytes_;
  std::string partial_;
  bool too_long_ = false;
  bool after_cr_ = false;  // the last byte was a CR: an LF right after it ends nothing
  std::size_t line_number_ = 0;
};

}  // namespace factdesk::import
