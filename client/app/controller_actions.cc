// The controller's action handlers: each Action the views emit becomes RPCs whose
// results are applied to the model or the session data on the UI thread.
#include <filesystem>

#include "client/app/controller.h"
#include "client/app/import_preview.h"

namespace factdesk::app {

namespace a = ui::action;

namespace {

constexpr int kSearchPage = 500;
// Hits the desktop holds for one search; past it the count shows "+".
constexpr std::size_t kMaxSearchHits = 2000;

}  // namespace

void Controller::Handle(const a::Connect& x) {
  client::ConnectionOptions o;
  o.address = x.address;
  o.token = x.token;
  o.tls = x.tls;
  o.ca_file = x.ca_file;
  Connect(o);
}

void Controller::Handle(const a::Disconnect&) {
  StopSubscription();
  ++generation_;
  api_.reset();
  model_.Reset();
  const int pending = session_.pending;
  session_ = ui::SessionData();
  session_.pending = pending;
}

void Controller::Handle(const a::OpenWorkspace& x) {
  OpenWorkspace(x.slug);
}

void Controller::Handle(const a::OpenTranscript& x) {
  OpenTranscript(x.transcript_id);
}

void Controller::Handle(const a::OpenClaim& x) {
  OpenClaim(x.claim_id);
}

void Controller::Handle(const a::MarkClaim& x) {
  v1::CreateClaimRequest req;
  req.set_segment_id(x.segment_id);
  req.set_start_byte(x.start_byte);
  req.set_end_byte(x.end_byte);
  Run<v1::Claim>([req](Api& api) { return api.Call(&v1::ClaimService::Stub::CreateClaim, req); },
                 [this](Result<v1::Claim> r) {
                   if (!r.ok()) {
                     Fail(r.status(), "cannot mark the claim");
                     return;
                   }
                   model_.UpsertClaim(*r);
                   if (on_claim_created) on_claim_created(*r);
                   Navigate(r->transcript_id(), r->id());
                 });
}

void Controller::Handle(const a::UpdateClaim& x) {
  v1::UpdateClaimRequest req;
  req.set_claim_id(x.claim_id);
  req.set_expected_version(x.expected_version);
  if (x.summary) req.set_summary(*x.summary);
  if (x.claimant) req.set_claimant(*x.claimant);
  struct Outcome {
    Result<v1::Claim> claim;
    std::string current_bin;
  };
  const std::string mine = x.summary.value_or("");
  Run<Outcome>(
      [req](Api& api) -> Result<Outcome> {
        std::string current;
        auto r = api.Call(&v1::ClaimService::Stub::UpdateClaim, req, {.current_bin = &current});
        return Outcome{std::move(r), std::move(current)};
      },
      [this, claim_id = x.claim_id, mine, summary = x.summary.has_value()](Result<Outcome> out) {
        Result<v1::Claim>& r = out->claim;
        if (r.ok()) {
          model_.UpsertClaim(*r);
          session_.conflicts.erase(claim_id);
          return;
        }
        v1::Claim current;
        if (r.status().code() == Code::kAborted && !out->current_bin.empty() &&
            current.ParseFromString(out->current_bin)) {
          // Someone saved first: show their text beside ours; nothing is lost.
          model_.UpsertClaim(current);
          if (summary) {
            ui::SummaryConflict c;
            c.their_text = current.summary();
            c.my_text = mine;
            c.current_version = current.version();
            for (auto it = session_.recent_changes.rbegin(); it != session_.recent_changes.rend();
                 ++it) {
              if (it->claim_id == claim_id) {
                c.their_author = it->actor_handle;
                break;
              }
            }
            session_.conflicts[claim_id] = c;
          } else {
            Notify(ui::Notice::Level::kError, "someone changed the claim first; try again");
          }
          return;
        }
        Fail(r.status(), "cannot save the claim");
      });
}

void Controller::Handle(const a::ClearConflict& x) {
  session_.conflicts.erase(x.claim_id);
}

void Controller::Handle(const a::AssignClaim& x) {
  v1::AssignClaimRequest req;
  req.set_claim_id(x.claim_id);
  req.set_expected_version(x.expected_version);
  for (auto id : x.assignee_ids) req.add_assignee_ids(id);
  Run<v1::Claim>([req](Api& api) { return api.Call(&v1::ClaimService::Stub::AssignClaim, req); },
                 [this](Result<v1::Claim> r) { ClaimResult(std::move(r), "cannot assign"); });
}

void Controller::Handle(const a::TakeClaim& x) {
  v1::TakeClaimRequest req;
  req.set_claim_id(x.claim_id);
  Run<v1::Claim>(
      [req](Api& api) { return api.Call(&v1::ClaimService::Stub::TakeClaim, req); },
      [this](Result<v1::Claim> r) { ClaimResult(std::move(r), "cannot take the claim"); });
}

void Controller::Handle(const a::TagClaim& x) {
  v1::TagClaimRequest req;
  req.set_claim_id(x.claim_id);
  req.set_tag(x.tag);
  Run<v1::Claim>([req](Api& api) { return api.Call(&v1::ClaimService::Stub::TagClaim, req); },
                 [this](Result<v1::Claim> r) { ClaimResult(std::move(r), "cannot tag"); });
}

void Controller::Handle(const a::UntagClaim& x) {
  v1::UntagClaimRequest req;
  req.set_claim_id(x.claim_id);
  req.set_tag(x.tag);
  Run<v1::Claim>(
      [req](Api& api) { return api.Call(&v1::ClaimService::Stub::UntagClaim, req); },
      [this](Result<v1::Claim> r) { ClaimResult(std::move(r), "cannot remove the tag"); });
}

void Controller::Handle(const a::DismissClaim& x) {
  v1::DismissClaimRequest req;
  req.set_claim_id(x.claim_id);
  req.set_expected_version(x.expected_version);
  req.set_reason(x.reason);
  req.set_explanation(x.explanation);
  req.set_duplicate_of_claim_id(x.duplicate_of_claim_id);
  req.set_duplicate_of_check_id(x.duplicate_of_check_id);
  Run<v1::Claim>([req](Api& api) { return api.Call(&v1::ClaimService::Stub::DismissClaim, req); },
                 [this](Result<v1::Claim> r) { ClaimResult(std::move(r), "cannot dismiss"); });
}

void Controller::Handle(const a::LinkClaim& x) {
  v1::LinkClaimRequest req;
  req.set_claim_id(x.claim_id);
  req.set_expected_version(x.expected_version);
  req.set_check_id(x.check_id);
  req.set_same_as_claim_id(x.same_as_claim_id);
  Run<v1::Claim>([req](Api& api) { return api.Call(&v1::ClaimService::Stub::LinkClaim, req); },
                 [this](Result<v1::Claim> r) { ClaimResult(std::move(r), "cannot link"); });
}

void Controller::Handle(const a::UnlinkClaim& x) {
  v1::UnlinkClaimRequest req;
  req.set_claim_id(x.claim_id);
  req.set_expected_version(x.expected_version);
  Run<v1::Claim>([req](Api& api) { return api.Call(&v1::ClaimService::Stub::UnlinkClaim, req); },
                 [this](Result<v1::Claim> r) { ClaimResult(std::move(r), "cannot unlink"); });
}

void Controller::Handle(const a::ReopenClaim& x) {
  v1::ReopenClaimRequest req;
  req.set_claim_id(x.claim_id);
  req.set_expected_version(x.expected_version);
  req.set_reason(x.reason);
  Run<v1::Claim>([req](Api& api) { return api.Call(&v1::ClaimService::Stub::ReopenClaim, req); },
                 [this](Result<v1::Claim> r) { ClaimResult(std::move(r), "cannot reopen"); });
}

void Controller::Handle(const a::PublishClaim& x) {
  v1::PublishClaimRequest req;
  req.set_claim_id(x.claim_id);
  req.set_expected_version(x.expected_version);
  Run<v1::Claim>([req](Api& api) { return api.Call(&v1::ClaimService::Stub::PublishClaim, req); },
                 [this](Result<v1::Claim> r) { ClaimResult(std::move(r), "cannot publish"); });
}

void Controller::Handle(const a::CorrectClaim& x) {
  v1::CorrectClaimRequest req;
  req.set_claim_id(x.claim_id);
  req.set_expected_version(x.expected_version);
  req.set_reason(x.reason);
  if (x.summary) req.set_summary(*x.summary);
  if (x.verdict) req.set_verdict(*x.verdict);
  Run<v1::Claim>([req](Api& api) { return api.Call(&v1::ClaimService::Stub::CorrectClaim, req); },
                 [this](Result<v1::Claim> r) { ClaimResult(std::move(r), "cannot correct"); });
}

void Controller::Handle(const a::AddSource& x) {
  v1::AddSourceRequest req;
  req.set_claim_id(x.claim_id);
  req.set_url(x.url);
  req.set_title(x.title);
  req.set_publisher(x.publisher);
  req.set_excerpt(x.excerpt);
  req.set_stance(x.stance);
  req.set_primary(x.primary);
  Run<v1::Source>([req](Api& api) { return api.Call(&v1::SourceService::Stub::AddSource, req); },
                  [this](Result<v1::Source> r) {
                    if (!r.ok()) return Fail(r.status(), "cannot add the source");
                    model_.UpsertSource(*r);
                  });
}

void Controller::Handle(const a::RemoveSource& x) {
  v1::RemoveSourceRequest req;
  req.set_source_id(x.source_id);
  Run<v1::Source>([req](Api& api) { return api.Call(&v1::SourceService::Stub::RemoveSource, req); },
                  [this](Result<v1::Source> r) {
                    if (!r.ok()) return Fail(r.status(), "cannot remove the source");
                    model_.UpsertSource(*r);
                  });
}

void Controller::Handle(const a::AddNote& x) {
  v1::AddNoteRequest req;
  req.set_claim_id(x.claim_id);
  req.set_parent_id(x.parent_id);
  req.set_thread(x.thread);
  req.set_body(x.body);
  Run<v1::Note>([req](Api& api) { return api.Call(&v1::NoteService::Stub::AddNote, req); },
                [this](Result<v1::Note> r) {
                  if (!r.ok()) return Fail(r.status(), "cannot add the note");
                  model_.UpsertNote(*r);
                });
}

void Controller::Handle(const a::SubmitReview& x) {
  v1::SubmitReviewRequest req;
  req.set_claim_id(x.claim_id);
  req.set_verdict(x.verdict);
  req.set_rationale(x.rationale);
  req.set_confidence(x.confidence);
  req.set_expected_version(x.expected_version);
  Run<v1::SubmitReviewResponse>(
      [req](Api& api) { return api.Call(&v1::ReviewService::Stub::SubmitReview, req); },
      [this](Result<v1::SubmitReviewResponse> r) {
        if (!r.ok()) return Fail(r.status(), "cannot submit the review");
        model_.UpsertReview(r->review());
        model_.UpsertClaim(r->claim());
        Notify(ui::Notice::Level::kInfo, "review submitted");
      });
}

void Controller::Handle(const a::OpenDispute& x) {
  FetchSources(x.claim_id);  // the page lists them with stance and URL
  v1::GetDisputeRequest req;
  req.set_claim_id(x.claim_id);
  Run<v1::Dispute>([req](Api& api) { return api.Call(&v1::ReviewService::Stub::GetDispute, req); },
                   [this, claim_id = x.claim_id](Result<v1::Dispute> r) {
                     if (!r.ok()) return Fail(r.status(), "cannot load the dispute");
                     model_.SetDispute(*r);
                     session_.dispute_details[claim_id] = *r;
                   });
}

void Controller::Handle(const a::DecideDispute& x) {
  v1::DecideDisputeRequest req;
  req.set_dispute_id(x.dispute_id);
  req.set_verdict(x.verdict);
  req.set_reasoning(x.reasoning);
  Run<v1::Dispute>(
      [req](Api& api) { return api.Call(&v1::ReviewService::Stub::DecideDispute, req); },
      [this, claim_id = x.claim_id](Result<v1::Dispute> r) {
        if (!r.ok()) return Fail(r.status(), "cannot decide the dispute");
        model_.SetDispute(*r);
        session_.dispute_details[claim_id] = *r;
        Notify(ui::Notice::Level::kInfo, "dispute decided");
        RefreshDisputes();
      });
}

void Controller::Handle(const a::RefreshDashboard&) {
  dashboard_dirty_ = false;
  RefreshDashboard();
}

void Controller::Handle(const a::RefreshDisputes&) {
  disputes_dirty_ = false;
  RefreshDisputes();
}

void Controller::Handle(const a::PreviewImport& x) {
  session_.import = {};
  session_.import.open = true;
  session_.import.parsing = true;
  session_.import.path = x.path;
  if (pool_ == nullptr) return;
  const std::uint64_t gen = generation_;
  // Parsing a large file takes a while: a worker does it, as with RPCs.
  (void)pool_->Submit([this, gen, path = x.path] {
    ui::ImportPreview preview = MakeImportPreview(path);
    queue_.Post([this, gen, preview = std::move(preview)] {
      if (gen == generation_ && session_.import.path == preview.path) session_.import = preview;
    });
  });
}

void Controller::Handle(const a::Import& x) {
  if (!model_.has_workspace()) return;
  session_.import.sending = true;
  session_.import.send_error.clear();
  const std::int64_t ws = model_.workspace().id();
  Run<v1::ImportTranscriptResponse>(
      [ws, path = x.path, title = x.title, speaker = x.speaker,
       language = x.language](Api& api) -> Result<v1::ImportTranscriptResponse> {
        FD_ASSIGN_OR_RETURN(std::string bytes, ReadImportFile(path));
        v1::ImportTranscriptRequest req;
        req.set_workspace_id(ws);
        req.set_filename(std::filesystem::path(path).filename().string());
        req.set_title(title);
        req.set_speaker(speaker);
        req.set_language(language);
        req.set_content(std::move(bytes));
        return api.Call(&v1::TranscriptService::Stub::ImportTranscript, req,
                        {.timeout = std::chrono::seconds(120)});
      },
      [this](Result<v1::ImportTranscriptResponse> r) {
        session_.import.sending = false;
        if (!r.ok()) {
          session_.import.send_error = r.status().message();
          return;
        }
        model_.UpsertTranscript(r->transcript());
        session_.import = {};
        Notify(ui::Notice::Level::kInfo, "imported " + r->transcript().title());
        Navigate(r->transcript().id(), 0);
      });
}

void Controller::Handle(const a::CancelImport&) {
  session_.import = {};
}

void Controller::Handle(const a::Search& x) {
  if (!model_.has_workspace()) return;
  session_.search = {};
  session_.search.query = x.query;
  session_.search.loading = true;
  v1::SearchSegmentsRequest req;
  req.set_workspace_id(model_.workspace().id());
  req.set_transcript_id(session_.transcript_id);
  req.set_query(x.query);
  req.set_page_size(kSearchPage);
  struct Found {
    std::vector<v1::SearchHit> hits;
    int total = 0;
  };
  Run<Found>(
      [req](Api& api) -> Result<Found> {
        // Every hit (up to a bound), so J/F3 visit all of them in reading order, not
        // only those of the best-ranked page.
        Found found;
        FD_RETURN_IF_ERROR(api.Pages(&v1::TranscriptService::Stub::SearchSegments, req,
                                     [&](const v1::SearchSegmentsResponse& page) {
                                       found.hits.insert(found.hits.end(), page.hits().begin(),
                                                         page.hits().end());
                                       found.total = page.total();
                                       return found.hits.size() < kMaxSearchHits;
                                     }));
        return found;
      },
      [this, query = x.query](Result<Found> r) {
        if (session_.search.query != query) return;
        session_.search.loading = false;
        if (!r.ok()) {
          session_.search.error = r.status().message();
          return;
        }
        session_.search.hits = std::move(r->hits);
        // Jumps go in reading order, not by rank.
        std::stable_sort(session_.search.hits.begin(), session_.search.hits.end(),
                         [](const v1::SearchHit& a, const v1::SearchHit& b) {
                           return a.segment().ordinal() < b.segment().ordinal();
                         });
        session_.search.total = r->total;
      });
}

void Controller::Handle(const a::MarkSeen&) {
  model_.MarkSeen();
}

void Controller::Handle(const a::DismissNotice& x) {
  std::erase_if(session_.notices, [&](const ui::Notice& n) { return n.id == x.id; });
}

}  // namespace factdesk::app
