#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "import/importer.h"

namespace factdesk::import {
namespace {

Transcript ParseSrtOk(std::string_view bytes) {
  auto parsed = Parse(bytes, Format::kSrt);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? std::move(parsed).value() : Transcript{};
}

std::vector<std::string> Texts(const Transcript& t) {
  std::vector<std::string> texts;
  for (const Segment& s : t.segments) texts.push_back(s.text);
  return texts;
}

std::vector<std::string> Speakers(const Transcript& t) {
  std::vector<std::string> speakers;
  for (const Segment& s : t.segments) speakers.push_back(s.speaker);
  return speakers;
}

TEST(SrtImporterTest, ReadsNumberedCuesWithBomAndCrlf) {
  const Transcript t = ParseSrtOk(
      "\xEF\xBB\xBF"
      "1\r\n00:00:01,000 --> 00:00:04,250\r\nGood evening\r\nfrom Hofstra.\r\n\r\n"
      "2\r\n01:02:03,004 --> 01:02:05,000\r\nSecond cue.\r\n");
  EXPECT_EQ(t.format, Format::kSrt);
  EXPECT_EQ(Texts(t), (std::vector<std::string>{"Good evening from Hofstra.", "Second cue."}));
  ASSERT_EQ(t.segments.size(), 2U);
  EXPECT_EQ(t.segments[0].start_ms, 1000);
  EXPECT_EQ(t.segments[0].end_ms, 4250);
  EXPECT_EQ(t.segments[1].start_ms, 3723004);
  EXPECT_EQ(t.segments[1].end_ms, 3725000);
  EXPECT_TRUE(t.speakers.empty());
}

TEST(SrtImporterTest, ToleratesMissingIndicesBlankLinesAndDots) {
  const Transcript t = ParseSrtOk(
      "00:00:01.000 --> 00:00:02.000\nNo index.\n"
      "2\n00:00:02,000 --> 00:00:03,000 X1:10 X2:20 Y1:5 Y2:9\nNo blank line before.\n\n\n"
      "still the second cue\n\n"
      "3\n00:00:03,500 --> 00:00:04,000\n42\n");
  EXPECT_EQ(Texts(t), (std::vector<std::string>{"No index.",
                                                "No blank line before. still the "
                                                "second cue",
                                                "42"}));
  ASSERT_EQ(t.segments.size(), 3U);
  EXPECT_EQ(t.segments[1].start_ms, 2000);
  EXPECT_EQ(t.segments[2].end_ms, 4000);
}

TEST(SrtImporterTest, AMalformedTimestampNamesTheLine) {
  const auto parsed = Parse(
      "1\n00:00:00,000 --> 00:00:01,000\nFirst\nline.\n\n"
      "2\n00:00:0x,000 --> 00:00:02,000\nBroken.\n",  // the timing is line 7
      Format::kSrt);
  EXPECT_EQ(parsed.status(),
            Status(Code::kInvalidArgument, "content: line 7: malformed timestamp '00:00:0x,000'"));
}

TEST(SrtImporterTest, RefusesTimestampsOutOfRangeOrWithoutMilliseconds) {
  EXPECT_EQ(Parse("1\n00:61:00,000 --> 00:62:00,000\nx\n", Format::kSrt).status().message(),
            "content: line 2: malformed timestamp '00:61:00,000'");
  EXPECT_EQ(Parse("1\n00:00:01,000 --> 00:00:02\nx\n", Format::kSrt).status().message(),
            "content: line 2: malformed timestamp '00:00:02'");
}

TEST(SrtImporterTest, StripsFormattingTags) {
  const Transcript t = ParseSrtOk(
      "1\n00:00:01,000 --> 00:00:02,000\n"
      "{\\an8}<i>Italic</i> and <b>bold</b>\n<font color=\"#ffff00\">yellow</font> &amp; 2 < 3\n");
  EXPECT_EQ(Texts(t), (std::vector<std::string>{"Italic and bold yellow & 2 < 3"}));
}

TEST(SrtImporterTest, UpperCaseCaptionLabelsNameSpeakersUntilTheNextLabel) {
  const Transcript t = ParseSrtOk(
      "1\n00:00:01,000 --> 00:00:02,000\nHOLT: Good evening\nfrom Hofstra.\n\n"
      "2\n00:00:02,000 --> 00:00:03,000\nI'm Lester Holt.\n\n"
      "3\n00:00:03,000 --> 00:00:04,000\n- CLINTON: Thank you.\n- TRUMP: Thank you, Lester.\n\n"
      "4\n00:00:04,000 --> 00:00:05,000\n>> Who said that?\n\n"
      "5\n00:00:05,000 --> 00:00:06,000\n<i>O'BRIEN:</i> Note: it is 10:30.\n");
  EXPECT_EQ(Texts(t), (std::vector<std::string>{"Good evening from Hofstra.", "I'm Lester Holt.",
                                                "Thank you.", "Thank you, Lester.",
                                                ">> Who said that?", "Note: it is 10:30."}));
  EXPECT_EQ(Speakers(t),
            (std::vector<std::string>{"HOLT", "HOLT", "CLINTON", "TRUMP", "", "O'BRIEN"}));
  EXPECT_EQ(t.speakers, (std::vector<std::string>{"HOLT", "CLINTON", "TRUMP", "O'BRIEN"}));
  EXPECT_EQ(t.segments[3].start_ms, 3000);  // both halves of cue 3 keep its times
}

TEST(SrtImporterTest, MixedCaseAndNotesAreNotLabels) {
  const Transcript t = ParseSrtOk(
      "1\n00:00:01,000 --> 00:00:02,000\nHolt: not a caption label\n\n"
      "2\n00:00:02,000 --> 00:00:03,000\nNOTE: neither is this\n\n"
      "3\n00:00:03,000 --> 00:00:04,000\nThe score was 3: 1\n");
  EXPECT_EQ(Speakers(t), (std::vector<std::string>{"", "", ""}));
  EXPECT_EQ(t.segments[1].text, "NOTE: neither is this");
}

TEST(SrtImporterTest, TextWithoutCuesHasNoSegments) {
  EXPECT_EQ(Parse("just some words\n", Format::kSrt).status(),
            Status(Code::kInvalidArgument, "content: no segments found"));
}

}  // namespace
}  // namespace factdesk::import
