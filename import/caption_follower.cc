#include "import/caption_follower.h"

#include <algorithm>
#include <utility>

#include "common/utf8.h"
#include "import/assemble.h"
#include "import/scan.h"
#include "import/speaker_label.h"
#include "import/srt_cues.h"
#include "import/vtt_cues.h"

namespace factdesk::import {
namespace {

// What ParseVttCues reads before a cue block that comes after the header.
constexpr std::string_view kVttPreamble = "WEBVTT\n\n";

std::size_t LineOfByte(std::string_view text, std::size_t offset, std::size_t first_line) {
  return first_line + static_cast<std::size_t>(std::count(
                          text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out.append(line).push_back('\n');
  return out;
}

}  // namespace

CaptionFollower::CaptionFollower(Format format)
    : format_(format == Format::kTsv ? Format::kText : format), lines_(kMaxBlockBytes) {}

Status CaptionFollower::Feed(std::string_view bytes, std::vector<Segment>& out) {
  if (!fatal_.ok()) return fatal_;
  lines_.Feed(bytes, [this](std::string_view line, std::size_t number, bool too_long) {
    OnLine(line, number, too_long);
  });
  Number(out);
  return fatal_;
}

Status CaptionFollower::Finish(std::vector<Segment>& out) {
  if (!fatal_.ok()) return fatal_;
  lines_.Finish([this](std::string_view line, std::size_t number, bool too_long) {
    OnLine(line, number, too_long);
  });
  if (fatal_.ok()) {
    EndBlock();
    merger_.Flush(done_);
  }
  Number(out);
  return fatal_;
}

std::vector<FollowProblem> CaptionFollower::TakeProblems() {
  return std::exchange(problems_, {});
}

void CaptionFollower::OnLine(std::string_view line, std::size_t number, bool too_long) {
  if (!fatal_.ok()) return;
  if (format_ == Format::kText) {
    if (too_long) {
      Problem(number, "longer than " + std::to_string(kMaxBlockBytes) + " bytes; it is skipped");
    } else {
      OnTextLine(line, number);
    }
    return;
  }
  if (format_ == Format::kVtt && number == 1) {
    // The signature is checked as soon as its line is in: a file that is not WebVTT stops here.
    if (auto header = ParseVttCues(std::string(line) + "\n"); !header.ok()) {
      fatal_ = header.status();
      return;
    }
  }
  // WebVTT ends a block at an empty line only; SRT at any blank one.
  const bool blank = format_ == Format::kVtt ? line.empty() : IsBlank(line);
  if (blank) {
    EndBlock();
    return;
  }
  if (block_.empty() && !block_too_long_) block_first_line_ = number;
  if (too_long || block_too_long_ || block_bytes_ + line.size() + 1 > kMaxBlockBytes) {
    block_too_long_ = true;  // read on to the blank line that ends it, keeping nothing
    block_.clear();
    return;
  }
  block_.emplace_back(line);
  block_bytes_ += line.size() + 1;
}

void CaptionFollower::OnTextLine(std::string_view line, std::size_t number) {
  if (!CheckText(line, number)) return;
  const std::string text(TrimSpace(line));
  if (text.empty()) return;
  Segment segment;
  if (IsStageDirection(text)) {
    segment.kind = SegmentKind::kCue;
    segment.text = text;
  } else if (const auto label = FindSpeakerLabel(text)) {
    // A label names the speaker of the lines that follow it too, as a turn goes on.
    speaker_ = std::string(label->name);
    segment.speaker = speaker_;
    segment.text = std::string(label->text);
  } else {
    segment.speaker = speaker_;
    segment.text = text;
  }
  if (FinishSegment(segment)) done_.push_back(std::move(segment));
}

void CaptionFollower::EndBlock() {
  if (block_too_long_) {
    Problem(block_first_line_, "a cue of more than " + std::to_string(kMaxBlockBytes) +
                                   " bytes without a blank line; it is skipped");
  } else if (!block_.empty() && format_ == Format::kVtt) {
    OnVttBlock(Joined(block_), block_first_line_);
  } else if (!block_.empty()) {
    OnSrtBlock(block_, block_first_line_);
  }
  block_.clear();
  block_bytes_ = 0;
  block_too_long_ = false;
}

// Blank lines always end blocks in WebVTT, and the parser starts each block afresh, so a
// block parsed after the preamble gives the cues the whole file's parse gives for it.
void CaptionFollower::OnVttBlock(const std::string& block, std::size_t first_line) {
  if (!CheckText(block, first_line)) return;
  const std::string input = vtt_header_read_ ? std::string(kVttPreamble) + block : block;
  vtt_header_read_ = true;
  auto cues = ParseVttCues(input);
  if (!cues.ok()) {
    Problem(first_line, cues.status().message());
    return;
  }
  for (const VttCue& cue : *cues) AddCue(cue.text, cue.start_ms, cue.end_ms, first_line);
}

// As the importer reads SRT (srt_importer.cc), but a blank line completes a cue: text after
// it with no timing line of its own is a cue of its own with the last cue's times.
void CaptionFollower::OnSrtBlock(const std::vector<std::string>& lines, std::size_t first_line) {
  std::optional<SrtCue> cue;
  std::size_t cue_line = first_line;
  bool skipping = false;  // the text of a cue whose timing line is malformed
  bool at_block_start = true;
  const auto complete = [&] {
    if (!cue) return;
    last_srt_times_ = {cue->start_ms, cue->end_ms};
    AddCue(cue->text, cue->start_ms, cue->end_ms, cue_line);
    cue.reset();
  };
  if (!CheckText(Joined(lines), first_line)) return;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view trimmed = TrimSpace(lines[i]);
    if (IsAllDigits(trimmed) && i + 1 < lines.size() &&
        IsSrtTimingLine(TrimSpace(lines[i + 1]), true)) {
      at_block_start = true;  // a cue index
      continue;
    }
    if (IsSrtTimingLine(trimmed, at_block_start)) {
      complete();
      auto timing = ParseSrtTimingLine(trimmed, first_line + i);
      skipping = !timing.ok();
      if (skipping) Problem(first_line + i, timing.status().message() + "; the cue is skipped");
      if (!skipping) cue = std::move(timing).value();
      cue_line = first_line + i;
    } else if (!skipping && (cue || last_srt_times_)) {
      if (!cue) cue = SrtCue{last_srt_times_->first, last_srt_times_->second, {}};
      if (!cue->text.empty()) cue->text.push_back('\n');
      cue->text.append(lines[i]);
    }
    at_block_start = false;
  }
  complete();
}

void CaptionFollower::AddCue(std::string_view raw, std::int64_t start_ms, std::int64_t end_ms,
                             std::size_t line) {
  // WebVTT keeps such cues; a live transcript refuses them (import::CheckSegment).
  if (end_ms < start_ms) {
    Problem(line, "the cue ends at " + std::to_string(end_ms) + " ms, before it starts at " +
                      std::to_string(start_ms) + " ms; it is skipped");
    return;
  }
  std::vector<CueSpan> spans;
  AppendCueSpans(raw, format_ == Format::kVtt ? CueDialect::kWebVttCaptions : CueDialect::kSrt,
                 speaker_, spans);
  merger_.AddCue(spans, start_ms, end_ms, done_);
}

// As the importer refuses a file: invalid UTF-8 and NUL (PostgreSQL text cannot hold it).
bool CaptionFollower::CheckText(std::string_view text, std::size_t first_line) {
  if (const auto bad = utf8::FirstInvalidByte(text)) {
    Problem(LineOfByte(text, *bad, first_line), "invalid UTF-8; it is skipped");
    return false;
  }
  if (const auto nul = text.find('\0'); nul != std::string_view::npos) {
    Problem(LineOfByte(text, nul, first_line), "holds a NUL character; it is skipped");
    return false;
  }
  return true;
}

void CaptionFollower::Problem(std::size_t line, const std::string& what) {
  std::string message = what;
  // Messages of the importer's own ("content: line 4: ...") already name their line.
  if (message.starts_with("content: ")) message.erase(0, 9);
  if (!message.starts_with("line ")) message = "line " + std::to_string(line) + ": " + message;
  problems_.push_back(FollowProblem{line, std::move(message)});
}

void CaptionFollower::Number(std::vector<Segment>& out) {
  for (Segment& segment : done_) {
    segment.ordinal = emitted_++;
    out.push_back(std::move(segment));
  }
  done_.clear();
}

}  // namespace factdesk::import
