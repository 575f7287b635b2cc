#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "import/importer.h"
#include "import/vtt_cues.h"
#include "tests/unit/export/scenario.h"

namespace factdesk::exporting {
namespace {

using testing::Capture;
using testing::ExportTranscript;
using testing::MakeScenario;
using testing::Scenario;

std::string Vtt(const Scenario& s) {
  return ExportTranscript(v1::EXPORT_FORMAT_VTT, s);
}

TEST(VttTest, HeaderAndCues) {
  const std::string vtt = Vtt(MakeScenario());
  EXPECT_TRUE(vtt.starts_with(
      "WEBVTT\n\nNOTE\nTown hall <live> & \"more\"\nFact-checks by The Daily Check, exported "
      "2024-03-09T08:00:00Z\n\n"));
  EXPECT_NE(vtt.find("segment-0\n00:00:00.000 --> 00:00:04.000\n<v Ana Moreno>Good evening. "
                     "Unemployment fell to 3.9% last year, the lowest in decades.\n\n"
                     "claim-101\n00:00:00.000 --> 00:00:04.000 line:0\nFACT CHECK: Mostly true — "
                     "Unemployment fell to 3.9% last year\n\nsegment-1\n"),
            std::string::npos);
  EXPECT_NE(vtt.find("segment-1\n00:00:04.000 --> 00:00:05.000\n(APPLAUSE)\n\n"),
            std::string::npos);
  // RESOLVED is internal: no public cue for 102 or 106 until an editor publishes them.
  EXPECT_EQ(vtt.find("claim-102"), std::string::npos);
  EXPECT_EQ(vtt.find("claim-106"), std::string::npos);
  EXPECT_EQ(vtt.find("Exports grew by 20 percent"), std::string::npos);
  // Markup in the text is escaped; a summary's line break does not end the cue.
  EXPECT_NE(vtt.find("<v Ana Moreno>He said \"&lt;script&gt;alert(1)&lt;/script&gt;\" was fine "
                     "&amp; crime doubled since 2020.\n\n"),
            std::string::npos);
  // 105 was corrected, and its cue says so.
  EXPECT_NE(vtt.find("claim-105\n00:00:09.500 --> 00:00:15.250 line:0\nFACT CHECK: Unverifiable "
                     "(corrected) — Crime doubled, \"per police\" since 2020\n\n"),
            std::string::npos);
  EXPECT_NE(vtt.find("FACT CHECK: Mostly true — Unemployment"), std::string::npos);
  EXPECT_NE(vtt.find("segment-4\n00:00:15.250 --> 01:02:03.004\n"), std::string::npos);
  // Only published claims get a cue.
  for (const char* unchecked : {"claim-103", "claim-104", "claim-107"}) {
    EXPECT_EQ(vtt.find(unchecked), std::string::npos) << unchecked;
  }
  EXPECT_TRUE(vtt.ends_with("\n\n"));
}

TEST(VttTest, RoundTripsThroughTheImporter) {
  const Scenario s = MakeScenario();
  const std::string vtt = Vtt(s);
  const auto parsed = import::Parse(vtt, import::Format::kVtt);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();

  struct Expected {
    std::string speaker;
    std::int64_t start_ms;
    std::int64_t end_ms;
    std::string text;
  };
  std::vector<Expected> expected;
  for (const v1::Segment& segment : s.segments) {
    expected.push_back({segment.speaker(), segment.start_ms(), segment.end_ms(), segment.text()});
    for (const ClaimRecord& record : s.ClaimsOf(segment.ordinal())) {
      const v1::Claim& c = record.claim;
      if (c.status() != v1::CLAIM_STATUS_PUBLISHED) continue;
      std::string summary = c.summary();
      std::replace(summary.begin(), summary.end(), '\n', ' ');
      const std::string corrected = record.corrections.empty() ? "" : " (corrected)";
      expected.push_back(
          {"", segment.start_ms(), segment.end_ms(),
           "FACT CHECK: " + c.final_verdict().label() + corrected + " — " + summary});
    }
  }
  const std::vector<import::Segment>& segments = parsed->segments;
  ASSERT_EQ(segments.size(), expected.size());
  for (std::size_t i = 0; i < segments.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(segments[i].speaker, expected[i].speaker);
    EXPECT_EQ(segments[i].start_ms, expected[i].start_ms);
    EXPECT_EQ(segments[i].end_ms, expected[i].end_ms);
    EXPECT_EQ(segments[i].text, expected[i].text);
  }
  EXPECT_EQ(parsed->speakers, (std::vector<std::string>{"Ana Moreno", "Li Wei"}));

  // Cue identifiers name what each cue is.
  const auto cues = import::ParseVttCues(vtt);
  ASSERT_TRUE(cues.ok());
  std::vector<std::string> ids;
  for (const import::VttCue& cue : *cues) ids.push_back(cue.identifier);
  EXPECT_EQ(ids, (std::vector<std::string>{"segment-0", "claim-101", "segment-1", "segment-2",
                                           "segment-3", "claim-105", "segment-4"}));
}

TEST(VttTest, SpeakerNamesAreEscapedInVoiceTags) {
  Scenario s = MakeScenario();
  s.segments[0].set_speaker("A<B> & C");
  s.claims.clear();
  const std::string vtt = Vtt(s);
  EXPECT_NE(vtt.find("<v A&lt;B&gt; &amp; C>Good evening."), std::string::npos);
  const auto parsed = import::Parse(vtt, import::Format::kVtt);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->segments[0].speaker, "A<B> & C");
}

TEST(VttTest, UntimedTranscriptsAreRefusedBeforeAnyByte) {
  for (const v1::TranscriptFormat format :
       {v1::TRANSCRIPT_FORMAT_TEXT, v1::TRANSCRIPT_FORMAT_TSV}) {
    Scenario s = MakeScenario();
    s.transcript.set_format(format);
    auto exporter = MakeTranscriptExporter(v1::EXPORT_FORMAT_VTT);
    ASSERT_TRUE(exporter.ok());
    Capture out;
    const Status status = (*exporter)->Begin(s.context, s.transcript, out.sink());
    EXPECT_EQ(status.code(), Code::kFailedPrecondition);
    EXPECT_EQ(status.message(), "transcript has no timings; VTT needs them");
    EXPECT_TRUE(out.writes.empty());
  }
}

TEST(VttTest, StrayUntimedSegmentIsLeftOutAndNoted) {
  Scenario s = MakeScenario();
  s.segments[1].clear_start_ms();
  s.segments[1].clear_end_ms();
  const std::string vtt = Vtt(s);
  EXPECT_EQ(vtt.find("(APPLAUSE)"), std::string::npos);
  EXPECT_TRUE(vtt.ends_with("NOTE\n1 segment without timings left out.\n\n"));
  const auto parsed = import::Parse(vtt, import::Format::kVtt);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->segments.size(), 6U);  // four timed segments, two published checks
}

TEST(VttTest, NoteNeverContainsACueArrow) {
  Scenario s = MakeScenario();
  s.transcript.set_title("Before --> after\nsecond line");
  const std::string vtt = Vtt(s);
  EXPECT_TRUE(vtt.starts_with("WEBVTT\n\nNOTE\nBefore - -> after second line\n"));
  const auto cues = import::ParseVttCues(vtt);
  ASSERT_TRUE(cues.ok());
  EXPECT_EQ(cues->front().identifier, "segment-0");
}

}  // namespace
}  // namespace factdesk::exporting
