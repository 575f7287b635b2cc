#include "import/preview_json.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "import/importer.h"

namespace factdesk::import {
namespace {

using Json = nlohmann::ordered_json;

std::vector<std::string> Keys(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, _] : object.items()) keys.push_back(key);
  return keys;
}

TEST(PreviewJsonTest, HasTheDocumentedShape) {
  const auto parsed = Parse("Jane Doe: Hello.\n\n(Applause)\n", Format::kText);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const std::string text = ToPreviewJson(*parsed);
  EXPECT_EQ(text.find('\n'), std::string::npos);  // one line
  const Json json = Json::parse(text);
  EXPECT_EQ(Keys(json),
            (std::vector<std::string>{"format", "speakers", "unattributed_speech", "segments"}));
  EXPECT_EQ(json["format"], "text");
  EXPECT_EQ(json["speakers"], Json::array({"Jane Doe"}));
  EXPECT_EQ(json["unattributed_speech"], 0);
  ASSERT_EQ(json["segments"].size(), 2U);
  const Json& speech = json["segments"][0];
  EXPECT_EQ(Keys(speech),
            (std::vector<std::string>{"ordinal", "kind", "speaker", "start_ms", "end_ms", "text"}));
  EXPECT_EQ(speech["ordinal"], 0);
  EXPECT_EQ(speech["kind"], "speech");
  EXPECT_EQ(speech["speaker"], "Jane Doe");
  EXPECT_TRUE(speech["start_ms"].is_null());
  EXPECT_TRUE(speech["end_ms"].is_null());
  EXPECT_EQ(speech["text"], "Hello.");
  const Json& cue = json["segments"][1];
  EXPECT_EQ(cue["ordinal"], 1);
  EXPECT_EQ(cue["kind"], "cue");
  EXPECT_TRUE(cue["speaker"].is_null());
  EXPECT_EQ(cue["text"], "(Applause)");
}

TEST(PreviewJsonTest, CarriesTimesAndEscapesText) {
  const auto parsed =
      Parse("WEBVTT\n\n00:01.500 --> 00:02.000\n<v Bob>Say \"hi\" \xE2\x80\x94 ok\n", Format::kVtt);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(ToPreviewJson(*parsed),
            "{\"format\":\"vtt\",\"speakers\":[\"Bob\"],\"unattributed_speech\":0,"
            "\"segments\":[{\"ordinal\":0,\"kind\":"
            "\"speech\",\"speaker\":\"Bob\",\"start_ms\":1500,\"end_ms\":2000,\"text\":\"Say "
            "\\\"hi\\\" \xE2\x80\x94 ok\"}]}");
}

}  // namespace
}  // namespace factdesk::import
