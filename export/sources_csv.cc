// RFC 4180 CSV, one row per active source, for spreadsheets (see csv_writer.h for the
// quoting, the byte order mark and the formula-injection guard). A desk file: each row
// carries its claim's state and corrections; --published-only keeps PUBLISHED claims.
#include <cstdint>
#include <string>

#include "export/csv_writer.h"
#include "export/formats.h"
#include "export/formatting.h"

namespace factdesk::exporting {
namespace {

class SourcesCsvExporter final : public Exporter {
 public:
  std::string_view content_type() const override { return kCsvContentType; }
  std::string file_extension() const override { return "csv"; }

  void Begin(const ExportContext& context, const Sink& sink) override {
    published_only_ = context.published_only;
    std::string head(kUtf8Bom);
    for (const char* name :
         {"source_id", "claim_id", "claim_summary", "url", "title", "publisher", "stance",
          "primary", "archived_url", "excerpt", "added_by", "added_at", "claim_status",
          "claim_corrections", "last_correction_reason", "last_correction_at"}) {
      record_.Value(name);
    }
    head += record_.Finish();
    sink(head);
  }

  // All of a claim's sources go out in one write: they are one record's bytes.
  void Add(const ClaimRecord& record, const Sink& sink) override {
    if (published_only_ && !IsPublished(record.claim)) return;
    const v1::ClaimCorrection none;
    const v1::ClaimCorrection& last = record.corrections.empty() ? none : record.corrections.back();
    std::string rows;
    for (const v1::Source& source : record.sources) {
      if (source.removed()) continue;
      record_.Int(source.id())
          .Int(record.claim.id())
          .Text(record.claim.summary())
          .Text(source.url())
          .Text(source.title())
          .Text(source.publisher())
          .Value(v1::StanceLabel(source.stance()))
          .Value(source.primary() ? "yes" : "no")
          .Text(source.archived_url())
          .Text(source.excerpt())
          .Text(source.added_by().handle())
          .Value(source.has_added_at() ? IsoDateTime(source.added_at()) : std::string())
          .Value(StatusName(record.claim.status()))
          .Int(static_cast<std::int64_t>(record.corrections.size()))
          .Text(last.reason())
          .Value(last.has_corrected_at() ? IsoDateTime(last.corrected_at()) : std::string());
      rows += record_.Finish();
    }
    if (!rows.empty()) sink(rows);
  }

  void End(const Sink& /*sink*/) override {}

 private:
  CsvRecord record_;
  bool published_only_ = false;
};

}  // namespace

std::unique_ptr<Exporter> NewSourcesCsvExporter() {
  return std::make_unique<SourcesCsvExporter>();
}

}  // namespace factdesk::exporting
