#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "common/utf8.h"
#include "export/exporter.h"

// A small, hand-built town hall that every format is checked against: two speakers,
// timed segments (one a sound cue), a Chinese quote next to an emoji, claims in every
// state, overlapping claims, sources (one removed) and reviews (one hidden), text that
// must be escaped (<script>, & and quotes), a summary with a comma, a quote and a newline,
// and values that look like spreadsheet formulas. Two claims are RESOLVED but not
// PUBLISHED (internal: absent from public exports); one published claim was corrected
// (its verdict changed, the reason carries "</script>") and had a dispute an editor
// decided.
namespace factdesk::exporting::testing {

inline google::protobuf::Timestamp At(std::int64_t seconds, std::int32_t nanos = 0) {
  google::protobuf::Timestamp time;
  time.set_seconds(seconds);
  time.set_nanos(nanos);
  return time;
}

// 2024-03-05T20:00:00Z and days after it.
inline constexpr std::int64_t kAired = 1709668800;
inline constexpr std::int64_t kDay = 86400;

inline v1::User MakeUser(std::int64_t id, std::string handle, std::string name) {
  v1::User user;
  user.set_id(id);
  user.set_handle(std::move(handle));
  user.set_display_name(std::move(name));
  return user;
}

inline v1::Verdict MakeVerdict(std::string label, std::optional<double> value) {
  v1::Verdict verdict;
  verdict.set_label(std::move(label));
  if (value) {
    verdict.set_ordered(true);
    verdict.set_value(*value);
    verdict.set_best(5);
    verdict.set_worst(1);
  }
  return verdict;
}

struct Scenario {
  ExportContext context;
  v1::Transcript transcript;
  std::vector<v1::Segment> segments;
  std::vector<ClaimRecord> claims;  // transcript order

  std::vector<ClaimRecord> ClaimsOf(int ordinal) const {
    std::vector<ClaimRecord> out;
    for (const ClaimRecord& record : claims) {
      if (record.claim.segment_ordinal() == ordinal) out.push_back(record);
    }
    return out;
  }
};

inline const v1::User kMaria = MakeUser(1, "maria.k", "María Kovač");
inline const v1::User kTom = MakeUser(2, "tom_r", "Tom Reyes");

inline Scenario MakeScenario() {
  Scenario s;
  v1::Workspace& ws = s.context.workspace;
  ws.set_id(5);
  ws.set_slug("town-hall");
  ws.set_name("Town Hall Desk");
  ws.mutable_publisher()->set_name("The Daily Check");
  ws.mutable_publisher()->set_url("https://dailycheck.example/");
  ws.mutable_publisher()->set_claim_url_prefix("https://dailycheck.example/checks/");
  v1::RatingScale* scale = ws.mutable_rating_scale();
  scale->set_best(5);
  scale->set_worst(1);
  const std::pair<const char*, double> ordered[] = {
      {"True", 5}, {"Mostly true", 4}, {"Half true", 3}, {"Mostly false", 2}, {"False", 1}};
  for (const auto& [label, value] : ordered) {
    v1::RatingLabel* l = scale->add_labels();
    l->set_label(label);
    l->set_ordered(true);
    l->set_value(value);
  }
  scale->add_labels()->set_label("Unverifiable");
  scale->add_labels()->set_label("Needs context");
  s.context.generated_at_iso = "2024-03-09T08:00:00Z";

  v1::Transcript& t = s.transcript;
  t.set_id(9);
  t.set_workspace_id(5);
  t.set_title("Town hall <live> & \"more\"");
  t.set_format(v1::TRANSCRIPT_FORMAT_VTT);
  t.set_source_url("https://video.example/townhall");
  *t.mutable_aired_at() = At(kAired);

  struct SegmentSpec {
    v1::SegmentKind kind;
    const char* speaker;
    std::int64_t start_ms;
    std::int64_t end_ms;
    const char* text;
  };
  const SegmentSpec specs[] = {
      {v1::SEGMENT_KIND_SPEECH, "Ana Moreno", 0, 4000,
       "Good evening. Unemployment fell to 3.9% last year, the lowest in decades."},
      {v1::SEGMENT_KIND_CUE, "", 4000, 5000, "(APPLAUSE)"},
      {v1::SEGMENT_KIND_SPEECH, "Li Wei", 5000, 9500,
       "我们的出口增长了百分之二十，这是事实。Exports grew 20% 🚀 in 2023."},
      {v1::SEGMENT_KIND_SPEECH, "Ana Moreno", 9500, 15250,
       "He said \"<script>alert(1)</script>\" was fine & crime doubled since 2020."},
      {v1::SEGMENT_KIND_SPEECH, "Li Wei", 15250, 3723004,
       "Taxes rose and wages fell at the same time."},
  };
  for (int i = 0; i < static_cast<int>(std::size(specs)); ++i) {
    v1::Segment seg;
    seg.set_id(900 + i);
    seg.set_transcript_id(9);
    seg.set_ordinal(i);
    seg.set_kind(specs[i].kind);
    seg.set_speaker(specs[i].speaker);
    seg.set_start_ms(specs[i].start_ms);
    seg.set_end_ms(specs[i].end_ms);
    seg.set_text(specs[i].text);
    s.segments.push_back(seg);
  }
  t.set_segment_count(static_cast<int>(s.segments.size()));

  // A claim on `quote`, found in the segment's text, with the server's 32-byte context.
  auto add_claim = [&](std::int64_t id, int ordinal, std::string_view quote,
                       v1::ClaimStatus status) -> ClaimRecord& {
    const v1::Segment& seg = s.segments[static_cast<std::size_t>(ordinal)];
    const std::string_view text = seg.text();
    const std::size_t start = text.find(quote);
    EXPECT_NE(start, std::string_view::npos) << quote;
    ClaimRecord record;
    v1::Claim& c = record.claim;
    c.set_id(id);
    c.set_workspace_id(5);
    c.set_transcript_id(9);
    c.set_segment_id(seg.id());
    c.set_segment_ordinal(ordinal);
    c.set_start_byte(static_cast<std::int32_t>(start));
    c.set_end_byte(static_cast<std::int32_t>(start + quote.size()));
    c.set_quote(std::string(quote));
    c.set_prefix(std::string(utf8::TakeLastBytes(text.substr(0, start), 32)));
    c.set_suffix(std::string(utf8::TruncateBytes(text.substr(start + quote.size()), 32)));
    c.set_summary(std::string(quote));
    c.set_claimant(seg.speaker());
    c.set_speaker(seg.speaker());
    c.set_status(status);
    *c.mutable_created_by() = kMaria;
    *c.mutable_created_at() = At(kAired + kDay);
    *c.mutable_updated_at() = At(kAired + kDay + 60);
    record.segment = seg;
    record.transcript = t;
    s.claims.push_back(std::move(record));
    return s.claims.back();
  };
  auto resolve = [](ClaimRecord& r, v1::Verdict verdict, bool published) {
    *r.claim.mutable_final_verdict() = std::move(verdict);
    *r.claim.mutable_resolved_at() = At(kAired + 2 * kDay, 250'000'000);
    if (published) *r.claim.mutable_published_at() = At(kAired + 3 * kDay);
  };
  auto add_review = [](ClaimRecord& r, const v1::User& who, const std::string& label,
                       std::optional<double> value, const std::string& rationale) {
    v1::Review review;
    review.set_id(r.claim.id() * 10 + static_cast<std::int64_t>(r.reviews.size()));
    review.set_claim_id(r.claim.id());
    *review.mutable_reviewer() = who;
    *review.mutable_verdict() = MakeVerdict(label, value);
    review.set_rationale(rationale);
    r.reviews.push_back(review);
  };
  auto add_source = [](ClaimRecord& r, std::int64_t id, std::string url, std::string title,
                       v1::Stance stance) -> v1::Source& {
    v1::Source source;
    source.set_id(id);
    source.set_claim_id(r.claim.id());
    source.set_url(std::move(url));
    source.set_title(std::move(title));
    source.set_stance(stance);
    *source.mutable_added_by() = kTom;
    *source.mutable_added_at() = At(kAired + kDay + 3600);
    r.sources.push_back(source);
    return r.sources.back();
  };

  {  // Published, ordered verdict, two sources and a removed one.
    ClaimRecord& r =
        add_claim(101, 0, "Unemployment fell to 3.9% last year", v1::CLAIM_STATUS_PUBLISHED);
    resolve(r, MakeVerdict("Mostly true", 4), true);
    add_review(r, kMaria, "Mostly true", 4, "The rate was 3.7–3.9% all year.\nClose enough.");
    add_review(r, kTom, "Mostly true", 4, "BLS data agrees.");
    v1::Source& primary = add_source(r, 501, "https://stats.example.gov/unemployment-2023",
                                     "Employment Situation, December 2023", v1::STANCE_SUPPORTS);
    primary.set_publisher("Bureau of Stats");
    primary.set_primary(true);
    add_source(r, 502, "https://news.example.com/jobs?id=1&ref=x", "Jobs report, explained",
               v1::STANCE_CONTEXT);
    add_source(r, 503, "https://removed.example.com/", "Removed", v1::STANCE_REFUTES)
        .set_removed(true);
  }
  {  // Chinese quote, resolved False; a source with comma, newline and an archive.
    ClaimRecord& r = add_claim(102, 2, "出口增长了百分之二十", v1::CLAIM_STATUS_RESOLVED);
    r.claim.set_summary("Exports grew by 20 percent");
    resolve(r, MakeVerdict("False", 1), false);
    add_review(r, kMaria, "False", 1, "Customs data shows <b>a fall</b>.");
    v1::Source& customs = add_source(r, 504, "https://trade.example.cn/2023",
                                     "海关总署：2023年出口数据", v1::STANCE_REFUTES);
    customs.set_publisher("General Administration of Customs");
    customs.set_primary(true);
    customs.set_archived_url("https://archive.example.org/trade");
    customs.set_excerpt("Exports fell 4.6%,\nnot \"grew\".");
  }
  {  // Emoji in the quote, in review, with a hidden review.
    ClaimRecord& r = add_claim(103, 2, "Exports grew 20% 🚀 in 2023", v1::CLAIM_STATUS_IN_REVIEW);
    v1::Review hidden;
    hidden.set_id(1031);
    *hidden.mutable_reviewer() = kTom;
    hidden.set_hidden(true);
    r.reviews.push_back(hidden);
  }
  {  // Markup in the quote; a summary that is a spreadsheet formula.
    ClaimRecord& r =
        add_claim(104, 3, "\"<script>alert(1)</script>\" was fine", v1::CLAIM_STATUS_DISPUTED);
    r.claim.set_summary("=HYPERLINK(\"http://evil.example\",\"x\")");
    add_review(r, kMaria, "False", 1, "secret until resolved");
  }
  {  // Unordered verdict; a summary with a comma, a quote and a newline.
    ClaimRecord& r = add_claim(105, 3, "crime doubled since 2020", v1::CLAIM_STATUS_PUBLISHED);
    r.claim.set_summary("Crime doubled, \"per police\"\nsince 2020");
    resolve(r, MakeVerdict("Unverifiable", std::nullopt), true);
    add_review(r, kTom, "Unverifiable", std::nullopt, "No police data published.");
    add_source(r, 505, "https://police.example.org/report", "@annual report", v1::STANCE_CONTEXT);
    r.decision_reasoning = "Two reviews differed; the police figures are not public.";
    v1::ClaimCorrection correction;
    correction.set_claim_id(105);
    correction.set_reason("The draft we cited (</script>) was withdrawn");
    *correction.mutable_corrected_at() = At(kAired + 4 * kDay);
    correction.set_earlier_verdict("Mostly false");
    r.corrections.push_back(correction);
    r.claim.set_correction_count(1);
  }
  {  // Two overlapping claims in one segment.
    ClaimRecord& r = add_claim(106, 4, "Taxes rose and wages fell", v1::CLAIM_STATUS_RESOLVED);
    resolve(r, MakeVerdict("Half true", 3), false);
    add_review(r, kMaria, "Half true", 3, "Taxes rose; wages were flat.");
    ClaimRecord& d = add_claim(107, 4, "wages fell at the same time", v1::CLAIM_STATUS_DISMISSED);
    d.claim.set_dismiss_reason(v1::DISMISS_REASON_DUPLICATE);
    d.claim.set_claimant("-Li Wei");
  }
  return s;
}

// Collects what a sink receives, write by write.
struct Capture {
  std::string bytes;
  std::vector<std::size_t> writes;  // size of each write
  Sink sink() {
    return [this](std::string_view data) {
      bytes.append(data);
      writes.push_back(data.size());
    };
  }
};

inline std::string ExportClaims(v1::ExportFormat format, const Scenario& s) {
  auto exporter = MakeClaimExporter(format);
  EXPECT_TRUE(exporter.ok()) << exporter.status().ToString();
  if (!exporter.ok()) return {};
  Capture out;
  const Sink sink = out.sink();
  (*exporter)->Begin(s.context, sink);
  for (const ClaimRecord& record : s.claims) (*exporter)->Add(record, sink);
  (*exporter)->End(sink);
  return out.bytes;
}

inline std::string ExportTranscript(v1::ExportFormat format, const Scenario& s) {
  auto exporter = MakeTranscriptExporter(format);
  EXPECT_TRUE(exporter.ok()) << exporter.status().ToString();
  if (!exporter.ok()) return {};
  Capture out;
  const Sink sink = out.sink();
  const Status begun = (*exporter)->Begin(s.context, s.transcript, sink);
  EXPECT_TRUE(begun.ok()) << begun.ToString();
  for (const v1::Segment& segment : s.segments) {
    const std::vector<ClaimRecord> claims = s.ClaimsOf(segment.ordinal());
    (*exporter)->AddSegment(segment, claims, sink);
  }
  (*exporter)->End(sink);
  return out.bytes;
}

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::size_t Count(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string_view::npos;
       at = haystack.find(needle, at + needle.size())) {
    ++n;
  }
  return n;
}

}  // namespace factdesk::exporting::testing
