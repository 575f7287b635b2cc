#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/unit/export/scenario.h"

namespace factdesk::exporting {
namespace {

using nlohmann::json;
using testing::ExportClaims;
using testing::MakeScenario;
using testing::Scenario;

json AnnotationsJson(const Scenario& s) {
  return json::parse(ExportClaims(v1::EXPORT_FORMAT_ANNOTATIONS, s));
}

const json& AnnotationOf(const json& doc, std::int64_t claim_id) {
  const std::string id = "urn:factdesk:claim:" + std::to_string(claim_id);
  for (const json& annotation : doc.at("first").at("items")) {
    if (annotation.at("id") == id) return annotation;
  }
  static const json kNone;
  ADD_FAILURE() << "no annotation " << id;
  return kNone;
}

// The code points of valid UTF-8 text, decoded independently of the library.
std::u32string Decode(std::string_view text) {
  std::u32string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1FU) : len == 3 ? (c & 0x0FU) : (c & 0x07U);
    for (int k = 1; k < len; ++k) {
      cp = (cp << 6U) | (static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]) & 0x3FU);
    }
    out.push_back(cp);
    i += static_cast<std::size_t>(len);
  }
  return out;
}

const json& Selector(const json& annotation, const std::string& type) {
  for (const json& selector : annotation.at("target").at(0).at("selector")) {
    if (selector.at("type") == type) return selector;
  }
  static const json kNone;
  return kNone;
}

TEST(AnnotationsTest, CollectionWithEveryClaimAndItsTotal) {
  const json doc = AnnotationsJson(MakeScenario());
  EXPECT_EQ(doc.at("@context"), "http://www.w3.org/ns/anno.jsonld");
  EXPECT_EQ(doc.at("type"), "AnnotationCollection");
  EXPECT_EQ(doc.at("id"), "urn:factdesk:workspace:5:annotations");
  EXPECT_EQ(doc.at("label"), "Claims checked in Town Hall Desk");
  EXPECT_EQ(doc.at("total"), 7);  // every state, dismissed included
  const json& page = doc.at("first");
  EXPECT_EQ(page.at("type"), "AnnotationPage");
  EXPECT_EQ(page.at("id"), "urn:factdesk:workspace:5:annotations:page:1");
  EXPECT_EQ(page.at("startIndex"), 0);
  ASSERT_EQ(page.at("items").size(), 7U);
  for (const json& annotation : page.at("items")) {
    EXPECT_EQ(annotation.at("type"), "Annotation");
    EXPECT_EQ(annotation.at("motivation"), "assessing");
  }
}

TEST(AnnotationsTest, PublishedClaimFieldByField) {
  const json a = AnnotationOf(AnnotationsJson(MakeScenario()), 101);
  EXPECT_EQ(a.at("created"), "2024-03-06T20:00:00Z");
  EXPECT_EQ(a.at("modified"), "2024-03-06T20:01:00Z");
  EXPECT_EQ(a.at("generated"), "2024-03-09T08:00:00Z");
  EXPECT_EQ(a.at("generator").at("type"), "Software");
  EXPECT_EQ(a.at("creator"), json({{"id", "urn:factdesk:user:1"},
                                   {"type", "Person"},
                                   {"name", "María Kovač"},
                                   {"nickname", "maria.k"}}));
  const json& body = a.at("body");
  // Summary, verdict, state, two active sources (the removed one is not).
  ASSERT_EQ(body.size(), 5U);
  EXPECT_EQ(body[0], json({{"type", "TextualBody"},
                           {"purpose", "describing"},
                           {"format", "text/plain"},
                           {"value", "Unemployment fell to 3.9% last year"}}));
  EXPECT_EQ(body[1].at("purpose"), "assessing");
  EXPECT_EQ(body[1].at("value"), "Mostly true");
  EXPECT_EQ(body[2], json({{"type", "TextualBody"},
                           {"purpose", "tagging"},
                           {"format", "text/plain"},
                           {"value", "published"}}));
  EXPECT_EQ(body[3], json({{"type", "SpecificResource"},
                           {"purpose", "linking"},
                           {"source", "https://stats.example.gov/unemployment-2023"}}));
  EXPECT_EQ(body[4].at("source"), "https://news.example.com/jobs?id=1&ref=x");

  const json& targets = a.at("target");
  ASSERT_EQ(targets.size(), 2U);
  EXPECT_EQ(targets[0].at("type"), "SpecificResource");
  EXPECT_EQ(targets[0].at("source"), "urn:factdesk:segment:900");
  EXPECT_EQ(targets[0].at("scope"), "https://video.example/townhall");
  EXPECT_EQ(Selector(a, "TextQuoteSelector"),
            json({{"type", "TextQuoteSelector"},
                  {"exact", "Unemployment fell to 3.9% last year"},
                  {"prefix", "Good evening. "},
                  {"suffix", ", the lowest in decades."}}));
  EXPECT_EQ(Selector(a, "TextPositionSelector"),
            json({{"type", "TextPositionSelector"}, {"start", 14}, {"end", 49}}));
  // The recording, by time.
  EXPECT_EQ(targets[1], json({{"type", "SpecificResource"},
                              {"source", "https://video.example/townhall"},
                              {"selector",
                               {{"type", "FragmentSelector"},
                                {"conformsTo", "http://www.w3.org/TR/media-frags/"},
                                {"value", "t=0.000,4.000"}}}}));
}

TEST(AnnotationsTest, PositionsCountCodePointsNotBytes) {
  const Scenario s = MakeScenario();
  const json doc = AnnotationsJson(s);
  // 我们的|出口增长了百分之二十|，这是事实。|Exports grew 20% 🚀 in 2023|.
  const json& chinese = Selector(AnnotationOf(doc, 102), "TextPositionSelector");
  EXPECT_EQ(chinese.at("start"), 3);  // bytes 9..39
  EXPECT_EQ(chinese.at("end"), 13);
  const json& emoji = Selector(AnnotationOf(doc, 103), "TextPositionSelector");
  EXPECT_EQ(emoji.at("start"), 19);  // bytes 57..86; the rocket is 4 bytes, 1 code point
  EXPECT_EQ(emoji.at("end"), 45);

  // Every position selector selects exactly the quote, counted in code points.
  for (const ClaimRecord& record : s.claims) {
    const json& position = Selector(AnnotationOf(doc, record.claim.id()), "TextPositionSelector");
    ASSERT_FALSE(position.is_null()) << record.claim.id();
    const std::u32string text = Decode(record.segment.text());
    const std::size_t start = position.at("start");
    const std::size_t end = position.at("end");
    EXPECT_EQ(text.substr(start, end - start), Decode(record.claim.quote())) << record.claim.id();
  }
}

TEST(AnnotationsTest, UncheckedClaimsHaveNoAssessment) {
  const json doc = AnnotationsJson(MakeScenario());
  for (const std::int64_t id : {103, 104, 107}) {
    for (const json& body : AnnotationOf(doc, id).at("body")) {
      EXPECT_NE(body.value("purpose", ""), "assessing") << id;
    }
  }
  const json& disputed = AnnotationOf(doc, 104);
  EXPECT_EQ(disputed.at("body").size(), 2U);
  EXPECT_EQ(disputed.at("body")[0].at("value"), "=HYPERLINK(\"http://evil.example\",\"x\")");
  EXPECT_EQ(disputed.at("body")[1].at("value"), "disputed");
  EXPECT_EQ(AnnotationOf(doc, 105).at("body")[1].at("value"), "Unverifiable");
}

TEST(AnnotationsTest, DeskFileMarksStatesAndCorrections) {
  const json doc = AnnotationsJson(MakeScenario());
  auto tag = [&](std::int64_t id) {
    for (const json& body : AnnotationOf(doc, id).at("body")) {
      if (body.value("purpose", "") == "tagging") return body.at("value").get<std::string>();
    }
    return std::string();
  };
  EXPECT_EQ(tag(102), "resolved");
  EXPECT_EQ(tag(106), "resolved");
  EXPECT_EQ(tag(107), "dismissed");
  const json& corrected = AnnotationOf(doc, 105).at("body");
  EXPECT_EQ(corrected[3], json({{"type", "TextualBody"},
                                {"purpose", "editing"},
                                {"format", "text/plain"},
                                {"value",
                                 "Corrected on 2024-03-09: The draft we cited (</script>) was "
                                 "withdrawn (earlier verdict: Mostly false)"}}));
}

TEST(AnnotationsTest, PublishedOnlyAndNoScriptEnd) {
  Scenario s = MakeScenario();
  s.context.published_only = true;
  const std::string text = ExportClaims(v1::EXPORT_FORMAT_ANNOTATIONS, s);
  EXPECT_EQ(text.find("</"), std::string::npos);  // the correction's "</script>" is escaped
  const json doc = json::parse(text);
  EXPECT_EQ(doc.at("total"), 2);
  std::vector<std::string> ids;
  for (const json& a : doc.at("first").at("items")) ids.push_back(a.at("id"));
  EXPECT_EQ(ids, (std::vector<std::string>{"urn:factdesk:claim:101", "urn:factdesk:claim:105"}));
}

TEST(AnnotationsTest, RangeThatDoesNotFitLosesOnlyItsPosition) {
  Scenario s = MakeScenario();
  s.claims[1].claim.set_start_byte(10);  // inside 出 (bytes 9..11)
  s.claims[2].claim.set_end_byte(1000);  // past the text
  s.claims[0].claim.set_start_byte(0);   // no longer spells the quote
  const json doc = AnnotationsJson(s);
  for (const std::int64_t id : {101, 102, 103}) {
    const json& a = AnnotationOf(doc, id);
    EXPECT_TRUE(Selector(a, "TextPositionSelector").is_null()) << id;
    EXPECT_FALSE(Selector(a, "TextQuoteSelector").is_null()) << id;
  }
  EXPECT_FALSE(Selector(AnnotationOf(doc, 104), "TextPositionSelector").is_null());
}

TEST(AnnotationsTest, TranscriptWithoutUrlOrTimes) {
  Scenario s = MakeScenario();
  for (ClaimRecord& record : s.claims) {
    record.transcript.clear_source_url();
    record.segment.clear_start_ms();
  }
  const json a = AnnotationOf(AnnotationsJson(s), 101);
  ASSERT_EQ(a.at("target").size(), 1U);
  EXPECT_EQ(a.at("target")[0].at("scope"), "urn:factdesk:transcript:9");
}

TEST(AnnotationsTest, EmptyExportIsAnEmptyCollection) {
  Scenario s = MakeScenario();
  s.claims.clear();
  const json doc = AnnotationsJson(s);
  EXPECT_EQ(doc.at("total"), 0);
  EXPECT_EQ(doc.at("first").at("items"), json::array());
}

}  // namespace
}  // namespace factdesk::exporting
