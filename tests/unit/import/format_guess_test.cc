#include <gtest/gtest.h>

#include "import/importer.h"

namespace factdesk::import {
namespace {

TEST(GuessFormatTest, TheExtensionDecidesIgnoringCase) {
  EXPECT_EQ(GuessFormat("episode.txt", ""), Format::kText);
  EXPECT_EQ(GuessFormat("EPISODE.VTT", ""), Format::kVtt);
  EXPECT_EQ(GuessFormat("/home/me/debate.Srt", ""), Format::kSrt);
  EXPECT_EQ(GuessFormat("C:\\data\\debate.tsv", ""), Format::kTsv);
  // The extension wins over content that looks like another format.
  EXPECT_EQ(GuessFormat("notes.txt", "WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n"), Format::kText);
}

TEST(GuessFormatTest, WithoutAKnownExtensionTheContentDecides) {
  EXPECT_EQ(GuessFormat("upload", "\xEF\xBB\xBFWEBVTT\r\n\r\n00:01.000 --> 00:02.000\nhi\n"),
            Format::kVtt);
  EXPECT_EQ(GuessFormat("captions.v2/file", "1\r\n00:00:01,000 --> 00:00:02,000\r\nHello\r\n"),
            Format::kSrt);
  EXPECT_EQ(GuessFormat("debate.csv", "line\tspeaker\ttext\n1\tHOLT\tHi.\t0\n2\tHOLT\tYes.\n"),
            Format::kTsv);
  EXPECT_EQ(GuessFormat("episode.md", "Eric Pan: So in a very short time.\n"), Format::kText);
  EXPECT_EQ(GuessFormat("", "WEBVTTX\n"), Format::kText);
  EXPECT_EQ(GuessFormat("", ""), Format::kText);
}

}  // namespace
}  // namespace factdesk::import
