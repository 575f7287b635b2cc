#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "import/importer.h"
#include "import/vtt_cues.h"
#include "shared_fixture.h"

namespace factdesk::import {
namespace {

constexpr std::string_view kSuite = "conformance/webvtt-wpt/";

const nlohmann::json& Expected() {
  static const nlohmann::json expected = [] {
    const std::string text = testing::ReadShared(std::string(kSuite) + "expected.json");
    return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  }();
  return expected;
}

std::vector<std::string> SuiteFiles() {
  std::vector<std::string> files;
  if (Expected().is_object()) {
    for (const auto& [file, _] : Expected().items()) files.push_back(file);
  }
  return files;
}

std::int64_t Ms(double seconds) {
  return std::llround(seconds * 1000);
}

TEST(VttConformanceSuiteTest, ExpectedResultsCoverTheSuite) {
  ASSERT_TRUE(Expected().is_object()) << "cannot read " << testing::SharedPath(kSuite);
  EXPECT_EQ(Expected().size(), 36U);
}

class VttConformanceTest : public ::testing::TestWithParam<std::string> {};

TEST_P(VttConformanceTest, CuesMatchTheSpec) {
  const std::string bytes = testing::ReadShared(std::string(kSuite) + GetParam());
  ASSERT_FALSE(bytes.empty()) << GetParam();
  const nlohmann::json& expected = Expected()[GetParam()];
  const auto cues = ParseVttCues(bytes);
  ASSERT_TRUE(cues.ok()) << cues.status().ToString();
  ASSERT_EQ(cues->size(), expected["cue_count"].get<std::size_t>());
  for (const nlohmann::json& cue : expected.value("cues", nlohmann::json::array())) {
    const auto index = cue["index"].get<std::size_t>();
    ASSERT_LT(index, cues->size());
    const VttCue& actual = (*cues)[index];
    EXPECT_EQ(actual.text, cue["text"].get<std::string>()) << "cue " << index;
    if (cue.contains("start_seconds")) {
      EXPECT_EQ(actual.start_ms, Ms(cue["start_seconds"].get<double>())) << "cue " << index;
    }
    if (cue.contains("end_seconds")) {
      EXPECT_EQ(actual.end_ms, Ms(cue["end_seconds"].get<double>())) << "cue " << index;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(WebVttWpt, VttConformanceTest, ::testing::ValuesIn(SuiteFiles()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(0, info.param.rfind('.'));
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

Transcript ParseVttOk(std::string_view bytes) {
  auto parsed = Parse(bytes, Format::kVtt);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? std::move(parsed).value() : Transcript{};
}

TEST(VttImporterTest, VoiceTagsNameSpeakersAndMarkupIsRemoved) {
  const Transcript t = ParseVttOk(
      "WEBVTT\n\n"
      "intro\n"
      "00:01.000 --> 00:04.500 align:start\n"
      "<v Lester Holt>Good evening from <i>Hofstra</i>\n"
      "University.</v>\n\n"
      "00:00:05.000 --> 00:00:07.250\n"
      "<v.loud Hillary Clinton>Thank you &amp; good evening&nbsp;&lt;all&gt;.\n\n"
      "NOTE a comment is skipped\n\n"
      "00:00:08.000 --> 00:00:09.000\n"
      "<c.yellow>No voice</c> <00:00:08.500>here\n");
  ASSERT_EQ(t.segments.size(), 3U);
  EXPECT_EQ(t.speakers, (std::vector<std::string>{"Lester Holt", "Hillary Clinton"}));
  EXPECT_EQ(t.segments[0].text, "Good evening from Hofstra University.");
  EXPECT_EQ(t.segments[0].speaker, "Lester Holt");
  EXPECT_EQ(t.segments[0].start_ms, 1000);
  EXPECT_EQ(t.segments[0].end_ms, 4500);
  EXPECT_EQ(t.segments[1].text, "Thank you & good evening\xC2\xA0<all>.");
  EXPECT_EQ(t.segments[1].start_ms, 5000);
  EXPECT_EQ(t.segments[1].end_ms, 7250);
  EXPECT_EQ(t.segments[2].text, "No voice here");
  EXPECT_EQ(t.segments[2].speaker, "");
}

TEST(VttImporterTest, DecodesNumericReferencesAndKeepsUnknownOnes) {
  const Transcript t = ParseVttOk(
      "WEBVTT\n\n00:01.000 --> 00:02.000\nCaf&#233; &#x263A; &copy; AT&T &#0; &#xD800;\n");
  ASSERT_EQ(t.segments.size(), 1U);
  EXPECT_EQ(t.segments[0].text, "Caf\xC3\xA9 \xE2\x98\xBA &copy; AT&T \xEF\xBF\xBD \xEF\xBF\xBD");
}

TEST(VttImporterTest, ACueWithTwoVoicesBecomesTwoSegments) {
  const Transcript t = ParseVttOk(
      "WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n<v Alice>Hi!\r\n<v Bob>Hello.\r\n");
  ASSERT_EQ(t.segments.size(), 2U);
  EXPECT_EQ(t.segments[0].speaker, "Alice");
  EXPECT_EQ(t.segments[0].text, "Hi!");
  EXPECT_EQ(t.segments[1].speaker, "Bob");
  EXPECT_EQ(t.segments[1].text, "Hello.");
  EXPECT_EQ(t.segments[1].start_ms, 1000);
  EXPECT_EQ(t.segments[1].ordinal, 1);
}

TEST(VttImporterTest, CuesWithOnlyMarkupAreDropped) {
  const Transcript t =
      ParseVttOk("WEBVTT\n\n00:01.000 --> 00:02.000\n<i> </i>\n\n00:02.000 --> 00:03.000\ntext\n");
  ASSERT_EQ(t.segments.size(), 1U);
  EXPECT_EQ(t.segments[0].text, "text");
  EXPECT_EQ(t.segments[0].ordinal, 0);
}

TEST(VttImporterTest, AWrongSignatureIsRefused) {
  const auto missing = Parse("00:01.000 --> 00:02.000\ntext\n", Format::kVtt);
  EXPECT_EQ(missing.status(), Status(Code::kInvalidArgument,
                                     "content: not a WebVTT file: it must begin with \"WEBVTT\""));
  const auto glued = Parse("WEBVTTX\n\n00:01.000 --> 00:02.000\ntext\n", Format::kVtt);
  EXPECT_EQ(glued.status(),
            Status(Code::kInvalidArgument,
                   "content: not a WebVTT file: \"WEBVTT\" must be followed by a space, a tab or "
                   "a line break"));
}

TEST(VttImporterTest, AFileWithoutCuesHasNoSegments) {
  const auto parsed = Parse("WEBVTT - just a header\n\nNOTE nothing else\n", Format::kVtt);
  EXPECT_EQ(parsed.status(), Status(Code::kInvalidArgument, "content: no segments found"));
}

TEST(VttImporter, SoundsWithoutAVoiceAreCues) {
  const auto parsed = ParseVtt(
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n(Applause)\n\n00:00:02.000 --> "
      "00:00:04.000\n<v Ana>[Laughs] That was the plan.\n\n00:00:04.000 --> "
      "00:00:05.000\n[Music]\n");
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->segments.size(), 3U);
  EXPECT_EQ(parsed->segments[0].kind, SegmentKind::kCue);
  EXPECT_EQ(parsed->segments[1].kind, SegmentKind::kSpeech);  // a voice speaks
  EXPECT_EQ(parsed->segments[2].kind, SegmentKind::kCue);
}

}  // namespace
}  // namespace factdesk::import
