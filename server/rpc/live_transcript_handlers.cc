// TranscriptService's live transcripts (issue 13): opened empty, appended to in order
// while they air, closed. Every step is one sequenced mutation with its event.
#include <fmt/format.h>

#include "domain/language_guess.h"
#include "domain/language_tag.h"
#include "domain/text_validation.h"
#include "domain/url.h"
#include "proto/enum_text.h"
#include "server/rpc/authorize.h"
#include "server/rpc/call.h"
#include "server/rpc/record_access.h"
#include "server/rpc/request_checks.h"
#include "server/rpc/transcript_service.h"
#include "server/store/live_transcript_store.h"
#include "server/store/rows.h"
#include "server/store/suggestion_store.h"

namespace factdesk::rpc {
namespace {

using store::Tx;

Result<store::NewTranscript> ValidateOpen(const v1::OpenLiveTranscriptRequest& req,
                                          std::int64_t user_id) {
  FD_RETURN_IF_ERROR(CheckRequest(req));
  store::NewTranscript meta;
  meta.workspace_id = req.workspace_id();
  meta.title = domain::Trim(req.title());
  if (!req.source_url().empty()) {
    FD_ASSIGN_OR_RETURN(meta.source_url, domain::NormalizeUrl("source_url", req.source_url()));
  }
  if (req.has_aired_at()) meta.aired_at_us = store::Micros(req.aired_at());
  meta.imported_by = user_id;
  if (!req.language().empty()) {
    FD_ASSIGN_OR_RETURN(meta.language, domain::NormalizeLanguageTag("language", req.language()));
  }
  return meta;
}

// A live transcript without a language ("und") takes the guess of its first segments as
// soon as they hold enough text to tell; its segments are then searched in it.
Status GuessLiveLanguage(Tx& tx, const store::LiveTranscript& live, std::int64_t id) {
  if (live.language != domain::kUndeterminedLanguage ||
      live.segment_count >= domain::kLanguageSampleSegments) {
    return Status::Ok();
  }
  FD_ASSIGN_OR_RETURN(const auto sample,
                      store::ListSegments(tx, id, 0, domain::kLanguageSampleSegments));
  std::vector<std::string_view> texts;
  texts.reserve(sample.size());
  for (const auto& seg : sample) texts.push_back(seg.text());
  const domain::LanguageGuess guess = domain::GuessLanguage(texts);
  if (guess.tag != domain::kUndeterminedLanguage) store::SetTranscriptLanguage(tx, id, guess.tag);
  return Status::Ok();
}

// "text" for UNSPECIFIED, else the format's name as transcripts store it.
std::string FormatName(v1::TranscriptFormat format) {
  return format == v1::TRANSCRIPT_FORMAT_UNSPECIFIED ? "text" : v1::EnumText(format, true);
}

// Only a LIVE transcript grows or closes; FAILED_PRECONDITION names the transcript, its
// state and the rule.
Status RequireLive(const store::LiveTranscript& t, std::int64_t id, std::string_view rule) {
  if (t.state == v1::TRANSCRIPT_STATE_CLOSED) {
    return Status::FailedPrecondition(fmt::format("transcript {} is closed: {}", id, rule));
  }
  if (t.state != v1::TRANSCRIPT_STATE_LIVE) {
    return Status::FailedPrecondition(
        fmt::format("transcript {} was imported whole: {}", id, rule));
  }
  return Status::Ok();
}

// The transcript's workspace, once the caller may feed it.
Result<std::int64_t> AuthorizeFeed(Tx& tx, const Call& call, std::int64_t transcript_id) {
  const Result<std::int64_t> ws = store::TranscriptWorkspace(tx, transcript_id);
  FD_RETURN_IF_ERROR(
      AuthorizeRecord(tx, ws, call, domain::Action::kFeedTranscript, "transcript", transcript_id)
          .status());
  return *ws;
}

// ABORTED unless the batch starts where the transcript ends, with the transcript
// attached: a feed that retries or resumes reads segment_count and skips what is in.
Status RequireNextOrdinal(Tx& tx, Call& call, const store::LiveTranscript& t, std::int64_t id,
                          int first_ordinal) {
  if (first_ordinal == t.segment_count) return Status::Ok();
  FD_ASSIGN_OR_RETURN(const v1::Transcript current, store::GetTranscript(tx, id));
  call.AttachCurrent(current);
  return Status::Aborted(fmt::format(
      "transcript {} has {} segments: first_ordinal must be {} (got {}); the transcript is "
      "attached",
      id, t.segment_count, t.segment_count, first_ordinal));
}

}  // namespace

grpc::ServerUnaryReactor* TranscriptService::OpenLiveTranscript(
    grpc::CallbackServerContext* ctx, const v1::OpenLiveTranscriptRequest* req,
    v1::Transcript* resp) {
  return Mutation(
      rt_, ctx, "OpenLiveTranscript", req, resp, [this, req, resp](Call& call) -> Status {
        FD_ASSIGN_OR_RETURN(const store::NewTranscript meta, ValidateOpen(*req, call.user_id()));
        return rt_.db.Write("OpenLiveTranscript", call.writer(), [&](Tx& tx) -> Status {
          FD_RETURN_IF_ERROR(
              Authorize(tx, meta.workspace_id, call, domain::Action::kFeedTranscript).status());
          FD_RETURN_IF_ERROR(tx.TakeSeq(meta.workspace_id).status());
          FD_ASSIGN_OR_RETURN(*resp,
                              store::OpenLiveTranscript(tx, meta, FormatName(req->format())));
          v1::Event event = NewEvent(v1::EVENT_KIND_TRANSCRIPT_OPENED);
          *event.mutable_transcript() = *resp;
          tx.Append(event);
          return Status::Ok();
        });
      });
}

grpc::ServerUnaryReactor* TranscriptService::AppendSegments(grpc::CallbackServerContext* ctx,
                                                            const v1::AppendSegmentsRequest* req,
                                                            v1::AppendSegmentsResponse* resp) {
  return Mutation(rt_, ctx, "AppendSegments", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    FD_ASSIGN_OR_RETURN(const std::vector<import::Segment> segments, AppendedSegments(*req));
    const std::int64_t id = req->transcript_id();
    return rt_.db.Write("AppendSegments", call.writer(), [&](Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(const std::int64_t ws, AuthorizeFeed(tx, call, id));
      // The scoring queue's row before the workspace's, in the suggestion worker's order.
      store::LockScoring(tx, id);
      FD_RETURN_IF_ERROR(tx.TakeSeq(ws).status());
      FD_ASSIGN_OR_RETURN(const store::LiveTranscript live, store::LockTranscript(tx, id));
      FD_RETURN_IF_ERROR(RequireLive(live, id, "segments are appended only while it is LIVE"));
      FD_RETURN_IF_ERROR(RequireNextOrdinal(tx, call, live, id, req->first_ordinal()));
      FD_ASSIGN_OR_RETURN(auto stored,
                          store::AppendSegments(tx, ws, id, req->first_ordinal(), segments));
      FD_RETURN_IF_ERROR(GuessLiveLanguage(tx, live, id));
      // Scored off the request path (jobs/suggestion_worker.h), from where it got to.
      store::QueueScoring(tx, ws, id);
      FD_ASSIGN_OR_RETURN(*resp->mutable_transcript(), store::GetTranscript(tx, id));
      for (auto& s : stored) *resp->add_segments() = std::move(s);
      v1::Event event = NewEvent(v1::EVENT_KIND_SEGMENTS_APPENDED);
      *event.mutable_transcript() = resp->transcript();
      *event.mutable_segments() = resp->segments();
      tx.Append(event);
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* TranscriptService::CloseTranscript(grpc::CallbackServerContext* ctx,
                                                             const v1::CloseTranscriptRequest* req,
                                                             v1::Transcript* resp) {
  return Mutation(rt_, ctx, "CloseTranscript", req, resp, [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    const std::int64_t id = req->transcript_id();
    return rt_.db.Write("CloseTranscript", call.writer(), [&](Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(const std::int64_t ws, AuthorizeFeed(tx, call, id));
      FD_RETURN_IF_ERROR(tx.TakeSeq(ws).status());
      FD_ASSIGN_OR_RETURN(const store::LiveTranscript live, store::LockTranscript(tx, id));
      FD_RETURN_IF_ERROR(RequireLive(live, id, "only a LIVE transcript is closed"));
      store::CloseTranscript(tx, id);
      FD_ASSIGN_OR_RETURN(*resp, store::GetTranscript(tx, id));
      v1::Event event = NewEvent(v1::EVENT_KIND_TRANSCRIPT_CLOSED);
      *event.mutable_transcript() = *resp;
      tx.Append(event);
      return Status::Ok();
    });
  });
}

}  // namespace factdesk::rpc
