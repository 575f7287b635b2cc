#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "import/importer.h"
#include "shared_fixture.h"

namespace factdesk::import {
namespace {

struct Debate {
  std::string file;
  std::size_t segments;  // speaker turns plus audience reactions
  std::size_t cues;      // SYSTEM lines
  std::vector<std::string> speakers;
  std::string first_turn_start;
};

// Counts checked against the files: consecutive lines of one speaker form a turn, and a
// SYSTEM line ends the turn it interrupts.
const Debate kDebates[] = {
    {"clef2018-task1-english-1st-Presidential.tsv",
     343,
     26,
     {"HOLT", "CLINTON", "TRUMP"},
     "Good evening from Hofstra University in Hempstead, New York. I'm Lester Holt, anchor of "
     "\"NBC Nightly News.\" I want to welcome you"},
    {"clef2018-task1-english-2nd-Presidential.tsv",
     309,
     14,
     {"RADDATZ", "COOPER", "QUESTION", "CLINTON", "TRUMP"},
     "Ladies and gentlemen the Republican nominee for president, Donald J. Trump,"},
    {"clef2018-task1-english-Vice-Presidential.tsv",
     543,
     35,
     {"QUIJANO", "KAINE", "PENCE"},
     "Good evening. From Longwood University in Farmville, Virginia,"},
};

class DebateTest : public ::testing::TestWithParam<Debate> {};

TEST_P(DebateTest, MergesTurnsAndKeepsReactionsAsCues) {
  const Debate& debate = GetParam();
  const std::string bytes = testing::ReadShared("data/debates/" + debate.file);
  ASSERT_FALSE(bytes.empty()) << debate.file;
  const auto parsed = Parse(bytes, GuessFormat(debate.file, bytes));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const Transcript& t = *parsed;
  EXPECT_EQ(t.format, Format::kTsv);
  EXPECT_EQ(t.segments.size(), debate.segments);
  EXPECT_EQ(t.speakers, debate.speakers);
  EXPECT_TRUE(t.segments.front().text.starts_with(debate.first_turn_start))
      << t.segments.front().text.substr(0, 200);
  std::size_t cues = 0;
  for (std::size_t i = 0; i < t.segments.size(); ++i) {
    const Segment& s = t.segments[i];
    EXPECT_EQ(s.ordinal, static_cast<int>(i));
    if (s.kind == SegmentKind::kCue) {
      ++cues;
      EXPECT_EQ(s.speaker, "");
      EXPECT_TRUE(s.text == "(APPLAUSE)" || s.text == "(LAUGHTER)" || s.text == "(CROSSTALK)")
          << s.text;
    } else {
      EXPECT_EQ(s.kind, SegmentKind::kSpeech);
      EXPECT_NE(s.speaker, "SYSTEM");
      // Two speech segments in a row are always two different speakers.
      if (i > 0 && t.segments[i - 1].kind == SegmentKind::kSpeech) {
        EXPECT_NE(s.speaker, t.segments[i - 1].speaker) << i;
      }
    }
    EXPECT_FALSE(s.start_ms.has_value());
  }
  EXPECT_EQ(cues, debate.cues);
}

INSTANTIATE_TEST_SUITE_P(Clef2018, DebateTest, ::testing::ValuesIn(kDebates),
                         [](const ::testing::TestParamInfo<Debate>& info) {
                           const std::string& file = info.param.file;
                           const std::size_t from = file.find("english-") + 8;
                           std::string name = file.substr(from, file.find('.') - from);
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(TsvImporterTest, ReactionsSplitATurnAndAHeaderIsSkipped) {
  const auto parsed = ParseTsv(
      "line\tspeaker\ttext\tlabel\n"
      "1\tHOLT\tGood evening.\t0\n"
      "2\tHOLT\tWelcome.\t0\n"
      "3\tSYSTEM\t(APPLAUSE)\t0\n"
      "4\tHOLT\tLet us begin.\n"
      "5\tTRUMP\t  Thank you.  \t1\r\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->segments.size(), 4U);
  EXPECT_EQ(parsed->segments[0].text, "Good evening. Welcome.");
  EXPECT_EQ(parsed->segments[1].kind, SegmentKind::kCue);
  EXPECT_EQ(parsed->segments[1].text, "(APPLAUSE)");
  EXPECT_EQ(parsed->segments[2].speaker, "HOLT");
  EXPECT_EQ(parsed->segments[3].text, "Thank you.");
  EXPECT_EQ(parsed->speakers, (std::vector<std::string>{"HOLT", "TRUMP"}));
}

TEST(TsvImporterTest, ALineWithTooFewFieldsNamesTheLine) {
  EXPECT_EQ(Parse("1\tHOLT\tGood evening.\n2\tHOLT\n", Format::kTsv).status(),
            Status(Code::kInvalidArgument,
                   "content: line 2: expected line<TAB>speaker<TAB>text, found 2 fields"));
  EXPECT_EQ(Parse("1\tHOLT\tGood evening.\n\nno tabs here\n", Format::kTsv).status().message(),
            "content: line 3: expected line<TAB>speaker<TAB>text, found 1 field");
}

TEST(TsvImporterTest, LinesAfterTheFirstMustBeNumberedAndHaveASpeaker) {
  EXPECT_EQ(Parse("1\tHOLT\tHi.\nx\tHOLT\tHi.\n", Format::kTsv).status().message(),
            "content: line 2: the line number 'x' is not a number");
  EXPECT_EQ(Parse("1\tHOLT\tHi.\n2\t \tHi.\n", Format::kTsv).status().message(),
            "content: line 2: the speaker is empty");
}

}  // namespace
}  // namespace factdesk::import
