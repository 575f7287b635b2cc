#include "export/exporter.h"

#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "export/formatting.h"
#include "tests/unit/export/scenario.h"

namespace factdesk::exporting {
namespace {

using testing::At;

TEST(ExporterFactoryTest, ClaimFormats) {
  struct Case {
    v1::ExportFormat format;
    std::string_view content_type;
    std::string extension;
  };
  const Case cases[] = {
      {v1::EXPORT_FORMAT_CLAIMREVIEW, "application/ld+json", "jsonld"},
      {v1::EXPORT_FORMAT_ANNOTATIONS,
       "application/ld+json; profile=\"http://www.w3.org/ns/anno.jsonld\"", "jsonld"},
      {v1::EXPORT_FORMAT_CSV, "text/csv; charset=utf-8; header=present", "csv"},
      {v1::EXPORT_FORMAT_SOURCES_CSV, "text/csv; charset=utf-8; header=present", "csv"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(v1::ExportFormat_Name(c.format));
    EXPECT_FALSE(IsTranscriptFormat(c.format));
    auto exporter = MakeClaimExporter(c.format);
    ASSERT_TRUE(exporter.ok()) << exporter.status().ToString();
    EXPECT_EQ((*exporter)->content_type(), c.content_type);
    EXPECT_EQ((*exporter)->file_extension(), c.extension);
    const auto wrong = MakeTranscriptExporter(c.format);
    EXPECT_EQ(wrong.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(wrong.status().message(), "format: " + v1::ExportFormat_Name(c.format) +
                                            " lists claims; it does not render a transcript");
  }
}

TEST(ExporterFactoryTest, TranscriptFormats) {
  for (const auto& [format, type, extension] :
       {std::tuple{v1::EXPORT_FORMAT_HTML, "text/html; charset=utf-8", "html"},
        std::tuple{v1::EXPORT_FORMAT_VTT, "text/vtt; charset=utf-8", "vtt"}}) {
    SCOPED_TRACE(v1::ExportFormat_Name(format));
    EXPECT_TRUE(IsTranscriptFormat(format));
    auto exporter = MakeTranscriptExporter(format);
    ASSERT_TRUE(exporter.ok()) << exporter.status().ToString();
    EXPECT_EQ((*exporter)->content_type(), type);
    EXPECT_EQ((*exporter)->file_extension(), extension);
    const auto wrong = MakeClaimExporter(format);
    EXPECT_EQ(wrong.status().code(), Code::kInvalidArgument);
    EXPECT_EQ(wrong.status().message(), "format: " + v1::ExportFormat_Name(format) +
                                            " renders one transcript, not a list of claims");
  }
}

TEST(ExporterFactoryTest, UnknownFormats) {
  for (const v1::ExportFormat format :
       {v1::EXPORT_FORMAT_UNSPECIFIED, static_cast<v1::ExportFormat>(99)}) {
    EXPECT_EQ(MakeClaimExporter(format).status().message(),
              "format: must be a known export format");
    EXPECT_EQ(MakeTranscriptExporter(format).status().code(), Code::kInvalidArgument);
  }
}

// The server reads only the published claims of an export that writes no others; that
// must not change a byte of what the export writes, whatever the format and the scenario's
// claims in every state.
TEST(ExporterFactoryTest, WritesPublishedOnlyGivesTheSameBytesFromPublishedClaimsAlone) {
  const testing::Scenario all = testing::MakeScenario();
  for (const bool published_only : {false, true}) {
    for (const v1::ExportFormat format :
         {v1::EXPORT_FORMAT_CLAIMREVIEW, v1::EXPORT_FORMAT_ANNOTATIONS, v1::EXPORT_FORMAT_CSV,
          v1::EXPORT_FORMAT_SOURCES_CSV}) {
      SCOPED_TRACE(v1::ExportFormat_Name(format) + (published_only ? " published only" : ""));
      testing::Scenario s = all;
      s.context.published_only = published_only;
      const bool expected = format == v1::EXPORT_FORMAT_CLAIMREVIEW || published_only;
      ASSERT_EQ(WritesPublishedOnly(format, s.context), expected);
      if (!expected) continue;
      testing::Scenario published = s;
      std::erase_if(published.claims, [](const ClaimRecord& r) { return !IsPublished(r.claim); });
      ASSERT_LT(published.claims.size(), s.claims.size());
      ASSERT_FALSE(published.claims.empty());
      EXPECT_EQ(testing::ExportClaims(format, published), testing::ExportClaims(format, s));
    }
  }
  // Transcript formats render every segment; they read every claim of a page.
  EXPECT_FALSE(WritesPublishedOnly(v1::EXPORT_FORMAT_HTML, all.context));
  EXPECT_FALSE(WritesPublishedOnly(v1::EXPORT_FORMAT_VTT, all.context));
}

TEST(FormattingTest, IsoDateTimeInUtc) {
  EXPECT_EQ(IsoDateTime(At(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(IsoDateTime(At(1709668800)), "2024-03-05T20:00:00Z");
  EXPECT_EQ(IsoDateTime(At(1709668800, 250'000'000)), "2024-03-05T20:00:00.250Z");
  EXPECT_EQ(IsoDateTime(At(1709668800, 999'999)), "2024-03-05T20:00:00Z");  // below 1 ms
  EXPECT_EQ(IsoDateTime(At(-1)), "1969-12-31T23:59:59Z");
  EXPECT_EQ(IsoDateTime(At(951782400)), "2000-02-29T00:00:00Z");
  EXPECT_EQ(IsoDateTime(At(253402300799)), "9999-12-31T23:59:59Z");  // Timestamp's maximum
  EXPECT_EQ(IsoDate(At(1709668800 + 14400)), "2024-03-06");
  EXPECT_EQ(IsoDate(At(-62135596800)), "0001-01-01");  // Timestamp's minimum
}

TEST(FormattingTest, ClockTime) {
  EXPECT_EQ(ClockTime(0), "00:00:00.000");
  EXPECT_EQ(ClockTime(3723004), "01:02:03.004");
  EXPECT_EQ(ClockTime(59999), "00:00:59.999");
  EXPECT_EQ(ClockTime(360'000'000), "100:00:00.000");
  EXPECT_EQ(ClockTime(-5), "00:00:00.000");
}

TEST(FormattingTest, Names) {
  EXPECT_EQ(StatusName(v1::CLAIM_STATUS_IN_REVIEW), "in_review");
  EXPECT_EQ(v1::ClaimStatusLabel(v1::CLAIM_STATUS_IN_REVIEW), "In review");
  EXPECT_EQ(StatusName(static_cast<v1::ClaimStatus>(42)), "unspecified");
  EXPECT_EQ(v1::StanceLabel(v1::STANCE_REFUTES), "refutes");
}

TEST(FormattingTest, NumbersAndUrls) {
  EXPECT_EQ(NumberText(4.0), "4");
  EXPECT_EQ(NumberText(2.5), "2.5");
  EXPECT_EQ(NumberText(-1.0), "-1");
  EXPECT_EQ(NumberText(0.1), "0.1");
  EXPECT_TRUE(IsWebUrl("https://example.org"));
  EXPECT_TRUE(IsWebUrl("HTTP://EXAMPLE.ORG"));
  EXPECT_FALSE(IsWebUrl("javascript:alert(1)"));
  EXPECT_FALSE(IsWebUrl("http:"));
  v1::Workspace workspace;
  EXPECT_EQ(ClaimUrl(workspace, 42), "");
  workspace.mutable_publisher()->set_claim_url_prefix("https://example.org/checks/");
  EXPECT_EQ(ClaimUrl(workspace, 42), "https://example.org/checks/42");
}

TEST(FormattingTest, VerdictsOnlyForCheckedClaims) {
  v1::Claim claim;
  *claim.mutable_final_verdict() = testing::MakeVerdict("False", 1);
  for (const v1::ClaimStatus status : {v1::CLAIM_STATUS_OPEN, v1::CLAIM_STATUS_IN_REVIEW,
                                       v1::CLAIM_STATUS_DISPUTED, v1::CLAIM_STATUS_DISMISSED}) {
    claim.set_status(status);  // e.g. reopened: the old verdict is not current
    EXPECT_EQ(CheckedVerdict(claim), nullptr) << StatusName(status);
  }
  claim.set_status(v1::CLAIM_STATUS_PUBLISHED);
  ASSERT_NE(CheckedVerdict(claim), nullptr);
  EXPECT_EQ(CheckedVerdict(claim)->label(), "False");
  claim.clear_final_verdict();
  EXPECT_EQ(CheckedVerdict(claim), nullptr);
}

TEST(FormattingTest, ToneFollowsTheScale) {
  EXPECT_EQ(ToneOf(testing::MakeVerdict("True", 5)), VerdictTone::kTrue);
  EXPECT_EQ(ToneOf(testing::MakeVerdict("Mostly true", 4)), VerdictTone::kTrue);
  EXPECT_EQ(ToneOf(testing::MakeVerdict("Half true", 3)), VerdictTone::kMixed);
  EXPECT_EQ(ToneOf(testing::MakeVerdict("Mostly false", 2)), VerdictTone::kFalse);
  EXPECT_EQ(ToneOf(testing::MakeVerdict("False", 1)), VerdictTone::kFalse);
  EXPECT_EQ(ToneOf(testing::MakeVerdict("Unverifiable", std::nullopt)), VerdictTone::kUnrated);
  v1::Verdict flat = testing::MakeVerdict("Odd", 1);
  flat.set_best(1);
  EXPECT_EQ(ToneOf(flat), VerdictTone::kUnrated);  // no span to place it on
  flat.set_best(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(ToneOf(flat), VerdictTone::kUnrated);
}

TEST(FormattingTest, ClaimRangeMustFitTheText) {
  const std::string text = "我们 said hi";  // 我 and 们 are 3 bytes each
  v1::Claim claim;
  auto range = [&](int start, int end, std::string quote) {
    claim.set_start_byte(start);
    claim.set_end_byte(end);
    claim.set_quote(std::move(quote));
    return ClaimRange(claim, text);
  };
  ASSERT_TRUE(range(0, 6, "我们").has_value());
  EXPECT_EQ(range(0, 6, "我们")->end, 6U);
  EXPECT_TRUE(range(7, 11, "said").has_value());
  EXPECT_TRUE(range(7, 11, "").has_value());   // no quote to compare
  EXPECT_TRUE(range(14, 14, "").has_value());  // empty, at the end
  EXPECT_FALSE(range(1, 6, "").has_value());   // inside 我
  EXPECT_FALSE(range(0, 4, "").has_value());   // inside 们
  EXPECT_FALSE(range(7, 15, "").has_value());  // past the end
  EXPECT_FALSE(range(-1, 3, "").has_value());
  EXPECT_FALSE(range(6, 3, "").has_value());
  EXPECT_FALSE(range(7, 11, "hi").has_value());  // not the quote
}

}  // namespace
}  // namespace factdesk::exporting
