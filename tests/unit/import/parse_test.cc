#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "common/utf8.h"
#include "import/importer.h"

namespace factdesk::import {
namespace {

constexpr Format kFormats[] = {Format::kText, Format::kVtt, Format::kSrt, Format::kTsv};

TEST(ParseTest, RefusesInputOverTheSizeLimit) {
  const std::string big(17825793, 'a');
  EXPECT_EQ(Parse(big, Format::kText).status(),
            Status(Code::kInvalidArgument,
                   "content: transcript is 17825793 bytes; the limit is 16777216 bytes"));
  EXPECT_EQ(
      Parse("0123456789", Format::kText, Options{.max_bytes = 9, .speaker = {}}).status().message(),
      "content: transcript is 10 bytes; the limit is 9 bytes");
  EXPECT_TRUE(Parse("0123456789", Format::kText, Options{.max_bytes = 10, .speaker = {}}).ok());
}

TEST(ParseTest, RefusesInvalidUtf8NamingTheByte) {
  const std::string bytes = std::string(1234, 'a') + "\xC0\xAF rest";  // an overlong '/'
  for (const Format format : kFormats) {
    EXPECT_EQ(Parse(bytes, format).status(),
              Status(Code::kInvalidArgument, "content: invalid UTF-8 at byte 1234"))
        << FormatName(format);
  }
}

// PostgreSQL text cannot hold NUL: refused before any SQL, naming the line (17.10).
TEST(ParseTest, RefusesANulNamingTheLine) {
  const std::string bytes = std::string("A: one\nB: two\nA: th") + '\0' + "ree\n";
  for (const Format format : kFormats) {
    EXPECT_EQ(Parse(bytes, format).status(),
              Status(Code::kInvalidArgument, "content: line 3 holds a NUL character (byte 19)"))
        << FormatName(format);
  }
}

TEST(ParseTest, RefusesEmptyAndBlankInput) {
  for (const Format format : kFormats) {
    for (const std::string_view bytes : {"", " \n\t\r\n", "\xEF\xBB\xBF\xC2\xA0\n"}) {
      EXPECT_EQ(Parse(bytes, format).status(),
                Status(Code::kInvalidArgument, "content: no segments found"))
          << FormatName(format);
    }
  }
}

TEST(ParseTest, NamesFormatsAndKinds) {
  for (const Format format : kFormats) {
    EXPECT_EQ(ParseFormatName(FormatName(format)), format);
  }
  EXPECT_EQ(FormatName(Format::kText), "text");
  EXPECT_EQ(FormatName(Format::kVtt), "vtt");
  EXPECT_EQ(FormatName(Format::kSrt), "srt");
  EXPECT_EQ(FormatName(Format::kTsv), "tsv");
  EXPECT_EQ(ParseFormatName("docx"), std::nullopt);
  EXPECT_EQ(ParseFormatName(""), std::nullopt);
  EXPECT_EQ(SegmentKindName(SegmentKind::kSpeech), "speech");
  EXPECT_EQ(SegmentKindName(SegmentKind::kCue), "cue");
  EXPECT_EQ(SegmentKindName(SegmentKind::kCaption), "caption");
}

// 100,000 segments per format must import in well under a second in a release build; the
// bound here is loose (sanitizers, a busy machine) but catches quadratic work.
class LargeInputTest : public ::testing::TestWithParam<Format> {};

std::string LargeInput(Format format, int segments) {
  std::string out = format == Format::kVtt ? "WEBVTT\n\n" : "";
  for (int i = 0; i < segments; ++i) {
    const std::string n = std::to_string(i);
    const std::string speaker = i % 2 == 0 ? "Alice Smith" : "Bob Jones";
    switch (format) {
      case Format::kText:
        out += speaker + ": Sentence number " + n + ".\n\n";
        break;
      case Format::kVtt:
        out += "00:00:01.000 --> 00:00:02.000\n<v " + speaker + ">Sentence " + n + "\n\n";
        break;
      case Format::kSrt:
        out += n + "\n00:00:01,000 --> 00:00:02,000\n<i>Sentence " + n + "</i>\n\n";
        break;
      case Format::kTsv:
        out += n + "\t" + speaker + "\tSentence " + n + ".\t0\n";
        break;
    }
  }
  return out;
}

TEST_P(LargeInputTest, ImportsAHundredThousandSegmentsQuickly) {
  constexpr int kSegments = 100'000;
  const std::string bytes = LargeInput(GetParam(), kSegments);
  const auto start = std::chrono::steady_clock::now();
  const auto parsed = Parse(bytes, GetParam());
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->segments.size(), static_cast<std::size_t>(kSegments));
  EXPECT_EQ(parsed->segments.back().ordinal, kSegments - 1);
  EXPECT_LT(elapsed, std::chrono::seconds(20));
}

INSTANTIATE_TEST_SUITE_P(AllFormats, LargeInputTest, ::testing::ValuesIn(kFormats),
                         [](const ::testing::TestParamInfo<Format>& info) {
                           return std::string(FormatName(info.param));
                         });

}  // namespace
}  // namespace factdesk::import
