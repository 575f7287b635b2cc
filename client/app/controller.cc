#include "client/app/controller.h"

#include <random>

#include "client/model/change.h"
#include "client/net/tls_discovery.h"

namespace factdesk::app {
namespace {

constexpr std::size_t kRecentChanges = 100;
constexpr std::size_t kNotices = 20;
constexpr int kSegmentPage = 500;
constexpr int kListPage = 500;

std::string RandomSessionId() {
  std::random_device rd;
  std::mt19937_64 rng(rd());
  static const char kHex[] = "0123456789abcdef";
  std::string id = "desktop-";
  for (int i = 0; i < 16; ++i) id += kHex[rng() % 16];
  return id;
}

// Everything GetWorkspace and the listings return when a workspace opens.
struct Snapshot {
  v1::Workspace workspace;
  std::vector<v1::Member> members;
  std::vector<v1::Transcript> transcripts;
  std::vector<v1::Claim> claims;
};

}  // namespace

Controller::Controller(Options options) : options_(std::move(options)) {
  if (options_.session_id.empty()) options_.session_id = RandomSessionId();
  pool_ = std::make_unique<WorkerPool>(options_.worker_threads, 1024);
}

Controller::~Controller() {
  Shutdown();
}

void Controller::Shutdown() {
  if (shut_down_) return;
  shut_down_ = true;
  StopSubscription();
  // The calls in flight finish first: a heartbeat the server took after "leaving" would
  // show us present for another 30 s.
  if (pool_ != nullptr) pool_->Stop();
  if (api_ != nullptr && model_.has_workspace()) {
    // Leave at once rather than expire 30 s later; a short deadline and one try, we are
    // closing.
    v1::UpdatePresenceRequest req;
    req.set_workspace_id(model_.workspace().id());
    req.set_session_id(options_.session_id);
    req.set_leaving(true);
    (void)api_->Call(&v1::LiveService::Stub::UpdatePresence, req,
                     {.timeout = std::chrono::milliseconds(1500), .attempts = 1});
  }
  queue_.Clear();
}

void Controller::Notify(ui::Notice::Level level, std::string text) {
  session_.notices.push_back({next_notice_++, level, std::move(text), Clock::now()});
  while (session_.notices.size() > kNotices) session_.notices.pop_front();
}

void Controller::Fail(const Status& status, const std::string& what) {
  Notify(ui::Notice::Level::kError, what + ": " + status.message());
}

void Controller::Navigate(std::int64_t transcript_id, std::int64_t claim_id) {
  ++session_.navigate_serial;
  session_.navigate_transcript = transcript_id;
  session_.navigate_claim = claim_id;
}

void Controller::Connect(const client::ConnectionOptions& options,
                         const std::string& workspace_slug) {
  StopSubscription();
  ++generation_;
  model_.Reset();
  const int pending = session_.pending;  // requests of the old connection still return
  session_ = ui::SessionData();
  session_.pending = pending;
  pending_workspace_ = workspace_slug;
  session_.connection.address = options.address;
  session_.connection.phase = ui::ConnectionInfo::Phase::kConnecting;
  if (options_.channel != nullptr) {
    SignIn(options_.channel, options);
    return;
  }
  // Finding out whether the server speaks TLS takes round trips: not on the UI thread.
  ++session_.pending;
  const std::uint64_t gen = generation_;
  const bool queued = pool_->Submit([this, gen, options] {
    Result<client::DiscoveredChannel> found = client::OpenChannelFindingTls(options);
    queue_.Post([this, gen, found = std::move(found)]() mutable {
      --session_.pending;
      if (gen != generation_) return;
      if (!found.ok()) {
        session_.connection.phase = ui::ConnectionInfo::Phase::kSignedOut;
        session_.connect_error = found.status().message();
        return;
      }
      session_.connection.tls = client::WantsTls(found->options);
      SignIn(found->channel, found->options);
    });
  });
  if (!queued) {
    --session_.pending;
    session_.connection.phase = ui::ConnectionInfo::Phase::kSignedOut;
    session_.connect_error = "too many requests in flight; try again";
  }
}

void Controller::SignIn(std::shared_ptr<grpc::Channel> channel,
                        const client::ConnectionOptions& options) {
  api_ = std::make_shared<Api>(std::move(channel), options);
  struct Account {
    v1::User user;
    std::vector<v1::Workspace> workspaces;
  };
  Run<Account>(
      [](Api& api) -> Result<Account> {
        Account out;
        FD_ASSIGN_OR_RETURN(auto me,
                            api.Call(&v1::WorkspaceService::Stub::WhoAmI, v1::WhoAmIRequest(),
                                     {.timeout = std::chrono::seconds(10)}));
        out.user = me.user();
        FD_ASSIGN_OR_RETURN(auto list, api.Call(&v1::WorkspaceService::Stub::ListWorkspaces,
                                                v1::ListWorkspacesRequest()));
        out.workspaces.assign(list.workspaces().begin(), list.workspaces().end());
        return out;
      },
      [this](Result<Account> r) {
        if (!r.ok()) {
          session_.connection.phase = ui::ConnectionInfo::Phase::kSignedOut;
          session_.connect_error = r.status().message();
          return;
        }
        session_.connection.user = r->user;
        session_.workspaces = r->workspaces;
        session_.connection.phase = ui::ConnectionInfo::Phase::kPicking;
        model_.SetSelfUserId(r->user.id());
        if (!pending_workspace_.empty()) OpenWorkspace(pending_workspace_);
      });
}

void Controller::OpenWorkspace(const std::string& slug) {
  StopSubscription();
  ++generation_;
  model_.Reset();
  const std::int64_t self = session_.connection.user.id();
  model_.SetSelfUserId(self);
  session_.connection.phase = ui::ConnectionInfo::Phase::kLoading;
  session_.transcript_id = 0;
  session_.segments_complete = false;
  session_.claim_search.Restart();
  segments_loading_.clear();
  histories_loading_.clear();
  review_refetching_.clear();
  Run<Snapshot>(
      [slug](Api& api) -> Result<Snapshot> {
        Snapshot s;
        v1::GetWorkspaceRequest wreq;
        wreq.set_slug(slug);
        FD_ASSIGN_OR_RETURN(s.workspace, api.Call(&v1::WorkspaceService::Stub::GetWorkspace, wreq));
        const std::int64_t ws = s.workspace.id();
        v1::ListMembersRequest mreq;
        mreq.set_workspace_id(ws);
        FD_ASSIGN_OR_RETURN(auto members, api.Call(&v1::WorkspaceService::Stub::ListMembers, mreq));
        s.members.assign(members.members().begin(), members.members().end());
        v1::ListTranscriptsRequest treq;
        treq.set_workspace_id(ws);
        treq.set_page_size(kListPage);
        FD_ASSIGN_OR_RETURN(s.transcripts,
                            api.All(&v1::TranscriptService::Stub::ListTranscripts, treq,
                                    &v1::ListTranscriptsResponse::transcripts));
        v1::ListClaimsRequest creq;
        creq.set_workspace_id(ws);
        creq.set_page_size(kListPage);
        FD_ASSIGN_OR_RETURN(s.claims, api.All(&v1::ClaimService::Stub::ListClaims, creq,
                                              &v1::ListClaimsResponse::claims));
        return s;
      },
      [this](Result<Snapshot> r) {
        if (!r.ok()) {
          session_.connection.phase = ui::ConnectionInfo::Phase::kPicking;
          session_.connect_error = r.status().message();
          Fail(r.status(), "cannot open the workspace");
          return;
        }
        // Loading path (a) of WorkspaceModel: the snapshot is dated by the workspace's
        // last_seq, and the stream resumes right after it.
        model_.SetWorkspace(r->workspace);
        model_.SetLastSeq(r->workspace.last_seq());
        model_.SetMembers(r->members);
        for (const auto& t : r->transcripts) model_.UpsertTranscript(t);
        model_.UpsertClaims(r->claims);
        session_.connection.last_seq = model_.last_seq();
        session_.connection.phase = ui::ConnectionInfo::Phase::kLive;
        StartSubscription(model_.last_seq());
        presence_dirty_ = true;
      });
}

void Controller::StartSubscription(std::int64_t after_seq) {
  StopSubscription();
  client::Subscription::Options o;
  o.channel = api_->channel();
  o.connection = api_->options();
  o.workspace_id = model_.workspace().id();
  o.after_seq = after_seq;
  const std::uint64_t gen = generation_;
  o.on_event = [this, gen](v1::Event e) {
    queue_.Post([this, gen, e = std::move(e)] {
      if (gen == generation_) OnEvent(e);
    });
  };
  o.on_presence = [this, gen](v1::Presence p) {
    queue_.Post([this, gen, p = std::move(p)] {
      if (gen == generation_) model_.ApplyPresence(p);
    });
  };
  o.on_state = [this, gen](const client::SubscriptionState& s) {
    queue_.Post([this, gen, s] {
      if (gen == generation_) OnStreamState(s);
    });
  };
  subscription_ = std::make_unique<client::Subscription>(std::move(o));
  subscription_->Start();
}

void Controller::StopSubscription() {
  // Stop() joins the stream thread; its callbacks only post, so no lock is held here.
  if (subscription_ != nullptr) subscription_->Stop();
  subscription_.reset();
}

void Controller::OnEvent(const v1::Event& event) {
  const auto result = model_.Apply(event);
  if (result.outcome == model::ApplyResult::Outcome::kGap) {
    // Missing events: resubscribe from what the model has.
    StartSubscription(model_.last_seq());
    return;
  }
  session_.connection.last_seq = model_.last_seq();
  session_.connection.server_seq = std::max(session_.connection.server_seq, model_.last_seq());
}

void Controller::OnStreamState(const client::SubscriptionState& s) {
  using Phase = client::SubscriptionState::Phase;
  auto& c = session_.connection;
  c.attempts = s.attempts;
  c.server_seq = std::max(c.server_seq, s.server_seq);
  c.error = s.last_error;
  switch (s.phase) {
    case Phase::kConnecting:
    case Phase::kConnected:
      c.phase = ui::ConnectionInfo::Phase::kLive;
      break;
    case Phase::kReconnecting:
      c.phase = ui::ConnectionInfo::Phase::kReconnecting;
      break;
    case Phase::kFailed:
      if (s.error.code() == Code::kOutOfRange) {
        // The server's events were reset: reload the workspace from scratch.
        Notify(ui::Notice::Level::kInfo, "the server's data was reset; reloading");
        OpenWorkspace(model_.workspace().slug());
        return;
      }
      c.phase = ui::ConnectionInfo::Phase::kFailed;
      break;
    case Phase::kStopped:
      break;
  }
}

bool Controller::Pump() {
  bool any = queue_.Drain() > 0;
  for (model::Change& change : model_.TakeChanges()) {
    any = true;
    using Subject = model::Change::Subject;
    // A live transcript's progress is on the dashboard too.
    const bool relevant = change.subject == Subject::kClaim || change.subject == Subject::kReview ||
                          change.subject == Subject::kTranscript ||
                          change.subject == Subject::kDispute ||
                          change.subject == Subject::kSource || change.subject == Subject::kMember;
    if (relevant && !change.replayed) {
      dashboard_dirty_ = true;
      last_relevant_change_ = Clock::now();
    }
    if (change.subject == Subject::kDispute || change.kind == v1::EVENT_KIND_REVIEW_SUBMITTED) {
      disputes_dirty_ = true;
    }
    if (change.claim_id != 0 && change.claim_id == open_claim_) history_dirty_ = true;
    if (!change.by_self && !change.replayed) {
      session_.recent_changes.push_back(change);
      while (session_.recent_changes.size() > kRecentChanges) session_.recent_changes.pop_front();
    }
    if (on_change) on_change(change);
  }
  return any;
}

void Controller::Tick(const ui::UiState& state, Clock::time_point now) {
  if (api_ == nullptr || !model_.has_workspace() || shut_down_) return;
  TickPresence(state, now);
  TickPing(now);
  TickMatches(state, now);
  RefreshSettledViews(state, now);
  RefetchUnblindedReviews();
}

void Controller::TickPresence(const ui::UiState& state, Clock::time_point now) {
  // Every heartbeat, and soon after the user moves to another claim or segment.
  const auto where = std::make_tuple(state.transcript_id, state.top_segment_id, state.claim_id);
  if (where != last_presence_) presence_dirty_ = true;
  if (now - last_heartbeat_ >= options_.heartbeat ||
      (presence_dirty_ && now - last_heartbeat_ >= std::chrono::seconds(1))) {
    last_heartbeat_ = now;
    last_presence_ = where;
    presence_dirty_ = false;
    SendPresence(state, false);
  }
  if (now - last_expire_ >= std::chrono::seconds(1)) {
    last_expire_ = now;
    model_.ExpirePresence();
  }
}

// The open claim's matches while the server has not matched it: an answer with matches
// comes as an event, "none found" does not, so the inspector asks again now and then.
void Controller::TickMatches(const ui::UiState& state, Clock::time_point now) {
  if (state.claim_id == 0 || now - last_matches_fetch_ < std::chrono::seconds(2)) return;
  const v1::ListClaimMatchesResponse* known = model_.MatchesOf(state.claim_id);
  if (known == nullptr || known->matched()) return;
  last_matches_fetch_ = now;
  FetchMatches(state.claim_id);
}

void Controller::TickPing(Clock::time_point now) {
  if (ping_in_flight_ || now - last_ping_ < options_.ping) return;
  last_ping_ = now;
  ping_in_flight_ = true;
  const auto sent = Clock::now();
  Run<double>(
      [sent](Api& api) -> Result<double> {
        FD_RETURN_IF_ERROR(api.Call(&v1::WorkspaceService::Stub::WhoAmI, v1::WhoAmIRequest(),
                                    {.timeout = std::chrono::seconds(10)})
                               .status());
        return std::chrono::duration<double, std::milli>(Clock::now() - sent).count();
      },
      [this](Result<double> r) {
        ping_in_flight_ = false;
        session_.connection.rtt_ms = r.ok() ? *r : -1;
      });
}

// The dashboard, the disputes and the open claim's history are fetched again once changes
// have settled, and only while they are on screen.
void Controller::RefreshSettledViews(const ui::UiState& state, Clock::time_point now) {
  const bool settled = now - last_relevant_change_ >= options_.refresh_debounce;
  if (!settled) return;
  if (dashboard_dirty_ && state.tab == ui::Tab::kDashboard) {
    dashboard_dirty_ = false;
    RefreshDashboard();
  }
  if (disputes_dirty_ && state.tab == ui::Tab::kDisputes) {
    disputes_dirty_ = false;
    RefreshDisputes();
    if (state.dispute_claim_id != 0) Handle(ui::action::OpenDispute{state.dispute_claim_id});
  }
  if (history_dirty_ && open_claim_ != 0) {
    history_dirty_ = false;
    RefreshHistory(open_claim_);
  }
}

// Blind reviews: once allowed to see them, fetch the unredacted copies.
void Controller::RefetchUnblindedReviews() {
  for (const std::int64_t claim_id : model_.ClaimsNeedingReviewRefetch()) {
    if (!review_refetching_.insert(claim_id).second) continue;
    v1::ListReviewsRequest req;
    req.set_claim_id(claim_id);
    Run<v1::ListReviewsResponse>(
        [req](Api& api) { return api.Call(&v1::ReviewService::Stub::ListReviews, req); },
        [this, claim_id](Result<v1::ListReviewsResponse> r) {
          review_refetching_.erase(claim_id);
          if (!r.ok()) {
            model_.ClearReviewRefetch(claim_id);
            return;
          }
          model_.SetReviews(claim_id, {r->reviews().begin(), r->reviews().end()});
        });
  }
}

void Controller::SendPresence(const ui::UiState& state, bool leaving) {
  v1::UpdatePresenceRequest req;
  req.set_workspace_id(model_.workspace().id());
  req.set_session_id(options_.session_id);
  req.set_transcript_id(state.transcript_id);
  req.set_leaving(leaving);
  if (state.claim_id != 0) {
    req.set_activity(v1::ACTIVITY_EDITING);
    req.set_claim_id(state.claim_id);
    if (const v1::Claim* c = model_.FindClaim(state.claim_id)) req.set_segment_id(c->segment_id());
  } else if (state.top_segment_id != 0) {
    req.set_activity(v1::ACTIVITY_READING);
    req.set_segment_id(state.top_segment_id);
  } else {
    req.set_activity(v1::ACTIVITY_IDLE);
  }
  Run<v1::UpdatePresenceResponse>(
      [req](Api& api) {
        return api.Call(&v1::LiveService::Stub::UpdatePresence, req,
                        {.timeout = std::chrono::seconds(10)});
      },
      [](Result<v1::UpdatePresenceResponse>) {});
}

void Controller::OpenTranscript(std::int64_t transcript_id) {
  if (session_.transcript_id == transcript_id) return;
  session_.transcript_id = transcript_id;
  session_.search = {};
  if (session_.dashboard) RefreshDashboard();
  presence_dirty_ = true;
  const auto missing = model_.FirstMissingSegment(transcript_id, 0);
  session_.segments_complete = !missing.has_value();
  if (missing) FetchSegments(transcript_id, *missing);
  FetchSuggestions(transcript_id);
}

void Controller::FetchSegments(std::int64_t transcript_id, std::int32_t from) {
  if (!segments_loading_.insert(transcript_id).second) return;
  v1::ListSegmentsRequest req;
  req.set_transcript_id(transcript_id);
  req.set_from_ordinal(from);
  req.set_page_size(kSegmentPage);
  Run<v1::ListSegmentsResponse>(
      [req](Api& api) { return api.Call(&v1::TranscriptService::Stub::ListSegments, req); },
      [this, transcript_id, from](Result<v1::ListSegmentsResponse> r) {
        segments_loading_.erase(transcript_id);
        if (!r.ok()) {
          Fail(r.status(), "cannot load the transcript");
          return;
        }
        std::vector<v1::Segment> page(r->segments().begin(), r->segments().end());
        if (page.empty()) return;
        if (Status s = model_.SetSegments(transcript_id, from, std::move(page)); !s.ok()) {
          Fail(s, "cannot load the transcript");
          return;
        }
        // Pages follow one another until the transcript is complete.
        const auto missing = model_.FirstMissingSegment(transcript_id, from);
        if (missing) {
          FetchSegments(transcript_id, *missing);
        } else if (transcript_id == session_.transcript_id) {
          session_.segments_complete = true;
        }
      });
}

// A claim's sources, unless the model has them (the inspector and the dispute page).
void Controller::FetchSources(std::int64_t claim_id) {
  if (model_.SourcesLoaded(claim_id)) return;
  v1::ListSourcesRequest sreq;
  sreq.set_claim_id(claim_id);
  Run<v1::ListSourcesResponse>(
      [sreq](Api& api) { return api.Call(&v1::SourceService::Stub::ListSources, sreq); },
      [this, claim_id](Result<v1::ListSourcesResponse> r) {
        if (r.ok()) model_.SetSources(claim_id, {r->sources().begin(), r->sources().end()});
      });
}

// A claim's "checked before?" matches, unless the model has them as matched; a claim
// not matched yet gets its matches from the stream (EVENT_KIND_CLAIM_MATCHED).
void Controller::FetchMatches(std::int64_t claim_id) {
  const v1::ListClaimMatchesResponse* known = model_.MatchesOf(claim_id);
  if (known != nullptr && known->matched()) return;
  v1::ListClaimMatchesRequest req;
  req.set_claim_id(claim_id);
  Run<v1::ListClaimMatchesResponse>(
      [req](Api& api) { return api.Call(&v1::ArchiveService::Stub::ListClaimMatches, req); },
      [this, claim_id](Result<v1::ListClaimMatchesResponse> r) {
        if (r.ok()) model_.SetMatches(claim_id, *r);
      });
}

void Controller::OpenClaim(std::int64_t claim_id) {
  open_claim_ = claim_id;
  presence_dirty_ = true;
  if (claim_id == 0) return;
  FetchSources(claim_id);
  FetchMatches(claim_id);
  if (!model_.NotesLoaded(claim_id)) {
    v1::ListNotesRequest nreq;
    nreq.set_claim_id(claim_id);
    Run<v1::ListNotesResponse>(
        [nreq](Api& api) { return api.Call(&v1::NoteService::Stub::ListNotes, nreq); },
        [this, claim_id](Result<v1::ListNotesResponse> r) {
          if (r.ok()) model_.SetNotes(claim_id, {r->notes().begin(), r->notes().end()});
        });
  }
  if (!model_.ReviewsLoaded(claim_id)) {
    v1::ListReviewsRequest rreq;
    rreq.set_claim_id(claim_id);
    Run<v1::ListReviewsResponse>(
        [rreq](Api& api) { return api.Call(&v1::ReviewService::Stub::ListReviews, rreq); },
        [this, claim_id](Result<v1::ListReviewsResponse> r) {
          if (r.ok()) model_.SetReviews(claim_id, {r->reviews().begin(), r->reviews().end()});
        });
  }
  RefreshHistory(claim_id);
}

void Controller::RefreshHistory(std::int64_t claim_id) {
  v1::GetClaimHistoryRequest req;
  req.set_claim_id(claim_id);
  Run<v1::GetClaimHistoryResponse>(
      [req](Api& api) { return api.Call(&v1::ClaimService::Stub::GetClaimHistory, req); },
      [this, claim_id](Result<v1::GetClaimHistoryResponse> r) {
        if (r.ok()) session_.history[claim_id] = {r->entries().begin(), r->entries().end()};
      });
}

void Controller::RefreshDashboard() {
  if (!model_.has_workspace()) return;
  session_.dashboard_loading = true;
  v1::GetDashboardRequest req;
  req.set_workspace_id(model_.workspace().id());
  // The dashboard covers the transcript the reader shows, as the reader's filter does.
  req.set_transcript_id(session_.transcript_id);
  Run<v1::Dashboard>(
      [req](Api& api) { return api.Call(&v1::DashboardService::Stub::GetDashboard, req); },
      [this](Result<v1::Dashboard> r) {
        session_.dashboard_loading = false;
        if (!r.ok()) {
          Fail(r.status(), "cannot load the dashboard");
          return;
        }
        session_.dashboard = *r;
      });
}

void Controller::RefreshDisputes() {
  if (!model_.has_workspace()) return;
  session_.disputes_loading = true;
  v1::ListDisputesRequest req;
  req.set_workspace_id(model_.workspace().id());
  req.set_open_only(true);
  Run<v1::ListDisputesResponse>(
      [req](Api& api) { return api.Call(&v1::ReviewService::Stub::ListDisputes, req); },
      [this](Result<v1::ListDisputesResponse> r) {
        session_.disputes_loading = false;
        if (!r.ok()) {
          Fail(r.status(), "cannot load the disputes");
          return;
        }
        session_.disputes.assign(r->disputes().begin(), r->disputes().end());
        for (const auto& d : session_.disputes) model_.SetDispute(d);
      });
}

void Controller::ClaimResult(Result<v1::Claim> result, const std::string& what) {
  if (!result.ok()) {
    Fail(result.status(), what);
    return;
  }
  model_.UpsertClaim(*result);
}

void Controller::Dispatch(ui::ActionList& actions) {
  for (const ui::Action& a : actions) Dispatch(a);
  actions.clear();
}

void Controller::Dispatch(const ui::Action& action) {
  std::visit([this](const auto& a) { Handle(a); }, action);
}

}  // namespace factdesk::app
