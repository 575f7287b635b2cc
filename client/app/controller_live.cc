// The controller's part for suggestions and live transcripts: the transcript's
// suggestions when it opens, accepting and dismissing them, marking a quote again after a
// correction, and a corrected segment's history.
#include "client/app/controller.h"

namespace factdesk::app {

namespace a = ui::action;

namespace {

// ListSuggestions' largest page; the stream brings every suggestion scored later.
constexpr int kSuggestionsListed = 1000;

}  // namespace

void Controller::FetchSuggestions(std::int64_t transcript_id) {
  v1::ListSuggestionsRequest req;
  req.set_transcript_id(transcript_id);
  req.set_top(kSuggestionsListed);
  Run<v1::ListSuggestionsResponse>(
      [req](Api& api) { return api.Call(&v1::SuggestionService::Stub::ListSuggestions, req); },
      [this, transcript_id](Result<v1::ListSuggestionsResponse> r) {
        // Not worth a notice: the reader works without them, and the queue says none.
        if (r.ok()) model_.SetSuggestions(transcript_id, *r);
      });
}

void Controller::Handle(const a::AcceptSuggestion& x) {
  v1::AcceptSuggestionRequest req;
  req.set_suggestion_id(x.suggestion_id);
  Run<v1::AcceptSuggestionResponse>(
      [req](Api& api) { return api.Call(&v1::SuggestionService::Stub::AcceptSuggestion, req); },
      [this](Result<v1::AcceptSuggestionResponse> r) {
        if (!r.ok()) {
          Fail(r.status(), "cannot accept the suggestion");
          return;
        }
        model_.UpsertSuggestion(r->suggestion());
        model_.UpsertClaim(r->claim());
        if (on_claim_created) on_claim_created(r->claim());
        Navigate(r->claim().transcript_id(), r->claim().id());
      });
}

void Controller::Handle(const a::DismissSuggestion& x) {
  v1::DismissSuggestionRequest req;
  req.set_suggestion_id(x.suggestion_id);
  req.set_reason(x.reason);
  Run<v1::Suggestion>(
      [req](Api& api) { return api.Call(&v1::SuggestionService::Stub::DismissSuggestion, req); },
      [this](Result<v1::Suggestion> r) {
        if (!r.ok()) {
          Fail(r.status(), "cannot dismiss the suggestion");
          return;
        }
        model_.UpsertSuggestion(*r);
      });
}

void Controller::Handle(const a::ReanchorClaim& x) {
  v1::ReanchorClaimRequest req;
  req.set_claim_id(x.claim_id);
  req.set_expected_version(x.expected_version);
  req.set_start_byte(x.start_byte);
  req.set_end_byte(x.end_byte);
  Run<v1::Claim>(
      [req](Api& api) { return api.Call(&v1::ClaimService::Stub::ReanchorClaim, req); },
      [this](Result<v1::Claim> r) { ClaimResult(std::move(r), "cannot mark the quote again"); });
}

void Controller::Handle(const a::FetchSegmentHistory& x) {
  const std::int64_t segment_id = x.segment_id;
  if (model_.SegmentHistoryLoaded(segment_id) || !histories_loading_.insert(segment_id).second) {
    return;
  }
  v1::GetSegmentHistoryRequest req;
  req.set_segment_id(segment_id);
  Run<v1::GetSegmentHistoryResponse>(
      [req](Api& api) { return api.Call(&v1::TranscriptService::Stub::GetSegmentHistory, req); },
      [this, segment_id](Result<v1::GetSegmentHistoryResponse> r) {
        if (!r.ok()) {
          // Stays in histories_loading_: a hover does not ask again every frame.
          Fail(r.status(), "cannot load the segment's history");
          return;
        }
        histories_loading_.erase(segment_id);
        model_.SetSegmentHistory(segment_id, {r->revisions().begin(), r->revisions().end()});
      });
}

}  // namespace factdesk::app
