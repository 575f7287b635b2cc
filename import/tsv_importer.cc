#include <array>
#include <string>
#include <utility>
#include <vector>

#include "common/utf8.h"
#include "import/assemble.h"
#include "import/importer.h"
#include "import/scan.h"

namespace factdesk::import {
namespace {

constexpr std::string_view kSystemSpeaker = "SYSTEM";  // audience reactions: "(APPLAUSE)"
constexpr std::size_t kMaxFields = 4;                  // line, speaker, text, label
constexpr std::size_t kMaxQuotedBytes = 40;

Status LineError(std::size_t line_number, const std::string& problem) {
  return Status::InvalidArgument("content", "line " + std::to_string(line_number) + ": " + problem);
}

// Splits at tabs into at most kMaxFields fields; returns how many there are. Further tabs
// stay in the last field, which is the label that is not read yet.
std::size_t SplitFields(std::string_view line, std::array<std::string_view, kMaxFields>& fields) {
  std::size_t count = 0;
  while (count + 1 < kMaxFields) {
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos) break;
    fields[count++] = line.substr(0, tab);
    line.remove_prefix(tab + 1);
  }
  fields[count++] = line;
  return count;
}

}  // namespace

Result<Transcript> ParseTsv(std::string_view bytes) {
  LineReader lines(StripBom(bytes));
  std::vector<Segment> segments;
  bool first = true;
  std::string_view line;
  while (lines.Next(line)) {
    if (IsBlank(line)) continue;
    std::array<std::string_view, kMaxFields> fields;
    const std::size_t count = SplitFields(line, fields);
    const std::string_view number = TrimSpace(fields[0]);
    // A first line that is not numbered is a header ("line<TAB>speaker<TAB>text").
    const bool header = first && !IsAllDigits(number);
    first = false;
    if (header) continue;
    if (count < 3) {
      return LineError(lines.line_number(), "expected line<TAB>speaker<TAB>text, found " +
                                                std::to_string(count) +
                                                (count == 1 ? " field" : " fields"));
    }
    if (!IsAllDigits(number)) {
      return LineError(lines.line_number(),
                       "the line number '" +
                           std::string(utf8::TruncateBytes(number, kMaxQuotedBytes)) +
                           "' is not a number");
    }
    const std::string_view speaker = TrimSpace(fields[1]);
    const std::string_view text = TrimSpace(fields[2]);
    if (speaker.empty()) return LineError(lines.line_number(), "the speaker is empty");
    if (text.empty()) continue;
    if (speaker == kSystemSpeaker) {
      Segment cue;
      cue.kind = SegmentKind::kCue;
      cue.text = std::string(text);
      segments.push_back(std::move(cue));
      continue;
    }
    // Debate transcripts give one sentence per line; a turn is the run of one speaker's lines.
    if (!segments.empty() && segments.back().kind == SegmentKind::kSpeech &&
        segments.back().speaker == speaker) {
      segments.back().text.push_back(' ');
      segments.back().text.append(text);
      continue;
    }
    Segment turn;
    turn.speaker = std::string(speaker);
    turn.text = std::string(text);
    segments.push_back(std::move(turn));
  }
  return AssembleTranscript(Format::kTsv, std::move(segments));
}

}  // namespace factdesk::import
