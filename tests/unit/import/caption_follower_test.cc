#include "import/caption_follower.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "import/assemble.h"
#include "import/importer.h"
#include "shared_fixture.h"

namespace factdesk::import {
namespace {

using namespace std::string_literals;

struct Followed {
  std::vector<Segment> segments;
  std::vector<FollowProblem> problems;
  Status status;
};

// Feeds `bytes` in chunks of `chunk` bytes (0: all at once), then ends the stream.
Followed Follow(std::string_view bytes, Format format, std::size_t chunk = 0, bool finish = true) {
  CaptionFollower follower(format);
  Followed out;
  const std::size_t step = chunk == 0 ? std::max<std::size_t>(bytes.size(), 1) : chunk;
  for (std::size_t pos = 0; pos < bytes.size() && out.status.ok(); pos += step) {
    out.status = follower.Feed(bytes.substr(pos, step), out.segments);
  }
  if (finish && out.status.ok()) out.status = follower.Finish(out.segments);
  out.problems = follower.TakeProblems();
  return out;
}

std::string ReadData(std::string_view name) {
  std::ifstream in(std::filesystem::path(FACTDESK_SOURCE_DIR) / "tests/data/live" / name,
                   std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> Texts(const std::vector<Segment>& segments) {
  std::vector<std::string> texts;
  for (const Segment& s : segments) texts.push_back(s.speaker + "|" + s.text);
  return texts;
}

std::string WithCrlf(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '\n') out.push_back('\r');
    out.push_back(c);
  }
  return out;
}

TEST(CaptionFollowerTest, RollUpCuesAreMergedIntoTheSpeechOnce) {
  const Followed f = Follow(
      "WEBVTT\n\n"
      "00:00:01.000 --> 00:00:02.000\nwe will cut taxes\n\n"
      "00:00:02.000 --> 00:00:03.000\nwe will cut taxes for every\n\n"
      "00:00:03.000 --> 00:00:04.000\nfor every family\n\n",
      Format::kVtt);
  ASSERT_TRUE(f.status.ok()) << f.status.ToString();
  ASSERT_EQ(f.segments.size(), 1U);
  EXPECT_EQ(f.segments[0].text, "we will cut taxes for every family");
  EXPECT_EQ(f.segments[0].start_ms, 1000);
  EXPECT_EQ(f.segments[0].end_ms, 4000);
  EXPECT_EQ(f.segments[0].ordinal, 0);
  EXPECT_TRUE(f.problems.empty());
}

TEST(CaptionFollowerTest, ARollUpFileWithSpeakerChangesReadsAsTheDebate) {
  const Followed f = Follow(ReadData("roll-up.vtt"), Format::kVtt);
  ASSERT_TRUE(f.status.ok()) << f.status.ToString();
  EXPECT_EQ(Texts(f.segments),
            (std::vector<std::string>{"HOLT|GOOD EVENING FROM HOFSTRA UNIVERSITY.",
                                      "HOLT|I'M LESTER HOLT OF NBC NEWS, AND I WELCOME YOU.",
                                      "CLINTON|WE WILL CUT TAXES FOR EVERY FAMILY IN THIS COUNTRY.",
                                      "TRUMP|WRONG."}));
  EXPECT_EQ(f.segments[2].start_ms, 8000);
  EXPECT_EQ(f.segments[2].end_ms, 12500);
}

TEST(CaptionFollowerTest, PaintOnCuesGrowWordByWord) {
  const Followed f = Follow(ReadData("paint-on.vtt"), Format::kVtt);
  ASSERT_TRUE(f.status.ok()) << f.status.ToString();
  EXPECT_EQ(Texts(f.segments), (std::vector<std::string>{"Lester Holt|The first segment is jobs.",
                                                         "Hillary Clinton|Thank you, Lester."}));
}

TEST(CaptionFollowerTest, PopOnSrtKeepsEveryCueAndRepeatsAnIdenticalOne) {
  const Followed f = Follow(ReadData("pop-on.srt"), Format::kSrt);
  ASSERT_TRUE(f.status.ok()) << f.status.ToString();
  EXPECT_EQ(Texts(f.segments),
            (std::vector<std::string>{
                "HOLT|Good evening from Hofstra University.", "HOLT|Our first segment is jobs.",
                "CLINTON|Thank you, Lester.", "CLINTON|Thank you, Lester.", "CLINTON|(APPLAUSE)",
                "TRUMP|Crime is up by eighteen percent"}));
  EXPECT_EQ(f.segments[5].ordinal, 5);
}

TEST(CaptionFollowerTest, TextLinesNameTheirSpeakerAndCarryItOn) {
  const Followed f = Follow(ReadData("speech.txt"), Format::kText);
  ASSERT_TRUE(f.status.ok()) << f.status.ToString();
  EXPECT_EQ(Texts(f.segments),
            (std::vector<std::string>{"Lester Holt|Good evening from Hofstra University.",
                                      "Lester Holt|Our first segment is jobs.",
                                      "Hillary Clinton|Thank you, Lester.", "|(Applause)",
                                      "Donald Trump|Crime is up."}));
  EXPECT_EQ(f.segments[3].kind, SegmentKind::kCue);
}

TEST(CaptionFollowerTest, AByteAtATimeGivesWhatTheWholeFileGives) {
  for (const auto& [name, format] :
       {std::pair{"roll-up.vtt", Format::kVtt}, std::pair{"paint-on.vtt", Format::kVtt},
        std::pair{"pop-on.srt", Format::kSrt}, std::pair{"speech.txt", Format::kText}}) {
    const std::string bytes = ReadData(name);
    ASSERT_FALSE(bytes.empty()) << name;
    const Followed whole = Follow(bytes, format);
    EXPECT_EQ(Follow(bytes, format, 1).segments, whole.segments) << name;
    EXPECT_EQ(Follow(bytes, format, 7).segments, whole.segments) << name;
    // CRLF line ends, split between reads at every other byte, change nothing either.
    EXPECT_EQ(Follow(WithCrlf(bytes), format, 1).segments, whole.segments) << name;
    EXPECT_EQ(Follow(WithCrlf(bytes), format, 2).segments, whole.segments) << name;
  }
}

// A restarted feed parses its file again and skips what the server has: what a prefix
// gave must be where the whole file's segments start.
TEST(CaptionFollowerTest, APrefixGivesTheFirstSegmentsOfTheWhole) {
  for (const auto& [name, format] :
       {std::pair{"roll-up.vtt", Format::kVtt}, std::pair{"pop-on.srt", Format::kSrt},
        std::pair{"speech.txt", Format::kText}}) {
    const std::string bytes = ReadData(name);
    const Followed whole = Follow(bytes, format);
    for (std::size_t cut = 0; cut <= bytes.size(); ++cut) {
      const Followed part = Follow(bytes.substr(0, cut), format, 0, /*finish=*/false);
      ASSERT_LE(part.segments.size(), whole.segments.size()) << name << " cut " << cut;
      for (std::size_t i = 0; i < part.segments.size(); ++i) {
        ASSERT_EQ(part.segments[i], whole.segments[i]) << name << " cut " << cut;
      }
    }
  }
}

TEST(CaptionFollowerTest, ACueWaitsForTheBlankLineAfterIt) {
  CaptionFollower follower(Format::kSrt);
  std::vector<Segment> out;
  ASSERT_TRUE(follower.Feed("1\n00:00:01,000 --> 00:00:02,000\nFirst cue.\n", out).ok());
  EXPECT_TRUE(out.empty());
  ASSERT_TRUE(follower.Feed("\n2\n00:00:02,000 --> 00:00:0", out).ok());
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].text, "First cue.");
  ASSERT_TRUE(follower.Feed("3,000\nSecond cue.\r", out).ok());
  EXPECT_EQ(out.size(), 1U);
  ASSERT_TRUE(follower.Feed("\n\r\n", out).ok());
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(out[1].text, "Second cue.");
  EXPECT_EQ(out[1].start_ms, 2000);
  EXPECT_EQ(out[1].end_ms, 3000);
  EXPECT_EQ(out[1].ordinal, 1);
  EXPECT_EQ(follower.emitted(), 2);
}

TEST(CaptionFollowerTest, APartialTextLineWaitsForItsLineBreak) {
  CaptionFollower follower(Format::kText);
  std::vector<Segment> out;
  ASSERT_TRUE(follower.Feed("Ana Lima: The budget grew", out).ok());
  EXPECT_TRUE(out.empty());
  ASSERT_TRUE(follower.Feed(" by nine percent.\nBen", out).ok());
  ASSERT_EQ(out.size(), 1U);
  EXPECT_EQ(out[0].speaker, "Ana Lima");
  EXPECT_EQ(out[0].text, "The budget grew by nine percent.");
  ASSERT_TRUE(follower.Finish(out).ok());
  ASSERT_EQ(out.size(), 2U);
  EXPECT_EQ(out[1].text, "Ben");
}

TEST(CaptionFollowerTest, AMalformedTimestampSkipsItsCueAndNamesTheLine) {
  const Followed f = Follow(
      "1\n00:00:01,000 --> 00:00:02,000\nGood.\n\n"
      "2\n00:00:0x,000 --> 00:00:03,000\nLost.\n\n"
      "3\n00:00:03,000 --> 00:00:04,000\nAlso good.\n\n",
      Format::kSrt);
  ASSERT_TRUE(f.status.ok());
  EXPECT_EQ(Texts(f.segments), (std::vector<std::string>{"|Good.", "|Also good."}));
  ASSERT_EQ(f.problems.size(), 1U);
  EXPECT_EQ(f.problems[0],
            (FollowProblem{6, "line 6: malformed timestamp '00:00:0x,000'; the cue is skipped"}));
}

TEST(CaptionFollowerTest, ACueEndingBeforeItStartsIsSkipped) {
  const Followed f = Follow(
      "1\n00:00:05,000 --> 00:00:04,000\nBackwards.\n\n"
      "2\n00:00:06,000 --> 00:00:07,000\nForwards.\n",
      Format::kSrt);
  EXPECT_EQ(Texts(f.segments), (std::vector<std::string>{"|Forwards."}));
  ASSERT_EQ(f.problems.size(), 1U);
  EXPECT_EQ(f.problems[0].message,
            "line 2: the cue ends at 4000 ms, before it starts at 5000 ms; it is skipped");
}

TEST(CaptionFollowerTest, InvalidUtf8AndNulSkipTheirCue) {
  const Followed f = Follow(
      "WEBVTT\n\n00:01.000 --> 00:02.000\nbad \xC3\n\n00:02.000 --> 00:03.000\nnul \0 here\n\n"
      "00:03.000 --> 00:04.000\nfine.\n\n"s,
      Format::kVtt);
  ASSERT_TRUE(f.status.ok());
  EXPECT_EQ(Texts(f.segments), (std::vector<std::string>{"|fine."}));
  ASSERT_EQ(f.problems.size(), 2U);
  EXPECT_EQ(f.problems[0].message, "line 4: invalid UTF-8; it is skipped");
  EXPECT_EQ(f.problems[1].message, "line 7: holds a NUL character; it is skipped");
}

TEST(CaptionFollowerTest, AFileThatIsNotWebVttStopsAtItsFirstLine) {
  CaptionFollower follower(Format::kVtt);
  std::vector<Segment> out;
  EXPECT_TRUE(follower.Feed("WEB", out).ok());  // the first line is not in yet
  const Status status = follower.Feed("\n00:00:01.000", out);
  EXPECT_EQ(status, Status(Code::kInvalidArgument,
                           "content: not a WebVTT file: it must begin with \"WEBVTT\""));
  EXPECT_EQ(follower.Feed("00:00:01.000 --> 00:00:02.000\nx\n\n", out), status);
  EXPECT_TRUE(out.empty());
}

TEST(CaptionFollowerTest, ACueWithoutABlankLineIsSkippedWhenItOutgrowsTheLimit) {
  std::string bytes = "Ana: short.\n";
  bytes.append(CaptionFollower::kMaxBlockBytes + 10, 'a');
  bytes.append("\nAna: after.\n");
  const Followed f = Follow(bytes, Format::kText, 4096);
  EXPECT_EQ(Texts(f.segments), (std::vector<std::string>{"Ana|short.", "Ana|after."}));
  ASSERT_EQ(f.problems.size(), 1U);
  EXPECT_EQ(f.problems[0].message, "line 2: longer than 1048576 bytes; it is skipped");
}

// Caption-like input from a fixed seed, fed whole and in random pieces: the same segments
// and the same problems, whatever the format makes of it.
TEST(CaptionFollowerTest, RandomPiecesNeverChangeWhatIsFollowed) {
  const std::vector<std::string> tokens = {"WEBVTT\n",
                                           "\n",
                                           "\r\n",
                                           "\r",
                                           "00:00:01.000 --> 00:00:02.000",
                                           "00:00:01,000 --> 00:00:02,000",
                                           "1",
                                           "<v Ana>",
                                           ">> HOLT: ",
                                           "- ",
                                           "we will ",
                                           "cut taxes",
                                           ".",
                                           " for every",
                                           "family",
                                           "\xC3\xA9",
                                           "\xC3",
                                           "(Applause)",
                                           "Ana Lima: ",
                                           "NOTE x",
                                           "00:0x,000 --> 1"};
  std::mt19937 rng(20261206);
  for (int round = 0; round < 300; ++round) {
    std::string bytes = round % 2 == 0 ? "WEBVTT\n\n" : "";
    const int n = std::uniform_int_distribution<int>(1, 80)(rng);
    for (int i = 0; i < n; ++i) {
      bytes += tokens[std::uniform_int_distribution<std::size_t>(0, tokens.size() - 1)(rng)];
    }
    for (const Format format : {Format::kVtt, Format::kSrt, Format::kText}) {
      const Followed whole = Follow(bytes, format);
      CaptionFollower follower(format);
      Followed pieces;
      for (std::size_t pos = 0; pos < bytes.size() && pieces.status.ok();) {
        const std::size_t len = std::uniform_int_distribution<std::size_t>(1, 9)(rng);
        pieces.status = follower.Feed(std::string_view(bytes).substr(pos, len), pieces.segments);
        pos += len;
      }
      if (pieces.status.ok()) pieces.status = follower.Finish(pieces.segments);
      pieces.problems = follower.TakeProblems();
      ASSERT_EQ(pieces.segments, whole.segments) << round << ": " << bytes;
      ASSERT_EQ(pieces.problems, whole.problems) << round << ": " << bytes;
      ASSERT_EQ(pieces.status, whole.status) << round;
    }
  }
}

// The WebVTT conformance suite, read in place: where the importer accepts a file, following
// it (whole, or a byte at a time) gives the importer's segments.
constexpr std::string_view kSuite = "conformance/webvtt-wpt/";

std::vector<std::string> SuiteFiles() {
  std::vector<std::string> files;
  const std::string text = testing::ReadShared(std::string(kSuite) + "expected.json");
  const auto expected = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (expected.is_object()) {
    for (const auto& [file, _] : expected.items()) files.push_back(file);
  }
  return files;
}

class FollowerConformanceTest : public ::testing::TestWithParam<std::string> {};

TEST_P(FollowerConformanceTest, FollowingGivesTheImportersSegments) {
  const std::string bytes = testing::ReadShared(std::string(kSuite) + GetParam());
  ASSERT_FALSE(bytes.empty()) << GetParam();
  const auto imported = Parse(bytes, Format::kVtt);
  const Followed whole = Follow(bytes, Format::kVtt);
  EXPECT_EQ(Follow(bytes, Format::kVtt, 1).segments, whole.segments);
  if (!imported.ok()) return;  // refused files: the follower's own tests cover what it skips
  ASSERT_TRUE(whole.status.ok()) << whole.status.ToString();
  // Less the cues a live transcript refuses (ending before they start), each reported.
  std::vector<Segment> sendable;
  for (const Segment& s : imported->segments) {
    if (CheckSegment(s).ok()) sendable.push_back(s);
  }
  EXPECT_EQ(whole.problems.size(), imported->segments.size() - sendable.size());
  ASSERT_EQ(whole.segments.size(), sendable.size());
  for (std::size_t i = 0; i < sendable.size(); ++i) {
    sendable[i].ordinal = static_cast<int>(i);
    EXPECT_EQ(whole.segments[i], sendable[i]);
  }
}

INSTANTIATE_TEST_SUITE_P(WebVttWpt, FollowerConformanceTest, ::testing::ValuesIn(SuiteFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(0, info.param.rfind('.'));
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(FollowerConformanceSuiteTest, TheSuiteIsThere) {
  EXPECT_EQ(SuiteFiles().size(), 36U) << testing::SharedPath(kSuite);
}

}  // namespace
}  // namespace factdesk::import
