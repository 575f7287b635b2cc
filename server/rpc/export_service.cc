#include "server/rpc/export_service.h"

#include <algorithm>
#include <chrono>
#include <mutex>
#include <unordered_map>

#include <fmt/format.h>
#include <google/protobuf/util/time_util.h>

#include "common/page_prefetcher.h"
#include "common/tsan_handoff.h"
#include "export/exporter.h"
#include "export/formatting.h"
#include "proto/enum_text.h"
#include "server/logging/request_log.h"
#include "server/rpc/authorize.h"
#include "server/rpc/blind_view.h"
#include "server/rpc/call.h"
#include "server/rpc/export_writer.h"
#include "server/rpc/metrics.h"
#include "server/rpc/record_access.h"
#include "server/rpc/request_checks.h"
#include "server/store/account_store.h"
#include "server/store/claim_store.h"
#include "server/store/export_store.h"
#include "server/store/review_store.h"
#include "server/store/source_store.h"
#include "server/store/transcript_store.h"

namespace factdesk::rpc {
namespace {

using store::Tx;

constexpr std::size_t kClaimPage = 1000;
constexpr int kSegmentPage = 200;
// Pages read at once: a page's statements run one after another, so while one reader
// maps its rows the other's keep PostgreSQL busy. More would only queue for the cores.
constexpr std::size_t kPageReaders = 2;

// The transcripts of an export's claims (title, link, air date; not speakers), each read
// once and shared by the export's page readers.
class TranscriptCache {
 public:
  TranscriptCache() = default;
  explicit TranscriptCache(const v1::Transcript& known) { known_.emplace(known.id(), known); }

  Result<const v1::Transcript*> Get(Tx& tx, std::int64_t id) {
    const std::lock_guard lock(mu_);
    auto it = known_.find(id);
    if (it == known_.end()) {
      FD_ASSIGN_OR_RETURN(v1::Transcript t, store::GetTranscript(tx, id));
      t.clear_speakers();
      it = known_.emplace(id, std::move(t)).first;
    }
    return &it->second;  // a map's elements stay where they are as others are added
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::int64_t, v1::Transcript> known_;
};

// `claims` (read by id) in the order of `page`, their ids.
void InPageOrder(const std::vector<std::int64_t>& page, std::vector<v1::Claim>& claims) {
  std::unordered_map<std::int64_t, std::size_t> position;
  for (std::size_t i = 0; i < page.size(); ++i) position.emplace(page[i], i);
  std::sort(claims.begin(), claims.end(), [&](const v1::Claim& a, const v1::Claim& b) {
    return position.at(a.id()) < position.at(b.id());
  });
}

// Fills the records of a page of claims: their segments, active sources, reviews,
// corrections and decided disputes (five queries per page, whatever its size) and
// transcripts (cached across pages).
Status FillRecords(Tx& tx, std::vector<v1::Claim>& claims, TranscriptCache& transcripts,
                   std::vector<exporting::ClaimRecord>* out) {
  std::vector<std::int64_t> claim_ids;
  std::vector<std::int64_t> segment_ids;
  for (const auto& c : claims) {
    claim_ids.push_back(c.id());
    segment_ids.push_back(c.segment_id());
  }
  FD_ASSIGN_OR_RETURN(auto segments, store::SegmentsById(tx, segment_ids));
  FD_ASSIGN_OR_RETURN(auto sources, store::ActiveSourcesOf(tx, claim_ids));
  FD_ASSIGN_OR_RETURN(auto reviews, store::ReviewsOf(tx, claim_ids));
  FD_ASSIGN_OR_RETURN(auto corrections, store::CorrectionsOf(tx, claim_ids));
  FD_ASSIGN_OR_RETURN(auto decisions, store::DecisionsOf(tx, claim_ids));
  for (auto& c : claims) {
    FD_ASSIGN_OR_RETURN(const v1::Transcript* transcript, transcripts.Get(tx, c.transcript_id()));
    exporting::ClaimRecord record;
    record.segment = segments[c.segment_id()];
    record.transcript = *transcript;
    record.sources = std::move(sources[c.id()]);
    record.reviews = std::move(reviews[c.id()]);
    record.corrections = std::move(corrections[c.id()]);
    record.decision_reasoning = std::move(decisions[c.id()]);
    record.claim = std::move(c);
    out->push_back(std::move(record));
  }
  return Status::Ok();
}

// A ClaimReview without a publisher name and a page per claim is not one search engines
// accept (author and url are required), so the export is refused until both are set.
Status CheckPublisher(const v1::Workspace& workspace) {
  const v1::Publisher& publisher = workspace.publisher();
  if (!publisher.name().empty() && !publisher.claim_url_prefix().empty()) return Status::Ok();
  return Status::FailedPrecondition(fmt::format(
      "ClaimReview needs the workspace's publisher name and claim URL prefix; an admin can "
      "set them with: factdesk publisher set -w {} --name NAME --url HOME_PAGE "
      "--claim-url-prefix URL_PREFIX",
      workspace.slug()));
}

struct ExportJob {
  Runtime& rt;
  Credentials credentials;
  std::string request_id;
  v1::ExportRequest request;
  std::shared_ptr<ExportWriter> writer;
  std::string user = "-";
  // Who asks, for the blind rule on claims still under review.
  std::int64_t reader_id = 0;
  domain::Role role = domain::Role::kViewer;

  Status Run() {
    FD_ASSIGN_OR_RETURN(const Call call, AuthenticateCall(rt, credentials, request_id));
    user = call.user().handle();
    FD_RETURN_IF_ERROR(rpc::CheckRequest(request));
    FD_ASSIGN_OR_RETURN(const HeavyCalls::Slot slot, rt.heavy->Enter(call.user_id(), "export"));
    exporting::ExportContext context;
    context.generated_at_iso =
        exporting::IsoDateTime(google::protobuf::util::TimeUtil::GetCurrentTime());
    context.audience = request.audience() == v1::EXPORT_AUDIENCE_DESK ? v1::EXPORT_AUDIENCE_DESK
                                                                      : v1::EXPORT_AUDIENCE_PUBLIC;
    context.published_only = request.published_only();
    v1::Transcript transcript;
    FD_RETURN_IF_ERROR(Load(call, context, transcript));
    const std::string base = FileBase(context);
    bool cancelled = false;
    const exporting::Sink sink = [&](std::string_view bytes) {
      if (!cancelled && !writer->Append(bytes)) cancelled = true;
    };
    if (exporting::IsTranscriptFormat(request.format())) {
      FD_ASSIGN_OR_RETURN(auto exporter, exporting::MakeTranscriptExporter(request.format()));
      writer->SetHeader(std::string(exporter->content_type()),
                        base + "." + exporter->file_extension());
      FD_RETURN_IF_ERROR(exporter->Begin(context, transcript, sink));
      return ExportTranscript(*exporter, transcript, sink, cancelled);
    }
    FD_ASSIGN_OR_RETURN(auto exporter, exporting::MakeClaimExporter(request.format()));
    writer->SetHeader(std::string(exporter->content_type()),
                      base + "." + exporter->file_extension());
    exporter->Begin(context, sink);
    return ExportClaims(*exporter, exporting::WritesPublishedOnly(request.format(), context), sink,
                        cancelled);
  }

  // The caller's role, the workspace and the transcript (when one is asked for).
  Status Load(const Call& call, exporting::ExportContext& context, v1::Transcript& transcript) {
    return rt.db.Read("Export", [&](Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(role, Authorize(tx, request.workspace_id(), call, domain::Action::kRead));
      reader_id = call.user_id();
      FD_ASSIGN_OR_RETURN(context.workspace,
                          store::GetWorkspace(tx, request.workspace_id(), call.user_id()));
      if (request.transcript_id() != 0) {
        FD_RETURN_IF_ERROR(
            RequireTranscriptIn(tx, request.transcript_id(), request.workspace_id()));
        FD_ASSIGN_OR_RETURN(transcript, store::GetTranscript(tx, request.transcript_id()));
      }
      if (request.format() == v1::EXPORT_FORMAT_CLAIMREVIEW) {
        return CheckPublisher(context.workspace);
      }
      return Status::Ok();
    });
  }

  // Distinct names for the formats that share an extension (a ClaimReview and an
  // annotations export of one workspace must not overwrite each other when saved), and
  // for the desk's report beside the public one.
  std::string FileBase(const exporting::ExportContext& context) const {
    std::string base = context.workspace.slug();
    if (request.transcript_id() != 0)
      base += fmt::format("-transcript-{}", request.transcript_id());
    if (request.format() == v1::EXPORT_FORMAT_SOURCES_CSV) base += "-sources";
    if (request.format() == v1::EXPORT_FORMAT_CLAIMREVIEW) base += "-claimreview";
    if (request.format() == v1::EXPORT_FORMAT_ANNOTATIONS) base += "-annotations";
    if (context.audience == v1::EXPORT_AUDIENCE_DESK) base += "-desk";
    return base;
  }

  // The claims that exist when the export begins (the published ones when the export
  // writes no others), in transcript order (one sort), each page as it stands when that
  // page is read. The next pages are read while this one is formatted.
  Status ExportClaims(exporting::Exporter& exporter, bool published_only,
                      const exporting::Sink& sink, const bool& cancelled) {
    std::vector<std::int64_t> ids;
    FD_RETURN_IF_ERROR(rt.db.Read("Export", [&](Tx& tx) -> Status {
      ids = store::ClaimIdsInOrder(tx, request.workspace_id(), request.transcript_id(),
                                   published_only);
      return Status::Ok();
    }));
    TranscriptCache transcripts;
    const std::size_t pages = (ids.size() + kClaimPage - 1) / kClaimPage;
    PagePrefetcher<std::vector<exporting::ClaimRecord>> prefetch(
        pages,
        [&](std::size_t index) -> Result<std::vector<exporting::ClaimRecord>> {
          const std::size_t from = index * kClaimPage;
          const std::vector<std::int64_t> page(
              ids.begin() + static_cast<std::ptrdiff_t>(from),
              ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), from + kClaimPage)));
          std::vector<exporting::ClaimRecord> records;
          FD_RETURN_IF_ERROR(rt.db.Read("Export", [&](Tx& tx) -> Status {
            records.clear();  // Read runs this again after a broken connection
            FD_ASSIGN_OR_RETURN(auto claims, store::ClaimRecordsByIds(tx, page));
            InPageOrder(page, claims);
            FD_RETURN_IF_ERROR(FillRecords(tx, claims, transcripts, &records));
            BlindRecords(tx, role, reader_id, &records);
            return Status::Ok();
          }));
          return records;
        },
        kPageReaders);
    for (std::size_t page = 0; page < pages && !cancelled; ++page) {
      FD_ASSIGN_OR_RETURN(const auto records, prefetch.Next());
      for (const auto& r : records) exporter.Add(r, sink);
    }
    exporter.End(sink);
    return cancelled ? Status(Code::kCancelled, "the client cancelled the export") : Status::Ok();
  }

  // A segment page with the claims anchored in it, by segment.
  struct SegmentPage {
    std::vector<v1::Segment> segments;
    std::unordered_map<std::int64_t, std::vector<exporting::ClaimRecord>> claims;
  };

  Status ExportTranscript(exporting::TranscriptExporter& exporter, const v1::Transcript& transcript,
                          const exporting::Sink& sink, const bool& cancelled) {
    TranscriptCache transcripts(transcript);
    // A live transcript exports the segments it had when the export began, though more
    // arrive while it runs.
    const int count = transcript.segment_count();
    const auto pages = static_cast<std::size_t>((count + kSegmentPage - 1) / kSegmentPage);
    PagePrefetcher<SegmentPage> prefetch(
        pages,
        [&](std::size_t index) -> Result<SegmentPage> {
          const int from = static_cast<int>(index) * kSegmentPage;
          const int size = std::min(kSegmentPage, count - from);
          SegmentPage page;
          std::vector<exporting::ClaimRecord> records;
          FD_RETURN_IF_ERROR(rt.db.Read("Export", [&](Tx& tx) -> Status {
            records.clear();  // Read runs this again after a broken connection
            FD_ASSIGN_OR_RETURN(page.segments,
                                store::ListSegments(tx, transcript.id(), from, size));
            FD_ASSIGN_OR_RETURN(auto claims, store::ClaimRecordsOfOrdinals(tx, transcript.id(),
                                                                           from, from + size - 1));
            FD_RETURN_IF_ERROR(FillRecords(tx, claims, transcripts, &records));
            BlindRecords(tx, role, reader_id, &records);
            return Status::Ok();
          }));
          for (auto& r : records) page.claims[r.claim.segment_id()].push_back(std::move(r));
          return page;
        },
        kPageReaders);
    for (std::size_t index = 0; index < pages && !cancelled; ++index) {
      FD_ASSIGN_OR_RETURN(auto page, prefetch.Next());
      for (const auto& segment : page.segments)
        exporter.AddSegment(segment, page.claims[segment.id()], sink);
    }
    exporter.End(sink);
    return cancelled ? Status(Code::kCancelled, "the client cancelled the export") : Status::Ok();
  }
};

}  // namespace

ExportService::ExportService(Runtime& rt) : rt_(rt) {}
ExportService::~ExportService() = default;

grpc::ServerWriteReactor<v1::ExportChunk>* ExportService::Export(grpc::CallbackServerContext* ctx,
                                                                 const v1::ExportRequest* req) {
  auto writer = ExportWriter::Create();
  auto job = std::make_shared<ExportJob>(
      ExportJob{rt_, ReadCredentials(ctx), TakeRequestId(ctx), *req, writer});
  const auto start = std::chrono::steady_clock::now();
  Metrics* metrics = rt_.metrics;
  const bool queued = rt_.workers.Submit([job, start, metrics] {
    const Status status = job->Run();
    job->writer->Close(status);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    logging::LogRequest("Export", job->user, status, ms, job->request_id);
    if (metrics != nullptr) metrics->ObserveRequest("Export", status.code(), ms / 1000.0);
  });
  if (!queued) {
    // Logged and counted like a refused unary call.
    const Status busy = Status::ResourceExhausted("the server is busy; try again shortly");
    writer->Close(busy);
    logging::LogRequest("Export", "-", busy, 0, job->request_id);
    if (metrics != nullptr) metrics->ObserveRequest("Export", busy.code(), 0);
  }
  HandOff(writer.get());
  return writer.get();
}

}  // namespace factdesk::rpc
