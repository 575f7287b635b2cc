// One segment's checks (import/assemble.h): what a live feed's segments go through, the
// same as a file's.
#include <string>

#include <gtest/gtest.h>

#include "import/assemble.h"

namespace factdesk::import {
namespace {

Segment Seg(std::string speaker, std::string text) {
  Segment s;
  s.speaker = std::move(speaker);
  s.text = std::move(text);
  return s;
}

TEST(CheckSegment, NamesTheFieldAndTheProblem) {
  EXPECT_TRUE(CheckSegment(Seg("SMITH", "Crime fell.")).ok());
  EXPECT_EQ(CheckSegment(Seg("SMITH", "caf\xC3(")).message(), "text: invalid UTF-8 at byte 3");
  EXPECT_EQ(CheckSegment(Seg("SM\xFFITH", "Crime fell.")).message(),
            "speaker: invalid UTF-8 at byte 2");
  EXPECT_EQ(CheckSegment(Seg("SMITH", std::string("a\0b", 3))).message(),
            "text: holds a NUL character (byte 1)");
  EXPECT_EQ(
      CheckSegment(Seg("SMITH", "0123456789"), Options{.max_bytes = 9, .speaker = {}}).message(),
      "text: is 10 bytes; the limit is 9 bytes");
  Segment late = Seg("SMITH", "Crime fell.");
  late.start_ms = 1000;
  late.end_ms = 900;
  EXPECT_EQ(CheckSegment(late).message(), "end_ms: 900 is before start_ms 1000");
  late.start_ms = -5;
  EXPECT_EQ(CheckSegment(late).message(), "start_ms: must not be negative (got -5)");
  EXPECT_EQ(CheckSegment(late).code(), Code::kInvalidArgument);
}

TEST(FinishSegment, TrimsAndMakesVoicelessStageDirectionsCues) {
  Segment s = Seg("", "  (Applause)\n");
  ASSERT_TRUE(FinishSegment(s));
  EXPECT_EQ(s.text, "(Applause)");
  EXPECT_EQ(s.kind, SegmentKind::kCue);
  Segment spoken = Seg("SMITH", "(laughs)");
  ASSERT_TRUE(FinishSegment(spoken));
  EXPECT_EQ(spoken.kind, SegmentKind::kSpeech);
  Segment blank = Seg("SMITH", " \t\n");
  EXPECT_FALSE(FinishSegment(blank));
}

}  // namespace
}  // namespace factdesk::import
