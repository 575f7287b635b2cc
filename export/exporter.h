#pragma once

#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/status.h"
#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/export.pb.h"
#include "factdesk/v1/review.pb.h"
#include "factdesk/v1/source.pb.h"
#include "factdesk/v1/transcript.pb.h"
#include "factdesk/v1/workspace.pb.h"

// Exports: records in, bytes out, streamed.
//
// An export of a large workspace must not be built in memory: the server reads claims
// (or segments) a page at a time and hands each record to an exporter, which writes that
// record's bytes to a Sink at once and keeps only small running state (a counter, the
// verdict tally). The server turns what the sink receives into 64 KiB gRPC chunks.
//
// Two kinds of exporter:
//  - Exporter (claimreview, annotations, csv, sources_csv): one record per claim, in any
//    set of transcripts: Begin, Add per claim in transcript order, End.
//  - TranscriptExporter (html, vtt): renders one transcript with its claims inside it:
//    Begin with the transcript, AddSegment per segment in ordinal order with the claims
//    anchored in that segment, End.
//
// The server's side, for a transcript format:
//   FD_ASSIGN_OR_RETURN(auto exporter, MakeTranscriptExporter(request.format()));
//   FD_RETURN_IF_ERROR(exporter->Begin(context, transcript, sink));  // before any chunk
//   for each page of segments: for each segment, its claims (ClaimRecords):
//     exporter->AddSegment(segment, claims_of_segment, sink);
//   exporter->End(sink);
// and for a claim format the same with MakeClaimExporter, Begin(context, sink), Add per
// claim in transcript order, End. IsTranscriptFormat tells which of the two to use.
//
// Records are trusted to come from the database, but an odd one never breaks the output:
// a claim whose byte range does not fit its segment's text loses only its position
// (no highlight, no TextPositionSelector); the rest of it is still exported.
namespace factdesk::exporting {

// Receives the output bytes in order. Each call carries at most one record's bytes.
using Sink = std::function<void(std::string_view bytes)>;

// Everything about one claim an export needs; the server fills it from the database.
struct ClaimRecord {
  // With quote, prefix, suffix, summary, claimant, status, final_verdict, segment
  // ordinal, byte range, created_by and the timestamps.
  v1::Claim claim;
  // The segment the claim is anchored in (speaker, times, text).
  v1::Segment segment;
  // The claim's transcript: title, source_url and aired_at are used (not speakers).
  v1::Transcript transcript;
  // Active sources, oldest first (removed ones are skipped if passed).
  std::vector<v1::Source> sources;
  // All submitted reviews. Exports are made by members, and the blind rule does not
  // apply to RESOLVED and PUBLISHED claims, whose rationales are exported.
  std::vector<v1::Review> reviews;
  // Changes made after publication, oldest first.
  std::vector<v1::ClaimCorrection> corrections;
  // The editor's reasoning when a dispute over the claim was decided ("" otherwise).
  std::string decision_reasoning;
};

struct ExportContext {
  // Name, publisher (name, url, claim_url_prefix) and rating scale.
  v1::Workspace workspace;
  // When the export was made, ISO 8601 UTC (see IsoDateTime); empty leaves it out.
  std::string generated_at_iso;
  // Who an HTML report is for (PUBLIC unless DESK; other formats ignore it).
  v1::ExportAudience audience = v1::EXPORT_AUDIENCE_PUBLIC;
  // The desk files (csv, sources_csv, annotations) leave out claims not PUBLISHED.
  bool published_only = false;
};

// One per claim format. Use an instance for one export only.
class Exporter {
 public:
  virtual ~Exporter() = default;
  // MIME type for the first chunk, e.g. "text/csv; charset=utf-8; header=present".
  virtual std::string_view content_type() const = 0;
  // File name extension without the dot, e.g. "jsonld".
  virtual std::string file_extension() const = 0;
  // Writes the head of the file (a CSV header row, the opening of a JSON document).
  virtual void Begin(const ExportContext& context, const Sink& sink) = 0;
  // Writes one claim (nothing when the format skips it: claimreview skips claims that are
  // not PUBLISHED). Called in transcript order.
  virtual void Add(const ClaimRecord& record, const Sink& sink) = 0;
  // Writes the tail; the file is complete.
  virtual void End(const Sink& sink) = 0;
};

// One per transcript format (html, vtt). Use an instance for one export only.
class TranscriptExporter {
 public:
  virtual ~TranscriptExporter() = default;
  virtual std::string_view content_type() const = 0;
  virtual std::string file_extension() const = 0;
  // Checks that the transcript can be rendered in this format, then writes the head.
  // On error nothing is written and the export must stop: VTT returns FAILED_PRECONDITION
  // "transcript has no timings; VTT needs them" for text and tab-separated transcripts.
  // `transcript` needs only its metadata (title, source_url, aired_at, format).
  virtual Status Begin(const ExportContext& context, const v1::Transcript& transcript,
                       const Sink& sink) = 0;
  // Writes one segment, then or with it the claims anchored in it. Call for every segment
  // in ordinal order; `claims` are the segment's claims in any order (they are sorted by
  // start byte); their `segment` and `transcript` fields are not read.
  virtual void AddSegment(const v1::Segment& segment, std::span<const ClaimRecord> claims,
                          const Sink& sink) = 0;
  // Writes the tail (HTML: the verdict summary); the file is complete.
  virtual void End(const Sink& sink) = 0;
};

// True for the formats rendered by a TranscriptExporter (html, vtt).
bool IsTranscriptFormat(v1::ExportFormat format);

// True when a claim format's export writes PUBLISHED claims only, whatever else it is
// given: ClaimReview always, the desk files with `published_only`. The server then reads
// only those (a workspace's published checks are often a small part of its claims).
bool WritesPublishedOnly(v1::ExportFormat format, const ExportContext& context);

// An exporter for claimreview, annotations, csv or sources_csv; INVALID_ARGUMENT
// "format: ..." for the transcript formats and unknown values.
Result<std::unique_ptr<Exporter>> MakeClaimExporter(v1::ExportFormat format);

// An exporter for html or vtt; INVALID_ARGUMENT "format: ..." for the others.
Result<std::unique_ptr<TranscriptExporter>> MakeTranscriptExporter(v1::ExportFormat format);

}  // namespace factdesk::exporting
