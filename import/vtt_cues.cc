#include "import/vtt_cues.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "import/scan.h"
#include "import/timestamp.h"

namespace factdesk::import {
namespace {

constexpr std::string_view kSignature = "WEBVTT";
constexpr std::string_view kArrow = "-->";
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The algorithm's preprocessing: NUL -> U+FFFD, CRLF and lone CR -> LF.
std::string Preprocess(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (c == '\0') {
      out.append(kReplacement);
    } else if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < bytes.size() && bytes[i + 1] == '\n') ++i;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool IsVttSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

void SkipSpaces(std::string_view line, std::size_t& pos) {
  while (pos < line.size() && IsVttSpace(line[pos])) ++pos;
}

// "Collect WebVTT cue timings and settings"; the settings are ignored.
bool ParseTimings(std::string_view line, VttCue& cue) {
  std::size_t pos = 0;
  SkipSpaces(line, pos);
  const auto start = CollectVttTimestamp(line, pos);
  if (!start) return false;
  SkipSpaces(line, pos);
  if (line.substr(pos, kArrow.size()) != kArrow) return false;
  pos += kArrow.size();
  SkipSpaces(line, pos);
  const auto end = CollectVttTimestamp(line, pos);
  if (!end) return false;
  cue.start_ms = *start;
  cue.end_ms = *end;
  return true;
}

class BlockParser {
 public:
  explicit BlockParser(std::string_view input) : input_(input) {}

  bool AtEnd() const { return pos_ >= input_.size(); }
  bool AtLineFeed() const { return !AtEnd() && input_[pos_] == '\n'; }
  void Advance() { ++pos_; }
  void SkipLineFeeds() {
    while (AtLineFeed()) ++pos_;
  }
  std::string_view CollectLine() {
    const std::size_t begin = pos_;
    pos_ = std::min(input_.find('\n', pos_), input_.size());
    return input_.substr(begin, pos_ - begin);
  }

  // "Collect a WebVTT block". Stylesheets and regions are not kept, so only cues return.
  std::optional<VttCue> CollectBlock(bool in_header) {
    std::size_t line_count = 0;
    std::size_t previous = pos_;
    std::string buffer;
    bool seen_arrow = false;
    std::optional<VttCue> cue;
    while (true) {
      const std::string_view line = CollectLine();
      ++line_count;
      const bool seen_eof = AtEnd();
      if (!seen_eof) Advance();
      if (line.find(kArrow) != std::string_view::npos) {
        // An arrow on the first line, or on the second after an identifier, is a timing
        // line; anywhere else it starts the next block.
        if (in_header || !(line_count == 1 || (line_count == 2 && !seen_arrow))) {
          pos_ = previous;
          break;
        }
        seen_arrow = true;
        previous = pos_;
        VttCue candidate;
        candidate.identifier = buffer;
        if (ParseTimings(line, candidate)) {
          cue = std::move(candidate);
          buffer.clear();
        } else {
          cue.reset();
        }
      } else if (line.empty()) {
        break;
      } else {
        if (!buffer.empty()) buffer.push_back('\n');
        buffer.append(line);
        previous = pos_;
      }
      if (seen_eof) break;
    }
    if (cue) cue->text = std::move(buffer);
    return cue;
  }

 private:
  std::string_view input_;
  std::size_t pos_ = 0;
};

}  // namespace

Result<std::vector<VttCue>> ParseVttCues(std::string_view bytes) {
  const std::string input = Preprocess(StripBom(bytes));
  if (!std::string_view(input).starts_with(kSignature)) {
    return Status::InvalidArgument("content", "not a WebVTT file: it must begin with \"WEBVTT\"");
  }
  if (input.size() > kSignature.size() &&
      !(input[kSignature.size()] == ' ' || input[kSignature.size()] == '\t' ||
        input[kSignature.size()] == '\n')) {
    return Status::InvalidArgument(
        "content",
        "not a WebVTT file: \"WEBVTT\" must be followed by a space, a tab or a line break");
  }
  std::vector<VttCue> cues;
  BlockParser parser(input);
  parser.CollectLine();  // the rest of the signature line
  if (parser.AtEnd()) return cues;
  parser.Advance();
  if (parser.AtEnd()) return cues;
  if (parser.AtLineFeed()) {
    parser.Advance();
  } else {
    parser.CollectBlock(/*in_header=*/true);
  }
  parser.SkipLineFeeds();
  while (!parser.AtEnd()) {
    if (auto cue = parser.CollectBlock(/*in_header=*/false)) cues.push_back(std::move(*cue));
    parser.SkipLineFeeds();
  }
  return cues;
}

}  // namespace factdesk::import
