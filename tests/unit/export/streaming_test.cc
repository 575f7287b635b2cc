#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "import/importer.h"
#include "tests/unit/export/scenario.h"

// Exports are written while records arrive: the head before the first record, each
// record's bytes as it is added, nothing held back for the end. Checked by watching the
// sink with 10,000 records (no timings are asserted).
namespace factdesk::exporting {
namespace {

using nlohmann::json;
using testing::Capture;
using testing::MakeScenario;
using testing::Scenario;

constexpr int kRecords = 10'000;
// Far below what buffering even a hundred claims would write at once.
constexpr std::size_t kMaxWrite = 8 * 1024;

// The scenario's claims cycled to kRecords, with fresh ids in transcript order.
ClaimRecord NthRecord(const Scenario& s, int n) {
  ClaimRecord record = s.claims[static_cast<std::size_t>(n) % s.claims.size()];
  record.claim.set_id(100'000 + n);
  return record;
}

struct Stream {
  Capture out;
  std::size_t writes_after_begin = 0;
  int records_with_output = 0;
  bool every_record_written_at_once = true;
};

Stream StreamClaims(v1::ExportFormat format, const Scenario& s) {
  Stream st;
  auto exporter = MakeClaimExporter(format);
  EXPECT_TRUE(exporter.ok());
  if (!exporter.ok()) return st;
  const Sink sink = st.out.sink();
  (*exporter)->Begin(s.context, sink);
  st.writes_after_begin = st.out.writes.size();
  for (int n = 0; n < kRecords; ++n) {
    const ClaimRecord record = NthRecord(s, n);
    const std::size_t before = st.out.writes.size();
    (*exporter)->Add(record, sink);
    const std::size_t made = st.out.writes.size() - before;
    if (made > 0) {
      ++st.records_with_output;
      // The record is out as soon as Add returns, in one write.
      if (made != 1 ||
          st.out.bytes.find(std::to_string(record.claim.id()),
                            st.out.bytes.size() - st.out.writes.back()) == std::string::npos) {
        st.every_record_written_at_once = false;
      }
    }
  }
  (*exporter)->End(sink);
  return st;
}

std::size_t MaxWrite(const Capture& out) {
  return out.writes.empty() ? 0 : *std::max_element(out.writes.begin(), out.writes.end());
}

int PublishedPerCycle(const Scenario& s) {
  return static_cast<int>(std::count_if(s.claims.begin(), s.claims.end(), [](const ClaimRecord& r) {
    return r.claim.status() == v1::CLAIM_STATUS_PUBLISHED;
  }));
}

TEST(StreamingTest, ClaimReviewWritesEachReviewAsItComes) {
  const Scenario s = MakeScenario();
  const Stream st = StreamClaims(v1::EXPORT_FORMAT_CLAIMREVIEW, s);
  EXPECT_EQ(st.writes_after_begin, 1U);
  const int cycles = kRecords / static_cast<int>(s.claims.size());
  const int rest = kRecords % static_cast<int>(s.claims.size());
  int expected = cycles * PublishedPerCycle(s);
  for (int n = 0; n < rest; ++n) {
    expected += s.claims[static_cast<std::size_t>(n)].claim.status() == v1::CLAIM_STATUS_PUBLISHED;
  }
  EXPECT_EQ(st.records_with_output, expected);
  EXPECT_TRUE(st.every_record_written_at_once);
  EXPECT_LE(MaxWrite(st.out), kMaxWrite);
  EXPECT_EQ(json::parse(st.out.bytes).size(), static_cast<std::size_t>(expected));
}

TEST(StreamingTest, AnnotationsWriteEachAnnotationAndCountThemAtTheEnd) {
  const Stream st = StreamClaims(v1::EXPORT_FORMAT_ANNOTATIONS, MakeScenario());
  EXPECT_EQ(st.writes_after_begin, 1U);
  EXPECT_EQ(st.records_with_output, kRecords);
  EXPECT_TRUE(st.every_record_written_at_once);
  EXPECT_LE(MaxWrite(st.out), kMaxWrite);
  const json doc = json::parse(st.out.bytes);
  EXPECT_EQ(doc.at("total"), kRecords);
  EXPECT_EQ(doc.at("first").at("items").size(), static_cast<std::size_t>(kRecords));
}

TEST(StreamingTest, CsvWritesARowPerAdd) {
  const Scenario s = MakeScenario();
  for (const v1::ExportFormat format : {v1::EXPORT_FORMAT_CSV, v1::EXPORT_FORMAT_SOURCES_CSV}) {
    SCOPED_TRACE(v1::ExportFormat_Name(format));
    const Stream st = StreamClaims(format, s);
    EXPECT_EQ(st.writes_after_begin, 1U);  // the header
    EXPECT_TRUE(st.out.bytes.starts_with("\xEF\xBB\xBF"));
    EXPECT_LE(MaxWrite(st.out), kMaxWrite);
    if (format == v1::EXPORT_FORMAT_CSV) {
      EXPECT_EQ(st.records_with_output, kRecords);
      EXPECT_TRUE(st.every_record_written_at_once);
    } else {
      // Claims with an active source, in one write each.
      int with_sources = 0;
      for (int n = 0; n < kRecords; ++n) {
        const ClaimRecord record = NthRecord(s, n);
        with_sources += std::any_of(record.sources.begin(), record.sources.end(),
                                    [](const v1::Source& source) { return !source.removed(); });
      }
      EXPECT_EQ(st.records_with_output, with_sources);
      EXPECT_TRUE(st.every_record_written_at_once);
    }
  }
}

TEST(StreamingTest, TranscriptFormatsWriteEachSegmentAsItComes) {
  const Scenario s = MakeScenario();
  for (const v1::ExportFormat format : {v1::EXPORT_FORMAT_HTML, v1::EXPORT_FORMAT_VTT}) {
    SCOPED_TRACE(v1::ExportFormat_Name(format));
    auto exporter = MakeTranscriptExporter(format);
    ASSERT_TRUE(exporter.ok());
    Capture out;
    const Sink sink = out.sink();
    ASSERT_TRUE((*exporter)->Begin(s.context, s.transcript, sink).ok());
    EXPECT_EQ(out.writes.size(), 1U);
    for (int n = 0; n < kRecords; ++n) {
      v1::Segment segment = s.segments[static_cast<std::size_t>(n) % s.segments.size()];
      segment.set_ordinal(n);
      segment.set_start_ms(std::int64_t{n} * 1000);
      segment.set_end_ms(std::int64_t{n} * 1000 + 900);
      std::vector<ClaimRecord> claims = s.ClaimsOf(n % static_cast<int>(s.segments.size()));
      for (std::size_t k = 0; k < claims.size(); ++k) {
        claims[k].claim.set_id(100'000 + std::int64_t{n} * 10 + static_cast<std::int64_t>(k));
      }
      const std::size_t before = out.bytes.size();
      (*exporter)->AddSegment(segment, claims, sink);
      ASSERT_EQ(out.writes.size(), static_cast<std::size_t>(n) + 2);
      ASSERT_NE(out.bytes.find("-" + std::to_string(n), before), std::string::npos);
    }
    (*exporter)->End(sink);
    EXPECT_LE(MaxWrite(out), kMaxWrite);
    if (format == v1::EXPORT_FORMAT_VTT) {
      const auto parsed = import::Parse(out.bytes, import::Format::kVtt);
      ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
      // Every segment, and one cue for each of the 2 published claims per 5 segments.
      EXPECT_EQ(parsed->segments.size(), static_cast<std::size_t>(kRecords + kRecords / 5 * 2));
    } else {
      // The public report: the 2 published claims of every 5 segments.
      EXPECT_NE(out.bytes.find("<tfoot><tr><th>All claims</th><td class=\"n\">4000</td>"),
                std::string::npos);
    }
  }
}

}  // namespace
}  // namespace factdesk::exporting
