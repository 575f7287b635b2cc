#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "import/cue_merger.h"
#include "import/stream_lines.h"
#include "import/transcript.h"

// Follows a transcript while another program writes it: bytes in as they arrive, complete
// segments out.
namespace factdesk::import {

// Something in the stream that was skipped; the stream goes on after it.
struct FollowProblem {
  std::size_t line = 0;  // where it is, numbered from 1
  std::string message;   // "line 12: malformed timestamp '00:00:0x,000'; the cue is skipped"

  friend bool operator==(const FollowProblem&, const FollowProblem&) = default;
};

// WebVTT (as caption tools write it: voice tags, "NAME:" labels, ">>" and "- " turn marks),
// SRT, or plain "Name: text" lines. A cue is complete when the blank line after it arrives,
// a text line when its line break does; partial lines wait. Roll-up captions are merged
// (CueMerger). The segments depend only on the bytes, never on how they were chunked, and
// the segments of a prefix of a stream are the first segments of the whole stream: a feed
// that restarts parses its file again and skips what the server already has.
//
// Cues the importer would refuse the whole file for (a malformed timestamp, invalid UTF-8,
// a NUL), and cues a live transcript refuses (ending before they start), are skipped and
// reported as problems; a file that is not WebVTT at all stops the
// follower (the status of Feed).
class CaptionFollower {
 public:
  static constexpr std::size_t kMaxBlockBytes = std::size_t{1} << 20U;

  // kVtt, kSrt or kText (kTsv is followed as text).
  explicit CaptionFollower(Format format);

  // Feeds the next bytes; appends the segments they complete to `out`, numbered on from the
  // last one emitted. INVALID_ARGUMENT when the stream cannot be followed (not WebVTT).
  Status Feed(std::string_view bytes, std::vector<Segment>& out);
  // The stream ended: the last line, the last cue and a held roll-up segment complete.
  Status Finish(std::vector<Segment>& out);

  // The problems found since the last call.
  std::vector<FollowProblem> TakeProblems();
  // Segments emitted so far.
  int emitted() const { return emitted_; }

 private:
  void OnLine(std::string_view line, std::size_t number, bool too_long);
  void OnTextLine(std::string_view line, std::size_t number);
  void EndBlock();
  void OnVttBlock(const std::string& block, std::size_t first_line);
  void OnSrtBlock(const std::vector<std::string>& lines, std::size_t first_line);
  void AddCue(std::string_view raw, std::int64_t start_ms, std::int64_t end_ms, std::size_t line);
  bool CheckText(std::string_view text, std::size_t first_line);
  void Problem(std::size_t line, const std::string& what);
  void Number(std::vector<Segment>& out);

  Format format_;
  StreamLines lines_;
  CueMerger merger_;
  Status fatal_;
  std::vector<Segment> done_;  // completed by the current Feed, not yet numbered
  std::vector<FollowProblem> problems_;
  int emitted_ = 0;
  // The cue block being read.
  std::vector<std::string> block_;
  std::size_t block_first_line_ = 0;
  std::size_t block_bytes_ = 0;
  bool block_too_long_ = false;
  bool vtt_header_read_ = false;
  // Caption labels name a speaker until the next label or turn mark; text lines likewise.
  std::string speaker_;
  // SRT text after a blank line with no timing of its own keeps the last cue's times.
  std::optional<std::pair<std::int64_t, std::int64_t>> last_srt_times_;
};

}  // namespace factdesk::import
