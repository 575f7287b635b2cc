#include "export/exporter.h"

#include <string>

#include "export/formats.h"

namespace factdesk::exporting {
namespace {

Status WrongKind(v1::ExportFormat format, const char* what) {
  return Status::InvalidArgument("format", std::string(v1::ExportFormat_Name(format)) + what);
}

}  // namespace

bool IsTranscriptFormat(v1::ExportFormat format) {
  return format == v1::EXPORT_FORMAT_HTML || format == v1::EXPORT_FORMAT_VTT;
}

bool WritesPublishedOnly(v1::ExportFormat format, const ExportContext& context) {
  switch (format) {
    case v1::EXPORT_FORMAT_CLAIMREVIEW:
      return true;
    case v1::EXPORT_FORMAT_ANNOTATIONS:
    case v1::EXPORT_FORMAT_CSV:
    case v1::EXPORT_FORMAT_SOURCES_CSV:
      return context.published_only;
    default:
      return false;
  }
}

Result<std::unique_ptr<Exporter>> MakeClaimExporter(v1::ExportFormat format) {
  switch (format) {
    case v1::EXPORT_FORMAT_CLAIMREVIEW:
      return NewClaimReviewExporter();
    case v1::EXPORT_FORMAT_ANNOTATIONS:
      return NewAnnotationsExporter();
    case v1::EXPORT_FORMAT_CSV:
      return NewCsvExporter();
    case v1::EXPORT_FORMAT_SOURCES_CSV:
      return NewSourcesCsvExporter();
    case v1::EXPORT_FORMAT_HTML:
    case v1::EXPORT_FORMAT_VTT:
      return WrongKind(format, " renders one transcript, not a list of claims");
    default:
      return Status::InvalidArgument("format", "must be a known export format");
  }
}

Result<std::unique_ptr<TranscriptExporter>> MakeTranscriptExporter(v1::ExportFormat format) {
  switch (format) {
    case v1::EXPORT_FORMAT_HTML:
      return NewHtmlExporter();
    case v1::EXPORT_FORMAT_VTT:
      return NewVttExporter();
    case v1::EXPORT_FORMAT_CLAIMREVIEW:
    case v1::EXPORT_FORMAT_ANNOTATIONS:
    case v1::EXPORT_FORMAT_CSV:
    case v1::EXPORT_FORMAT_SOURCES_CSV:
      return WrongKind(format, " lists claims; it does not render a transcript");
    default:
      return Status::InvalidArgument("format", "must be a known export format");
  }
}

}  // namespace factdesk::exporting
