#include "server/rpc/transcript_service.h"

#include <filesystem>

#include "domain/language_tag.h"
#include "domain/limits.h"
#include "domain/text_validation.h"
#include "domain/url.h"
#include "import/attribution.h"
#include "import/importer.h"
#include "import/transcript_language.h"
#include "proto/enum_text.h"
#include "server/rpc/authorize.h"
#include "server/rpc/call.h"
#include "server/rpc/record_access.h"
#include "server/rpc/request_checks.h"
#include "server/store/rows.h"
#include "server/store/suggestion_store.h"
#include "server/store/transcript_store.h"

namespace factdesk::rpc {
namespace {

using store::Tx;

Result<import::Format> FormatOf(const v1::ImportTranscriptRequest& req) {
  switch (req.format()) {
    case v1::TRANSCRIPT_FORMAT_UNSPECIFIED:
      return import::GuessFormat(req.filename(), req.content());
    case v1::TRANSCRIPT_FORMAT_TEXT:
      return import::Format::kText;
    case v1::TRANSCRIPT_FORMAT_VTT:
      return import::Format::kVtt;
    case v1::TRANSCRIPT_FORMAT_SRT:
      return import::Format::kSrt;
    case v1::TRANSCRIPT_FORMAT_TSV:
      return import::Format::kTsv;
    default:
      return Status::InvalidArgument("format", "must be TEXT, VTT, SRT or TSV");
  }
}

// Everything about an import request that can be checked without the database.
Result<store::NewTranscript> ValidateImport(const v1::ImportTranscriptRequest& req) {
  FD_RETURN_IF_ERROR(CheckRequest(req));
  store::NewTranscript meta;
  meta.workspace_id = req.workspace_id();
  std::string title = domain::Trim(req.title());
  if (title.empty()) title = std::filesystem::path(req.filename()).stem().string();
  meta.title = std::move(title);
  if (!req.source_url().empty()) {
    FD_ASSIGN_OR_RETURN(meta.source_url, domain::NormalizeUrl("source_url", req.source_url()));
  }
  if (req.has_aired_at()) meta.aired_at_us = store::Micros(req.aired_at());
  meta.byte_size = static_cast<std::int64_t>(req.content().size());
  return meta;
}

// The request's tag, normalised (CheckRequest refused a malformed one), or the guess.
std::string ImportLanguage(const std::string& given, const import::Transcript& parsed) {
  if (given.empty()) return import::GuessTranscriptLanguage(parsed).tag;
  const Result<std::string> tag = domain::NormalizeLanguageTag("language", given);
  return tag.ok() ? *tag : std::string(domain::kUndeterminedLanguage);
}

}  // namespace

TranscriptService::TranscriptService(Runtime& rt) : rt_(rt) {}
TranscriptService::~TranscriptService() = default;

grpc::ServerUnaryReactor* TranscriptService::ImportTranscript(
    grpc::CallbackServerContext* ctx, const v1::ImportTranscriptRequest* req,
    v1::ImportTranscriptResponse* resp) {
  return Mutation(rt_, ctx, "ImportTranscript", req, resp, [this, req, resp](Call& call) -> Status {
    FD_ASSIGN_OR_RETURN(store::NewTranscript meta, ValidateImport(*req));
    meta.imported_by = call.user_id();
    FD_ASSIGN_OR_RETURN(const import::Format format, FormatOf(*req));
    // Parsing costs several times the content's size: only a member who may import gets
    // that far, within their share of heavy calls and the imports' memory budget.
    FD_RETURN_IF_ERROR(rt_.db.Read("ImportTranscript", [&](Tx& tx) -> Status {
      return Authorize(tx, meta.workspace_id, call, domain::Action::kImportTranscript).status();
    }));
    FD_ASSIGN_OR_RETURN(const HeavyCalls::Slot slot,
                        rt_.heavy->EnterImport(call.user_id(), req->content()));
    import::Options options{.max_bytes = rt_.max_transcript_bytes,
                            .speaker = domain::Trim(req->speaker())};
    FD_ASSIGN_OR_RETURN(const import::Transcript parsed,
                        import::Parse(req->content(), format, options));
    FD_RETURN_IF_ERROR(import::RequireNamedSpeaker(parsed));
    meta.language = ImportLanguage(req->language(), parsed);
    return rt_.db.Write("ImportTranscript", call.writer(), [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(
          Authorize(tx, meta.workspace_id, call, domain::Action::kImportTranscript).status());
      FD_RETURN_IF_ERROR(tx.TakeSeq(meta.workspace_id).status());
      FD_ASSIGN_OR_RETURN(*resp->mutable_transcript(), store::InsertTranscript(tx, meta, parsed));
      // Scored off the request path (jobs/suggestion_worker.h); queued with the import.
      store::QueueScoring(tx, meta.workspace_id, resp->transcript().id());
      v1::Event event = NewEvent(v1::EVENT_KIND_TRANSCRIPT_IMPORTED);
      *event.mutable_transcript() = resp->transcript();
      tx.Append(event);
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* TranscriptService::ListTranscripts(grpc::CallbackServerContext* ctx,
                                                             const v1::ListTranscriptsRequest* req,
                                                             v1::ListTranscriptsResponse* resp) {
  return Unary(rt_, ctx, "ListTranscripts", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    FD_ASSIGN_OR_RETURN(const int limit, PageSize(req->page_size()));
    FD_ASSIGN_OR_RETURN(const std::int64_t before, DecodePageToken(req->page_token()));
    return rt_.db.Read("ListTranscripts", [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(Authorize(tx, req->workspace_id(), call, domain::Action::kRead).status());
      FD_ASSIGN_OR_RETURN(auto list,
                          store::ListTranscripts(tx, req->workspace_id(), before, limit + 1));
      const bool more = static_cast<int>(list.size()) > limit;
      if (more) list.pop_back();
      for (auto& t : list) *resp->add_transcripts() = std::move(t);
      if (more) resp->set_next_page_token(EncodePageToken(resp->transcripts().rbegin()->id()));
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* TranscriptService::GetTranscript(grpc::CallbackServerContext* ctx,
                                                           const v1::GetTranscriptRequest* req,
                                                           v1::Transcript* resp) {
  return Unary(rt_, ctx, "GetTranscript", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return rt_.db.Read("GetTranscript", [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(AuthorizeRecord(tx, store::TranscriptWorkspace(tx, req->transcript_id()),
                                         call, domain::Action::kRead, "transcript",
                                         req->transcript_id())
                             .status());
      FD_ASSIGN_OR_RETURN(*resp, store::GetTranscript(tx, req->transcript_id()));
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* TranscriptService::ListSegments(grpc::CallbackServerContext* ctx,
                                                          const v1::ListSegmentsRequest* req,
                                                          v1::ListSegmentsResponse* resp) {
  return Unary(rt_, ctx, "ListSegments", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    FD_ASSIGN_OR_RETURN(const int limit, PageSize(req->page_size()));
    FD_ASSIGN_OR_RETURN(const std::int64_t token, DecodePageToken(req->page_token()));
    // Tokens hold the next ordinal + 1, so that ordinal 0 is still a valid position.
    const int from = req->page_token().empty() ? req->from_ordinal() : static_cast<int>(token - 1);
    return rt_.db.Read("ListSegments", [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(AuthorizeRecord(tx, store::TranscriptWorkspace(tx, req->transcript_id()),
                                         call, domain::Action::kRead, "transcript",
                                         req->transcript_id())
                             .status());
      FD_ASSIGN_OR_RETURN(auto segments,
                          store::ListSegments(tx, req->transcript_id(), from, limit + 1));
      const bool more = static_cast<int>(segments.size()) > limit;
      if (more) segments.pop_back();
      for (auto& s : segments) *resp->add_segments() = std::move(s);
      if (more) {
        resp->set_next_page_token(EncodePageToken(resp->segments().rbegin()->ordinal() + 2));
      }
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* TranscriptService::SearchSegments(grpc::CallbackServerContext* ctx,
                                                            const v1::SearchSegmentsRequest* req,
                                                            v1::SearchSegmentsResponse* resp) {
  return Unary(rt_, ctx, "SearchSegments", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    const std::string query = domain::Trim(req->query());
    FD_ASSIGN_OR_RETURN(const int limit, PageSize(req->page_size()));
    FD_ASSIGN_OR_RETURN(const std::int64_t token, DecodePageToken(req->page_token()));
    const int offset = token == 0 ? 0 : static_cast<int>(token - 1);
    FD_ASSIGN_OR_RETURN(const HeavyCalls::Slot slot, rt_.heavy->Enter(call.user_id(), "search"));
    return rt_.db.Read("SearchSegments", [&](Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(Authorize(tx, req->workspace_id(), call, domain::Action::kRead).status());
      if (req->transcript_id() != 0) {
        FD_RETURN_IF_ERROR(RequireTranscriptIn(tx, req->transcript_id(), req->workspace_id()));
      }
      FD_ASSIGN_OR_RETURN(
          auto page, store::SearchSegments(tx, req->workspace_id(), req->transcript_id(), query,
                                           offset, limit));
      SetSearchPage(page, offset, resp);
      return Status::Ok();
    });
  });
}

}  // namespace factdesk::rpc
