#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include "client/app/ui_queue.h"
#include "client/model/workspace_model.h"
#include "client/net/api_client.h"
#include "client/net/subscription.h"
#include "client/ui/actions.h"
#include "client/ui/session_data.h"
#include "client/ui/ui_state.h"
#include "common/worker_pool.h"

namespace factdesk::app {

// The desktop's controller: owns the connection, the workspace replica and the session
// data the views read; turns the views' Actions into RPCs on a small worker pool and
// applies the results on the UI thread (through the UiQueue); follows the live stream
// (a Subscription whose callbacks post to the queue); and keeps the periodic work going
// (presence heartbeats, round-trip pings, debounced refreshes, blind-review refetches).
//
// Threads: every public method is for the UI thread. Worker threads only run RPCs and
// Post their results; the subscription thread only Posts.
class Controller {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    // Use this channel (tests: the in-process server's) instead of opening one.
    std::shared_ptr<grpc::Channel> channel;
    int worker_threads = 2;
    std::chrono::milliseconds heartbeat{10000};
    std::chrono::milliseconds ping{5000};
    // Changes settle this long before the dashboard, history or disputes refetch.
    std::chrono::milliseconds refresh_debounce{700};
    // Stable for the life of the client (presence); random when empty.
    std::string session_id;
  };

  explicit Controller(Options options);
  ~Controller();
  Controller(const Controller&) = delete;
  Controller& operator=(const Controller&) = delete;

  // Wakes the UI loop when something is posted (glfwPostEmptyEvent).
  void SetWake(std::function<void()> wake) { queue_.SetWake(std::move(wake)); }
  // Start of a frame: runs what the network threads posted, then turns the model's
  // queued changes into session updates. Returns whether anything happened.
  bool Pump();
  // After a frame: carries out the frame's actions.
  void Dispatch(const ui::Action& action);
  void Dispatch(ui::ActionList& actions);
  // Periodic work; `state` says what the user is looking at (presence).
  void Tick(const ui::UiState& state, Clock::time_point now = Clock::now());
  // Says goodbye (presence leaving), stops the stream and the workers. Idempotent.
  void Shutdown();

  // Connects and, once signed in, opens `workspace_slug` (empty: show the picker).
  void Connect(const client::ConnectionOptions& options, const std::string& workspace_slug = "");

  const model::WorkspaceModel& model() const { return model_; }
  const ui::SessionData& session() const { return session_; }
  UiQueue& queue() { return queue_; }
  // No RPC in flight.
  bool idle() const { return session_.pending == 0; }
  const std::string& session_id() const { return options_.session_id; }

  // Test hooks, called on the UI thread.
  std::function<void(const model::Change&)> on_change;
  std::function<void(const v1::Claim&)> on_claim_created;

 private:
  using Api = client::ApiClient;
  template <typename T>
  using RpcFn = std::function<Result<T>(Api&)>;
  template <typename T>
  using DoneFn = std::function<void(Result<T>)>;

  // Runs `rpc` on a worker, then `done` on the UI thread, unless the workspace was left
  // or the connection replaced in between.
  template <typename T>
  void Run(RpcFn<T> rpc, DoneFn<T> done);
  void Notify(ui::Notice::Level level, std::string text);
  void Fail(const Status& status, const std::string& what);

  // Signs in over `channel` (WhoAmI, the workspace list), then opens the pending workspace.
  void SignIn(std::shared_ptr<grpc::Channel> channel, const client::ConnectionOptions& options);
  void OpenWorkspace(const std::string& slug);
  void StartSubscription(std::int64_t after_seq);
  void StopSubscription();
  void OnEvent(const v1::Event& event);
  void OnStreamState(const client::SubscriptionState& state);
  void OpenTranscript(std::int64_t transcript_id);
  void FetchSegments(std::int64_t transcript_id, std::int32_t from);
  void OpenClaim(std::int64_t claim_id);
  void RefreshDashboard();
  // The transcript's suggestions (the best 1000, open ones); events bring the rest.
  void FetchSuggestions(std::int64_t transcript_id);
  void FetchSources(std::int64_t claim_id);
  void FetchMatches(std::int64_t claim_id);
  void RefreshDisputes();
  void RefreshHistory(std::int64_t claim_id);
  void SendPresence(const ui::UiState& state, bool leaving);
  // Tick's parts.
  void TickPresence(const ui::UiState& state, Clock::time_point now);
  void TickPing(Clock::time_point now);
  void TickMatches(const ui::UiState& state, Clock::time_point now);
  void RefreshSettledViews(const ui::UiState& state, Clock::time_point now);
  void RefetchUnblindedReviews();
  void ClaimResult(Result<v1::Claim> result, const std::string& what);
  void Navigate(std::int64_t transcript_id, std::int64_t claim_id);

  // Action handlers (controller_actions.cc).
  void Handle(const ui::action::Connect& x);
  void Handle(const ui::action::Disconnect& x);
  void Handle(const ui::action::OpenWorkspace& x);
  void Handle(const ui::action::OpenTranscript& x);
  void Handle(const ui::action::OpenClaim& x);
  void Handle(const ui::action::MarkClaim& x);
  void Handle(const ui::action::UpdateClaim& x);
  void Handle(const ui::action::ClearConflict& x);
  void Handle(const ui::action::AssignClaim& x);
  void Handle(const ui::action::TakeClaim& x);
  void Handle(const ui::action::TagClaim& x);
  void Handle(const ui::action::UntagClaim& x);
  void Handle(const ui::action::DismissClaim& x);
  void Handle(const ui::action::ReopenClaim& x);
  void Handle(const ui::action::PublishClaim& x);
  void Handle(const ui::action::CorrectClaim& x);
  void Handle(const ui::action::LinkClaim& x);
  void Handle(const ui::action::UnlinkClaim& x);
  void Handle(const ui::action::AddSource& x);
  void Handle(const ui::action::RemoveSource& x);
  void Handle(const ui::action::AddNote& x);
  void Handle(const ui::action::SubmitReview& x);
  void Handle(const ui::action::OpenDispute& x);
  void Handle(const ui::action::DecideDispute& x);
  // Suggestions and live transcripts (controller_live.cc).
  void Handle(const ui::action::AcceptSuggestion& x);
  void Handle(const ui::action::DismissSuggestion& x);
  void Handle(const ui::action::ReanchorClaim& x);
  void Handle(const ui::action::FetchSegmentHistory& x);
  void Handle(const ui::action::RefreshDashboard& x);
  void Handle(const ui::action::RefreshDisputes& x);
  void Handle(const ui::action::PreviewImport& x);
  void Handle(const ui::action::Import& x);
  void Handle(const ui::action::CancelImport& x);
  void Handle(const ui::action::Search& x);
  // The Claims tab (controller_claim_search.cc).
  void Handle(const ui::action::SearchClaims& x);
  void Handle(const ui::action::MarkSeen& x);
  void Handle(const ui::action::DismissNotice& x);

  Options options_;
  UiQueue queue_;
  std::unique_ptr<WorkerPool> pool_;
  std::shared_ptr<Api> api_;
  std::unique_ptr<client::Subscription> subscription_;
  // Bumped when the connection or workspace changes: results of older requests are
  // dropped.
  std::uint64_t generation_ = 0;
  std::string pending_workspace_;
  model::WorkspaceModel model_;
  ui::SessionData session_;
  std::uint64_t next_notice_ = 1;

  // Periodic work.
  Clock::time_point last_heartbeat_{};
  Clock::time_point last_ping_{};
  Clock::time_point last_matches_fetch_{};
  Clock::time_point last_expire_{};
  Clock::time_point last_relevant_change_{};
  bool ping_in_flight_ = false;
  bool dashboard_dirty_ = false;
  bool disputes_dirty_ = false;
  bool history_dirty_ = false;
  bool presence_dirty_ = true;
  std::int64_t open_claim_ = 0;
  std::set<std::int64_t> review_refetching_;
  std::set<std::int64_t> segments_loading_;
  std::set<std::int64_t> histories_loading_;
  // What presence last said, so a change is sent at once (throttled).
  std::tuple<std::int64_t, std::int64_t, std::int64_t> last_presence_{};
  bool shut_down_ = false;
};

// Defined here because both controller .cc files use it.
template <typename T>
void Controller::Run(RpcFn<T> rpc, DoneFn<T> done) {
  if (api_ == nullptr || pool_ == nullptr) return;
  ++session_.pending;
  const std::uint64_t gen = generation_;
  auto api = api_;
  const bool queued = pool_->Submit([this, api, gen, rpc = std::move(rpc), done = std::move(done)] {
    Result<T> result = rpc(*api);
    queue_.Post([this, gen, result = std::move(result), done]() mutable {
      --session_.pending;
      if (gen != generation_) return;
      done(std::move(result));
    });
  });
  if (!queued) {
    --session_.pending;
    Notify(ui::Notice::Level::kError, "too many requests in flight; try again");
  }
}

}  // namespace factdesk::app
