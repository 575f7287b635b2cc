#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "export/csv_writer.h"
#include "tests/support/export_checks.h"
#include "tests/unit/export/scenario.h"

namespace factdesk::exporting {
namespace {

using testing::ExportClaims;
using testing::MakeScenario;
using testing::Scenario;

using Table = factdesk::testing::CsvTable;
using factdesk::testing::CsvByKey;
using factdesk::testing::ReadCsv;

std::string WithoutBom(const std::string& text) {
  EXPECT_TRUE(text.starts_with(kUtf8Bom));
  return text.substr(kUtf8Bom.size());
}

TEST(CsvRecordTest, QuotesOnlyWhenNeededAndGuardsFormulas) {
  CsvRecord record;
  record.Value("plain").Text("a,b").Text("say \"hi\"").Text("two\r\nlines").Text("=1+2");
  EXPECT_EQ(record.Finish(), "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\r\nlines\",'=1+2\r\n");
  record.Text("+1").Text("-x").Text("@sum").Text("\tx").Text("=\"a\",b").Value("-3").Text("");
  EXPECT_EQ(record.Finish(), "'+1,'-x,'@sum,'\tx,\"'=\"\"a\"\",b\",-3,\r\n");
  record.Int(-42);
  EXPECT_EQ(record.Finish(), "-42\r\n");
}

TEST(CsvTest, HeaderAndOneRowPerClaim) {
  const Table table = ReadCsv(WithoutBom(ExportClaims(v1::EXPORT_FORMAT_CSV, MakeScenario())));
  ASSERT_EQ(table.size(), 8U);
  EXPECT_EQ(table[0], (std::vector<std::string>{"claim_id",
                                                "transcript_id",
                                                "transcript",
                                                "segment_ordinal",
                                                "speaker",
                                                "claimant",
                                                "start_time",
                                                "end_time",
                                                "quote",
                                                "summary",
                                                "status",
                                                "verdict",
                                                "rating_value",
                                                "reviewers",
                                                "source_urls",
                                                "created_at",
                                                "resolved_at",
                                                "published_at",
                                                "corrections",
                                                "last_correction_reason",
                                                "last_correction_at"}));
  std::vector<std::string> ids;
  for (std::size_t r = 1; r < table.size(); ++r) ids.push_back(table[r][0]);
  EXPECT_EQ(ids, (std::vector<std::string>{"101", "102", "103", "104", "105", "106", "107"}));
}

TEST(CsvTest, PublishedClaimCellByCell) {
  const auto rows =
      CsvByKey(ReadCsv(WithoutBom(ExportClaims(v1::EXPORT_FORMAT_CSV, MakeScenario()))));
  const std::map<std::string, std::string> expected = {
      {"claim_id", "101"},
      {"transcript_id", "9"},
      {"transcript", "Town hall <live> & \"more\""},
      {"segment_ordinal", "0"},
      {"speaker", "Ana Moreno"},
      {"claimant", "Ana Moreno"},
      {"start_time", "00:00:00.000"},
      {"end_time", "00:00:04.000"},
      {"quote", "Unemployment fell to 3.9% last year"},
      {"summary", "Unemployment fell to 3.9% last year"},
      {"status", "published"},
      {"verdict", "Mostly true"},
      {"rating_value", "4"},
      {"reviewers", "maria.k; tom_r"},
      {"source_urls",
       "https://stats.example.gov/unemployment-2023 https://news.example.com/jobs?id=1&ref=x"},
      {"created_at", "2024-03-06T20:00:00Z"},
      {"resolved_at", "2024-03-07T20:00:00.250Z"},
      {"published_at", "2024-03-08T20:00:00Z"},
      {"corrections", "0"},
      {"last_correction_reason", ""},
      {"last_correction_at", ""},
  };
  EXPECT_EQ(rows.at("101"), expected);
}

TEST(CsvTest, DeskFileMarksResolvedClaimsAndCorrections) {
  const auto rows =
      CsvByKey(ReadCsv(WithoutBom(ExportClaims(v1::EXPORT_FORMAT_CSV, MakeScenario()))));
  // RESOLVED claims are in the desk file, marked as such.
  EXPECT_EQ(rows.at("102").at("status"), "resolved");
  EXPECT_EQ(rows.at("106").at("status"), "resolved");
  EXPECT_EQ(rows.at("105").at("corrections"), "1");
  EXPECT_EQ(rows.at("105").at("last_correction_reason"),
            "The draft we cited (</script>) was withdrawn");
  EXPECT_EQ(rows.at("105").at("last_correction_at"), "2024-03-09T20:00:00Z");
}

TEST(CsvTest, PublishedOnlyKeepsPublishedClaims) {
  Scenario s = MakeScenario();
  s.context.published_only = true;
  const Table table = ReadCsv(WithoutBom(ExportClaims(v1::EXPORT_FORMAT_CSV, s)));
  std::vector<std::string> ids;
  for (std::size_t r = 1; r < table.size(); ++r) ids.push_back(table[r][0]);
  EXPECT_EQ(ids, (std::vector<std::string>{"101", "105"}));
  const Table sources = ReadCsv(WithoutBom(ExportClaims(v1::EXPORT_FORMAT_SOURCES_CSV, s)));
  std::vector<std::string> source_ids;
  for (std::size_t r = 1; r < sources.size(); ++r) source_ids.push_back(sources[r][0]);
  EXPECT_EQ(source_ids, (std::vector<std::string>{"501", "502", "505"}));  // not 504 (102)
}

TEST(CsvTest, OtherClaimsRoundTrip) {
  const std::string text = ExportClaims(v1::EXPORT_FORMAT_CSV, MakeScenario());
  const auto rows = CsvByKey(ReadCsv(WithoutBom(text)));
  // Chinese text passes through untouched.
  EXPECT_EQ(rows.at("102").at("quote"), "出口增长了百分之二十");
  EXPECT_EQ(rows.at("102").at("verdict"), "False");
  EXPECT_EQ(rows.at("102").at("rating_value"), "1");
  EXPECT_EQ(rows.at("102").at("published_at"), "");
  EXPECT_EQ(rows.at("103").at("quote"), "Exports grew 20% 🚀 in 2023");
  EXPECT_EQ(rows.at("103").at("status"), "in_review");
  EXPECT_EQ(rows.at("103").at("verdict"), "");
  EXPECT_EQ(rows.at("103").at("reviewers"), "tom_r");
  EXPECT_EQ(rows.at("103").at("resolved_at"), "");
  // Comma, quote and newline in one field, and its quoting on the wire.
  EXPECT_EQ(rows.at("105").at("summary"), "Crime doubled, \"per police\"\nsince 2020");
  EXPECT_NE(text.find(",\"Crime doubled, \"\"per police\"\"\nsince 2020\","), std::string::npos);
  EXPECT_EQ(rows.at("105").at("verdict"), "Unverifiable");
  EXPECT_EQ(rows.at("105").at("rating_value"), "");  // unordered
  EXPECT_EQ(rows.at("104").at("quote"), "\"<script>alert(1)</script>\" was fine");
  // Formula injection: user text starting with = or - becomes text.
  EXPECT_EQ(rows.at("104").at("summary"), "'=HYPERLINK(\"http://evil.example\",\"x\")");
  EXPECT_EQ(rows.at("104").at("status"), "disputed");
  EXPECT_EQ(rows.at("104").at("verdict"), "");
  EXPECT_EQ(rows.at("107").at("claimant"), "'-Li Wei");
  EXPECT_EQ(rows.at("107").at("status"), "dismissed");
  EXPECT_EQ(rows.at("106").at("end_time"), "01:02:03.004");
  EXPECT_EQ(rows.at("106").at("rating_value"), "3");
}

TEST(CsvTest, UntimedSegmentsLeaveTimesEmpty) {
  Scenario s = MakeScenario();
  s.claims.resize(1);
  s.claims[0].segment.clear_start_ms();
  s.claims[0].segment.clear_end_ms();
  const auto rows = CsvByKey(ReadCsv(WithoutBom(ExportClaims(v1::EXPORT_FORMAT_CSV, s))));
  EXPECT_EQ(rows.at("101").at("start_time"), "");
  EXPECT_EQ(rows.at("101").at("end_time"), "");
}

TEST(CsvTest, EmptyExportIsTheHeader) {
  Scenario s = MakeScenario();
  s.claims.clear();
  EXPECT_EQ(ReadCsv(WithoutBom(ExportClaims(v1::EXPORT_FORMAT_CSV, s))).size(), 1U);
}

TEST(SourcesCsvTest, OneRowPerActiveSource) {
  const Table table =
      ReadCsv(WithoutBom(ExportClaims(v1::EXPORT_FORMAT_SOURCES_CSV, MakeScenario())));
  ASSERT_EQ(table.size(), 5U);  // 503 was removed
  EXPECT_EQ(table[0],
            (std::vector<std::string>{"source_id", "claim_id", "claim_summary", "url", "title",
                                      "publisher", "stance", "primary", "archived_url", "excerpt",
                                      "added_by", "added_at", "claim_status", "claim_corrections",
                                      "last_correction_reason", "last_correction_at"}));
  std::vector<std::string> ids;
  for (std::size_t r = 1; r < table.size(); ++r) ids.push_back(table[r][0]);
  EXPECT_EQ(ids, (std::vector<std::string>{"501", "502", "504", "505"}));

  const auto rows = CsvByKey(table);
  const std::map<std::string, std::string> customs = {
      {"source_id", "504"},
      {"claim_id", "102"},
      {"claim_summary", "Exports grew by 20 percent"},
      {"url", "https://trade.example.cn/2023"},
      {"title", "海关总署：2023年出口数据"},
      {"publisher", "General Administration of Customs"},
      {"stance", "refutes"},
      {"primary", "yes"},
      {"archived_url", "https://archive.example.org/trade"},
      {"excerpt", "Exports fell 4.6%,\nnot \"grew\"."},
      {"added_by", "tom_r"},
      {"added_at", "2024-03-06T21:00:00Z"},
      {"claim_status", "resolved"},
      {"claim_corrections", "0"},
      {"last_correction_reason", ""},
      {"last_correction_at", ""},
  };
  EXPECT_EQ(rows.at("504"), customs);
  EXPECT_EQ(rows.at("505").at("claim_status"), "published");
  EXPECT_EQ(rows.at("505").at("claim_corrections"), "1");
  EXPECT_EQ(rows.at("505").at("last_correction_reason"),
            "The draft we cited (</script>) was withdrawn");
  EXPECT_EQ(rows.at("505").at("last_correction_at"), "2024-03-09T20:00:00Z");
  EXPECT_EQ(rows.at("501").at("title"), "Employment Situation, December 2023");
  EXPECT_EQ(rows.at("501").at("publisher"), "Bureau of Stats");
  EXPECT_EQ(rows.at("502").at("stance"), "context");
  EXPECT_EQ(rows.at("502").at("primary"), "no");
  EXPECT_EQ(rows.at("502").at("archived_url"), "");
  EXPECT_EQ(rows.at("505").at("title"), "'@annual report");  // formula guard
  EXPECT_EQ(rows.at("505").at("claim_summary"), "Crime doubled, \"per police\"\nsince 2020");
}

}  // namespace
}  // namespace factdesk::exporting
