#include "archive/claimreview_reader.h"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace factdesk::archive {
namespace {

struct Read {
  Result<ReadSummary> summary;
  std::vector<ArchivedCheck> checks;
};

Read ReadText(const std::string& text, const ReadOptions& options = {}) {
  std::istringstream in(text);
  std::vector<ArchivedCheck> checks;
  auto summary = ReadClaimReviews(
      in,
      [&](ArchivedCheck c) {
        checks.push_back(std::move(c));
        return Status::Ok();
      },
      options);
  return {std::move(summary), std::move(checks)};
}

std::string Review(const std::string& url, const std::string& claim) {
  return R"({"@type":"ClaimReview","url":")" + url + R"(","claimReviewed":")" + claim + R"("})";
}

constexpr const char* kFull = R"({
  "@context": "https://schema.org",
  "@type": "ClaimReview",
  "url": "HTTPS://Checks.Example/2024/bridge-cost",
  "claimReviewed": "The new bridge cost\n  four billion dollars.",
  "name": "Did the bridge cost $4bn?",
  "datePublished": "2024-03-02",
  "inLanguage": "en",
  "author": {"@type": "Organization", "name": "River Check", "url": "https://river.example/"},
  "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": "5", "worstRating": 1,
                   "alternateName": "Mostly false"},
  "itemReviewed": {"@type": "Claim", "datePublished": "2024-02-27",
                   "author": {"@type": "Person", "name": "Mayor Lin"},
                   "appearance": [{"@type": "CreativeWork", "url": "https://tv.example/debate"},
                                  "https://radio.example/show"]}
})";

TEST(ClaimReviewReader, ReadsEveryFieldOfOneReview) {
  const Read r = ReadText(kFull);
  ASSERT_TRUE(r.summary.ok()) << r.summary.status().message();
  ASSERT_EQ(r.checks.size(), 1u);
  const ArchivedCheck& c = r.checks[0];
  EXPECT_EQ(c.url, "https://checks.example/2024/bridge-cost");  // normalised: the archive's key
  EXPECT_EQ(c.claim_reviewed, "The new bridge cost four billion dollars.");
  EXPECT_EQ(c.headline, "Did the bridge cost $4bn?");
  EXPECT_EQ(c.date_published, "2024-03-02");
  EXPECT_EQ(c.in_language, "en");
  EXPECT_EQ(c.author_name, "River Check");
  EXPECT_EQ(c.author_url, "https://river.example/");
  EXPECT_EQ(c.rating_name, "Mostly false");
  EXPECT_EQ(c.rating_value, "2");
  EXPECT_EQ(c.best_rating, "5");
  EXPECT_EQ(c.worst_rating, "1");
  EXPECT_EQ(c.claimant, "Mayor Lin");
  EXPECT_EQ(c.claim_date, "2024-02-27");
  EXPECT_EQ(c.appearances,
            (std::vector<std::string>{"https://tv.example/debate", "https://radio.example/show"}));
  EXPECT_EQ(r.summary->items, 1u);
  EXPECT_EQ(r.summary->read, 1u);
  EXPECT_EQ(r.summary->malformed, 0u);
}

TEST(ClaimReviewReader, ReadsAnArray) {
  const Read r = ReadText("[" + Review("https://a.example/1", "one") + "," +
                          Review("https://a.example/2", "two") + "]");
  ASSERT_TRUE(r.summary.ok());
  ASSERT_EQ(r.checks.size(), 2u);
  EXPECT_EQ(r.checks[1].claim_reviewed, "two");
}

TEST(ClaimReviewReader, ReadsAGraphAndIgnoresItsOtherNodes) {
  const Read r = ReadText(R"({"@context":"https://schema.org","@graph":[
      {"@type":"Organization","name":"River Check"},)" +
                          Review("https://a.example/1", "one") + "," +
                          R"({"@type":["schema:ClaimReview"],"url":"https://a.example/2",
                              "claimReviewed":"two"}]})");
  ASSERT_TRUE(r.summary.ok()) << r.summary.status().message();
  ASSERT_EQ(r.checks.size(), 2u);
  EXPECT_EQ(r.summary->ignored, 1u);
  EXPECT_EQ(r.summary->malformed, 0u);
}

TEST(ClaimReviewReader, ReadsADataFeedOfReviewsAndOfDataFeedItems) {
  const Read r =
      ReadText(R"({"@context":"https://schema.org","@type":"DataFeed",
      "dataFeedElement":[)" +
               Review("https://a.example/1", "one") + R"(,{"@type":"DataFeedItem","item":)" +
               Review("https://a.example/2", "two") + "}]}");
  ASSERT_TRUE(r.summary.ok()) << r.summary.status().message();
  ASSERT_EQ(r.checks.size(), 2u);
  EXPECT_EQ(r.checks[0].url, "https://a.example/1");
  EXPECT_EQ(r.checks[1].url, "https://a.example/2");
}

TEST(ClaimReviewReader, SkipsMalformedItemsNamingTheirPositionAndWhy) {
  const Read r = ReadText(
      "[" + Review("https://a.example/1", "one") + "," +
      R"({"@type":"ClaimReview","claimReviewed":"no url"},)" +
      R"({"@type":"ClaimReview","url":"ftp://a.example/3","claimReviewed":"x"},)" +
      R"({"@type":"ClaimReview","url":"https://a.example/4","claimReviewed":7.5e300},)" +
      R"({"@type":"ClaimReview","url":"https://a.example/5","claimReviewed":["a"],"author":{"name":{"x":1}}},)" +
      R"({"@type":"Organization","name":"not a review"},)" + R"("just text",)" +
      R"({"@type":"ClaimReview","url":"https://a.example/8","claimReviewed":"bell \u0007"},)" +
      Review("https://a.example/9", "nine") + "]");
  ASSERT_TRUE(r.summary.ok()) << r.summary.status().message();
  ASSERT_EQ(r.checks.size(), 3u);  // items 1, 4 (a number is written as text) and 9
  EXPECT_EQ(r.summary->items, 9u);
  EXPECT_EQ(r.summary->malformed, 6u);
  ASSERT_EQ(r.summary->errors.size(), 6u);
  EXPECT_EQ(r.summary->errors[0], (ItemError{2, "url: is missing (it keys the archive)"}));
  EXPECT_EQ(r.summary->errors[1].position, 3u);
  EXPECT_NE(r.summary->errors[1].message.find("http"), std::string::npos);
  EXPECT_EQ(r.summary->errors[2].position, 5u);
  EXPECT_EQ(r.summary->errors[2].message, "author.name: must be text, not object");
  EXPECT_EQ(r.summary->errors[3], (ItemError{6, "@type: is not ClaimReview (@type Organization)"}));
  EXPECT_EQ(r.summary->errors[4], (ItemError{7, "item: is string, not a ClaimReview"}));
  EXPECT_EQ(r.summary->errors[5],
            (ItemError{8, "claimReviewed: holds the control character U+0007"}));
}

TEST(ClaimReviewReader, StrictRefusesTheFileAtTheFirstMalformedItem) {
  ReadOptions strict;
  strict.strict = true;
  const Read r = ReadText("[" + Review("https://a.example/1", "one") +
                              R"(,{"@type":"ClaimReview","url":"https://a.example/2"}])",
                          strict);
  ASSERT_FALSE(r.summary.ok());
  EXPECT_EQ(r.summary.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.summary.status().message().find("item 2: claimReviewed: is missing"),
            std::string::npos)
      << r.summary.status().message();
}

TEST(ClaimReviewReader, RefusesAHugeFieldButReadsTheRest) {
  const std::string huge(20000, 'x');
  const Read r = ReadText("[" + Review("https://a.example/1", huge) + "," +
                          Review("https://a.example/2", "two") + "]");
  ASSERT_TRUE(r.summary.ok());
  ASSERT_EQ(r.checks.size(), 1u);
  ASSERT_EQ(r.summary->errors.size(), 1u);
  EXPECT_EQ(r.summary->errors[0].message, "claimReviewed: is 20000 bytes long; at most 16384");
}

TEST(ClaimReviewReader, RefusesDeepNestingWithoutExhaustingTheStack) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const Read r = ReadText(deep);
  ASSERT_FALSE(r.summary.ok());
  EXPECT_EQ(r.summary.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(r.summary.status().message(), "file: nests arrays and objects deeper than 64 levels");
}

TEST(ClaimReviewReader, SaysWhereAFileIsNotJson) {
  const Read r = ReadText("[" + Review("https://a.example/1", "one") + ",\n{\"url\": }]");
  ASSERT_FALSE(r.summary.ok());
  EXPECT_EQ(r.summary.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.summary.status().message().find("line 2"), std::string::npos)
      << r.summary.status().message();
}

TEST(ClaimReviewReader, RefusesJsonThatHoldsNoClaimReviewShape) {
  for (const std::string text : {R"({"@type":"Organization","name":"x"})", R"("text")", "42"}) {
    const Read r = ReadText(text);
    ASSERT_FALSE(r.summary.ok()) << text;
    EXPECT_EQ(r.summary.status().code(), Code::kInvalidArgument);
    EXPECT_NE(r.summary.status().message().find("ClaimReview"), std::string::npos)
        << r.summary.status().message();
  }
}

TEST(ClaimReviewReader, StopsWhenTheCallerDoes) {
  std::istringstream in("[" + Review("https://a.example/1", "one") + "," +
                        Review("https://a.example/2", "two") + "]");
  int calls = 0;
  const auto summary = ReadClaimReviews(in, [&](const ArchivedCheck&) {
    ++calls;
    return Status::Unavailable("the database is unavailable");
  });
  ASSERT_FALSE(summary.ok());
  EXPECT_EQ(summary.status().code(), Code::kUnavailable);
  EXPECT_EQ(calls, 1);
}

TEST(ClaimReviewReader, StreamsALargeFeedOneItemAtATime) {
  // 20,000 items: each reaches the caller as soon as it has been read, long before the
  // end of the feed (so the feed is never held whole, and 100,000 cost what 1 does).
  std::string feed = R"({"@type":"DataFeed","dataFeedElement":[)";
  for (int i = 0; i < 20000; ++i) {
    if (i > 0) feed += ',';
    feed += Review("https://a.example/" + std::to_string(i), "claim " + std::to_string(i));
  }
  feed += "]}";
  std::istringstream in(feed);
  std::size_t n = 0;
  const auto summary = ReadClaimReviews(in, [&](const ArchivedCheck& c) {
    EXPECT_EQ(c.url, "https://a.example/" + std::to_string(n));
    if (n == 0) {
      EXPECT_LT(in.rdbuf()->pubseekoff(0, std::ios::cur, std::ios::in), 200);
    }
    ++n;
    return Status::Ok();
  });
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(n, 20000u);
  EXPECT_EQ(summary->read, 20000u);
}

}  // namespace
}  // namespace factdesk::archive
