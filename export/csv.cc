// RFC 4180 CSV, one row per claim, for spreadsheets: a desk file, so every claim with its
// state and corrections (count, last reason and time), or PUBLISHED ones only on request (see
// csv_writer.h for the quoting, the byte order mark and the formula-injection guard).
#include <cstdint>
#include <string>

#include "export/csv_writer.h"
#include "export/formats.h"
#include "export/formatting.h"

namespace factdesk::exporting {
namespace {

std::string OptionalTime(const v1::Segment& segment, bool start) {
  if (start) return segment.has_start_ms() ? ClockTime(segment.start_ms()) : std::string();
  return segment.has_end_ms() ? ClockTime(segment.end_ms()) : std::string();
}

template <typename Message>
std::string OptionalIso(bool has, const Message& time) {
  return has ? IsoDateTime(time) : std::string();
}

class CsvExporter final : public Exporter {
 public:
  std::string_view content_type() const override { return kCsvContentType; }
  std::string file_extension() const override { return "csv"; }

  void Begin(const ExportContext& context, const Sink& sink) override {
    published_only_ = context.published_only;
    std::string head(kUtf8Bom);
    for (const char* name : {"claim_id",
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
                             "last_correction_at"}) {
      record_.Value(name);
    }
    head += record_.Finish();
    sink(head);
  }

  void Add(const ClaimRecord& record, const Sink& sink) override {
    const v1::Claim& claim = record.claim;
    if (published_only_ && !IsPublished(claim)) return;
    const v1::Verdict* verdict = CheckedVerdict(claim);
    std::string reviewers;
    for (const v1::Review& review : record.reviews) {
      if (review.reviewer().handle().empty()) continue;
      if (!reviewers.empty()) reviewers += "; ";
      reviewers += review.reviewer().handle();
    }
    std::string urls;
    for (const v1::Source& source : record.sources) {
      if (source.removed() || source.url().empty()) continue;
      if (!urls.empty()) urls += ' ';
      urls += source.url();
    }
    const std::string& speaker =
        record.segment.speaker().empty() ? claim.speaker() : record.segment.speaker();
    record_.Int(claim.id())
        .Int(claim.transcript_id())
        .Text(record.transcript.title())
        .Int(claim.segment_ordinal())
        .Text(speaker)
        .Text(claim.claimant())
        .Value(OptionalTime(record.segment, true))
        .Value(OptionalTime(record.segment, false))
        .Text(claim.quote())
        .Text(claim.summary())
        .Value(StatusName(claim.status()))
        .Text(verdict != nullptr ? verdict->label() : std::string())
        .Value(verdict != nullptr && verdict->ordered() ? NumberText(verdict->value())
                                                        : std::string())
        .Text(reviewers)
        .Text(urls)
        .Value(OptionalIso(claim.has_created_at(), claim.created_at()))
        .Value(OptionalIso(claim.has_resolved_at(), claim.resolved_at()))
        .Value(OptionalIso(claim.has_published_at(), claim.published_at()));
    AppendCorrections(record);
    sink(record_.Finish());
  }

  void End(const Sink& /*sink*/) override {}

 private:
  // The count, and the last correction's reason and time (empty without one).
  void AppendCorrections(const ClaimRecord& record) {
    const bool any = !record.corrections.empty();
    const v1::ClaimCorrection none;
    const v1::ClaimCorrection& last = any ? record.corrections.back() : none;
    record_.Int(static_cast<std::int64_t>(record.corrections.size()))
        .Text(last.reason())
        .Value(OptionalIso(last.has_corrected_at(), last.corrected_at()));
  }

  CsvRecord record_;
  bool published_only_ = false;
};

}  // namespace

std::unique_ptr<Exporter> NewCsvExporter() {
  return std::make_unique<CsvExporter>();
}

}  // namespace factdesk::exporting
