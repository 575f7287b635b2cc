#pragma once

#include <memory>

#include "export/exporter.h"

// The exporters behind the factories, one file each (internal to the library).
namespace factdesk::exporting {

std::unique_ptr<Exporter> NewClaimReviewExporter();     // claimreview.cc
std::unique_ptr<Exporter> NewAnnotationsExporter();     // annotations.cc
std::unique_ptr<Exporter> NewCsvExporter();             // csv.cc
std::unique_ptr<Exporter> NewSourcesCsvExporter();      // sources_csv.cc
std::unique_ptr<TranscriptExporter> NewHtmlExporter();  // html.cc
std::unique_ptr<TranscriptExporter> NewVttExporter();   // vtt.cc

}  // namespace factdesk::exporting
