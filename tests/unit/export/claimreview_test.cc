#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/export_checks.h"
#include "tests/unit/export/scenario.h"

namespace factdesk::exporting {
namespace {

using nlohmann::json;
using testing::At;
using testing::ExportClaims;
using testing::MakeScenario;
using testing::Scenario;
using Vocabulary = factdesk::testing::SchemaOrgVocabulary;
using factdesk::testing::CheckSchemaOrgNode;

json ExportJson(const Scenario& s) {
  const std::string text = ExportClaims(v1::EXPORT_FORMAT_CLAIMREVIEW, s);
  return json::parse(text);  // throws (and fails the test) on invalid JSON
}

const json& ReviewOf(const json& reviews, const std::string& url) {
  for (const json& review : reviews) {
    if (review.value("url", "") == url) return review;
  }
  static const json kNone;
  ADD_FAILURE() << "no ClaimReview with url " << url;
  return kNone;
}

TEST(ClaimReviewTest, OneReviewPerPublishedClaimInOrder) {
  const json reviews = ExportJson(MakeScenario());
  ASSERT_TRUE(reviews.is_array());
  std::vector<std::string> urls;
  for (const json& review : reviews) urls.push_back(review.at("url"));
  // 102 and 106 are RESOLVED (the desk agreed, no editor published them): internal, not
  // public. 103 (in review), 104 (disputed) and 107 (dismissed) are not checked.
  EXPECT_EQ(urls, (std::vector<std::string>{"https://dailycheck.example/checks/101",
                                            "https://dailycheck.example/checks/105"}));
}

TEST(ClaimReviewTest, ResolvedButUnpublishedClaimsNeverLeave) {
  const std::string text = ExportClaims(v1::EXPORT_FORMAT_CLAIMREVIEW, MakeScenario());
  EXPECT_EQ(text.find("Exports grew by 20 percent"), std::string::npos);
  EXPECT_EQ(text.find("Taxes rose and wages fell"), std::string::npos);
  EXPECT_EQ(text.find("checks/102"), std::string::npos);
  EXPECT_EQ(text.find("checks/106"), std::string::npos);
}

TEST(ClaimReviewTest, CorrectionCarriesDateModifiedAndCorrectionComment) {
  const json review = ReviewOf(ExportJson(MakeScenario()), "https://dailycheck.example/checks/105");
  EXPECT_EQ(review.at("datePublished"), "2024-03-08");
  EXPECT_EQ(review.at("dateModified"), "2024-03-09");
  EXPECT_EQ(review.at("correction"),
            json::array({{{"@type", "CorrectionComment"},
                          {"text",
                           "Corrected on 2024-03-09: The draft we cited (</script>) was withdrawn "
                           "(earlier verdict: Mostly false)"},
                          {"datePublished", "2024-03-09"}}}));
  // The uncorrected one has neither.
  const json first = ReviewOf(ExportJson(MakeScenario()), "https://dailycheck.example/checks/101");
  EXPECT_FALSE(first.contains("dateModified"));
  EXPECT_FALSE(first.contains("correction"));
}

TEST(ClaimReviewTest, ScriptEndCannotAppearSoPagesCanEmbedIt) {
  Scenario s = MakeScenario();
  s.claims[0].claim.set_summary("Unemployment </script><script>alert(1)</script> fell");
  s.claims[0].claim.set_claimant("</SCRIPT>");
  const std::string text = ExportClaims(v1::EXPORT_FORMAT_CLAIMREVIEW, s);
  EXPECT_EQ(text.find("</"), std::string::npos) << text;
  // The same strings to a JSON parser.
  const json reviews = json::parse(text);
  EXPECT_EQ(reviews[0].at("claimReviewed"), "Unemployment </script><script>alert(1)</script> fell");
  EXPECT_EQ(reviews[0].at("itemReviewed").at("author").at("name"), "</SCRIPT>");
}

TEST(ClaimReviewTest, PublishedClaimFieldByField) {
  const json review = ReviewOf(ExportJson(MakeScenario()), "https://dailycheck.example/checks/101");
  EXPECT_EQ(review.at("@context"), "https://schema.org");
  EXPECT_EQ(review.at("@type"), "ClaimReview");
  EXPECT_EQ(review.at("claimReviewed"), "Unemployment fell to 3.9% last year");
  EXPECT_EQ(review.at("author"), json({{"@type", "Organization"},
                                       {"name", "The Daily Check"},
                                       {"url", "https://dailycheck.example/"}}));
  EXPECT_EQ(review.at("datePublished"), "2024-03-08");  // published_at, not resolved_at

  const json& item = review.at("itemReviewed");
  EXPECT_EQ(item.at("@type"), "Claim");
  EXPECT_EQ(item.at("author"), json({{"@type", "Person"}, {"name", "Ana Moreno"}}));
  EXPECT_EQ(item.at("datePublished"), "2024-03-05");  // aired
  const json& clip = item.at("appearance");
  EXPECT_EQ(clip.at("@type"), "Clip");
  EXPECT_TRUE(clip.at("startOffset").is_number());
  EXPECT_EQ(clip.at("startOffset"), 0);
  EXPECT_EQ(clip.at("endOffset"), 4);
  EXPECT_EQ(clip.at("url"), "https://video.example/townhall");
  EXPECT_EQ(clip.at("name"), "Town hall <live> & \"more\"");

  const json& rating = review.at("reviewRating");
  EXPECT_EQ(rating.at("@type"), "Rating");
  EXPECT_TRUE(rating.at("ratingValue").is_number_integer());
  EXPECT_EQ(rating.at("ratingValue"), 4);
  EXPECT_EQ(rating.at("bestRating"), 5);
  EXPECT_EQ(rating.at("worstRating"), 1);
  EXPECT_EQ(rating.at("alternateName"), "Mostly true");
}

TEST(ClaimReviewTest, FractionalOffsets) {
  Scenario s = MakeScenario();
  s.claims[1].claim.set_status(v1::CLAIM_STATUS_PUBLISHED);
  *s.claims[1].claim.mutable_published_at() = testing::At(testing::kAired + 2 * testing::kDay);
  const json review = ReviewOf(ExportJson(s), "https://dailycheck.example/checks/102");
  EXPECT_EQ(review.at("datePublished"), "2024-03-07");
  EXPECT_EQ(review.at("claimReviewed"), "Exports grew by 20 percent");
  EXPECT_EQ(review.at("itemReviewed").at("author").at("name"), "Li Wei");
  EXPECT_DOUBLE_EQ(review.at("itemReviewed").at("appearance").at("startOffset").get<double>(), 5);
  EXPECT_DOUBLE_EQ(review.at("itemReviewed").at("appearance").at("endOffset").get<double>(), 9.5);
  EXPECT_EQ(review.at("reviewRating").at("ratingValue"), 1);
  EXPECT_EQ(review.at("reviewRating").at("alternateName"), "False");
}

TEST(ClaimReviewTest, UnorderedVerdictHasOnlyItsLabel) {
  const json review = ReviewOf(ExportJson(MakeScenario()), "https://dailycheck.example/checks/105");
  EXPECT_EQ(review.at("reviewRating"),
            json({{"@type", "Rating"}, {"alternateName", "Unverifiable"}}));
  EXPECT_EQ(review.at("claimReviewed"), "Crime doubled, \"per police\"\nsince 2020");
}

TEST(ClaimReviewTest, FallbacksWithoutPublisherTimesOrAirDate) {
  Scenario s = MakeScenario();
  s.context.workspace.clear_publisher();
  for (ClaimRecord& record : s.claims) {
    record.segment.clear_start_ms();
    record.segment.clear_end_ms();
    record.transcript.clear_aired_at();
  }
  const json reviews = ExportJson(s);
  ASSERT_EQ(reviews.size(), 2U);
  const json& review = reviews[0];
  EXPECT_FALSE(review.contains("url"));  // no claim_url_prefix
  EXPECT_EQ(review.at("author"), json({{"@type", "Organization"}, {"name", "Town Hall Desk"}}));
  EXPECT_FALSE(review.at("itemReviewed").contains("datePublished"));
  EXPECT_EQ(review.at("itemReviewed").at("appearance"),
            json({{"@type", "CreativeWork"},
                  {"name", "Town hall <live> & \"more\""},
                  {"url", "https://video.example/townhall"}}));
}

TEST(ClaimReviewTest, InLanguageIsTheTranscriptsAndLeftOutWhenUnknown) {
  Scenario s = MakeScenario();
  for (ClaimRecord& record : s.claims) record.transcript.set_language("de");
  const json review = ReviewOf(ExportJson(s), "https://dailycheck.example/checks/101");
  EXPECT_EQ(review.at("itemReviewed").at("inLanguage"), "de");
  EXPECT_EQ(review.at("itemReviewed").at("appearance").at("inLanguage"), "de");
  EXPECT_FALSE(review.contains("inLanguage")) << "the review is the desk's, not the speaker's";
  for (const std::string unknown : {"und", ""}) {
    for (ClaimRecord& record : s.claims) record.transcript.set_language(unknown);
    const std::string text = ExportClaims(v1::EXPORT_FORMAT_CLAIMREVIEW, s);
    EXPECT_EQ(text.find("inLanguage"), std::string::npos) << unknown;
  }
}

TEST(ClaimReviewTest, EmptyExportIsAnEmptyArray) {
  Scenario s = MakeScenario();
  s.claims.clear();
  EXPECT_EQ(ExportJson(s), json::array());
}

TEST(ClaimReviewTest, EveryTypeAndPropertyIsInTheSchemaOrgVocabulary) {
  const std::string text = testing::ReadFile(std::filesystem::path(FACTDESK_SHARED_DIR) /
                                             factdesk::testing::kSchemaOrgRelease);
  ASSERT_FALSE(text.empty()) << "schema.org vocabulary not found under " << FACTDESK_SHARED_DIR;
  const Vocabulary vocab(json::parse(text));
  ASSERT_GT(vocab.class_count(), 500U);
  // Sanity of the checker itself: inheritance and domains as the brief describes them.
  EXPECT_TRUE(vocab.IsA("ClaimReview", "CreativeWork"));
  EXPECT_TRUE(vocab.IsA("Clip", "CreativeWork"));
  EXPECT_FALSE(vocab.AllowedOn("claimReviewed", "Claim"));
  EXPECT_FALSE(vocab.IsProperty("verdict"));

  // Rich output: timed (Clip) and untimed (CreativeWork) appearances, ordered and
  // unordered ratings, with and without claimants.
  Scenario rich = MakeScenario();
  for (ClaimRecord& record : rich.claims) record.transcript.set_language("en");
  Scenario untimed = MakeScenario();
  for (ClaimRecord& record : untimed.claims) {
    record.segment.clear_start_ms();
    record.segment.clear_end_ms();
    record.claim.clear_claimant();
  }
  json all = ExportJson(rich);
  for (const json& review : ExportJson(untimed)) all.push_back(review);
  ASSERT_EQ(all.size(), 4U);

  std::set<std::string> types;
  std::set<std::string> properties;
  for (std::size_t i = 0; i < all.size(); ++i) {
    CheckSchemaOrgNode(vocab, all[i], "[" + std::to_string(i) + "]", types, properties);
  }
  // The check saw what the export is meant to emit.
  EXPECT_EQ(types,
            (std::set<std::string>{"ClaimReview", "Claim", "Clip", "CreativeWork", "Organization",
                                   "Person", "Rating", "CorrectionComment"}));
  for (const char* property :
       {"url", "claimReviewed", "author", "datePublished", "itemReviewed", "appearance",
        "startOffset", "endOffset", "name", "reviewRating", "ratingValue", "bestRating",
        "worstRating", "alternateName", "dateModified", "correction", "text", "inLanguage"}) {
    EXPECT_TRUE(properties.contains(property)) << property;
  }
}

}  // namespace
}  // namespace factdesk::exporting
