// WebVTT (https://www.w3.org/TR/webvtt1/) of a transcript with its fact-checks: every
// timed segment is a cue with a <v Speaker> voice tag, and every PUBLISHED claim in a
// timed segment (only published checks are public) adds a cue over the same span, shown
// at the top of the picture (line:0) so it does not cover the caption; a corrected one
// says so:
//
//   claim-42
//   00:01:02.000 --> 00:01:05.500 line:0
//   FACT CHECK: False (corrected) — Crime doubled last year.
//
// Untimed transcripts: cues need times, so Begin refuses text and tab-separated
// transcripts with FAILED_PRECONDITION before writing anything. A stray untimed segment
// in a timed transcript is left out and counted in a closing NOTE.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "export/formats.h"
#include "export/formatting.h"

namespace factdesk::exporting {
namespace {

// Cue text: & < > escaped (so "-->" cannot occur), and on one line, since a blank line
// would end the cue.
void AppendCueText(std::string& out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '\r':
      case '\n':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
}

// NOTE text takes no escapes: it must only avoid "-->" and line breaks.
std::string NoteText(std::string_view text) {
  std::string out;
  for (const char c : text) out += (c == '\r' || c == '\n') ? ' ' : c;
  for (std::size_t at = out.find("-->"); at != std::string::npos; at = out.find("-->", at)) {
    out.replace(at, 3, "- ->");
  }
  return out;
}

class VttExporter final : public TranscriptExporter {
 public:
  std::string_view content_type() const override { return "text/vtt; charset=utf-8"; }
  std::string file_extension() const override { return "vtt"; }

  Status Begin(const ExportContext& context, const v1::Transcript& transcript,
               const Sink& sink) override {
    if (transcript.format() == v1::TRANSCRIPT_FORMAT_TEXT ||
        transcript.format() == v1::TRANSCRIPT_FORMAT_TSV) {
      return Status::FailedPrecondition("transcript has no timings; VTT needs them");
    }
    std::string out = "WEBVTT\n\nNOTE\n";
    out += NoteText(transcript.title().empty() ? "Transcript" : transcript.title());
    out += "\nFact-checks";
    const v1::Publisher& publisher = context.workspace.publisher();
    const std::string& by = publisher.name().empty() ? context.workspace.name() : publisher.name();
    if (!by.empty()) out += " by " + NoteText(by);
    if (!context.generated_at_iso.empty())
      out += ", exported " + NoteText(context.generated_at_iso);
    out += "\n\n";
    sink(out);
    return Status::Ok();
  }

  void AddSegment(const v1::Segment& segment, std::span<const ClaimRecord> claims,
                  const Sink& sink) override {
    if (!segment.has_start_ms() || !segment.has_end_ms()) {
      ++untimed_;
      return;
    }
    // A cue's end may not precede its start.
    const std::int64_t start = std::max<std::int64_t>(segment.start_ms(), 0);
    const std::int64_t end = std::max(segment.end_ms(), start);
    const std::string timing = ClockTime(start) + " --> " + ClockTime(end);

    std::string out = fmt::format("segment-{}\n{}\n", segment.ordinal(), timing);
    if (!segment.speaker().empty()) {
      out += "<v ";
      AppendCueText(out, segment.speaker());
      out += '>';
    }
    AppendCueText(out, segment.text());
    out += "\n\n";

    std::vector<const ClaimRecord*> checked;
    for (const ClaimRecord& record : claims) {
      if (IsPublished(record.claim) && CheckedVerdict(record.claim) != nullptr) {
        checked.push_back(&record);
      }
    }
    std::stable_sort(checked.begin(), checked.end(),
                     [](const ClaimRecord* a, const ClaimRecord* b) {
                       return a->claim.start_byte() < b->claim.start_byte();
                     });
    for (const ClaimRecord* record : checked) {
      const v1::Claim& claim = record->claim;
      out += fmt::format("claim-{}\n{} line:0\nFACT CHECK: ", claim.id(), timing);
      AppendCueText(out, CheckedVerdict(claim)->label());
      if (!record->corrections.empty()) out += " (corrected)";
      out += " — ";
      AppendCueText(out, claim.summary().empty() ? claim.quote() : claim.summary());
      out += "\n\n";
    }
    sink(out);
  }

  void End(const Sink& sink) override {
    if (untimed_ > 0) {
      sink(fmt::format("NOTE\n{} segment{} without timings left out.\n\n", untimed_,
                       untimed_ == 1 ? "" : "s"));
    }
  }

 private:
  std::int64_t untimed_ = 0;
};

}  // namespace

std::unique_ptr<TranscriptExporter> NewVttExporter() {
  return std::make_unique<VttExporter>();
}

}  // namespace factdesk::exporting
