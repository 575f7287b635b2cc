#include "client/net/subscription.h"

#include <algorithm>
#include <utility>

namespace factdesk::client {

using Phase = SubscriptionState::Phase;
using SteadyClock = std::chrono::steady_clock;

const char* PhaseName(Phase phase) {
  switch (phase) {
    case Phase::kConnecting:
      return "connecting";
    case Phase::kConnected:
      return "connected";
    case Phase::kReconnecting:
      return "reconnecting";
    case Phase::kStopped:
      return "stopped";
    case Phase::kFailed:
      break;
  }
  return "failed";
}

bool Subscription::IsPermanent(Code code) {
  switch (code) {
    case Code::kUnauthenticated:
    case Code::kPermissionDenied:
    case Code::kNotFound:
    case Code::kInvalidArgument:
    case Code::kOutOfRange:
      return true;
    default:
      return false;
  }
}

Subscription::Subscription(Options options) : options_(std::move(options)) {
  state_.last_seq = options_.after_seq;
  state_.server_seq = options_.after_seq;
}

Subscription::~Subscription() {
  Stop();
  // Destroyed from one of its own callbacks: the thread cannot join itself.
  if (thread_.joinable()) thread_.detach();
}

void Subscription::Start() {
  std::lock_guard lock(mu_);
  if (started_ || stopping_) return;
  started_ = true;
  thread_ = std::thread([this] { Run(); });
  watchdog_ = std::thread([this] { Watch(); });
}

void Subscription::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    if (active_ctx_ != nullptr) active_ctx_->TryCancel();
  }
  cv_.notify_all();
  if (watchdog_.joinable() && watchdog_.get_id() != std::this_thread::get_id()) watchdog_.join();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

SubscriptionState Subscription::State() const {
  std::lock_guard lock(mu_);
  return state_;
}

bool Subscription::stopping() const {
  std::lock_guard lock(mu_);
  return stopping_;
}

void Subscription::Update(const std::function<void(SubscriptionState&)>& change) {
  SubscriptionState snapshot;
  {
    std::lock_guard lock(mu_);
    change(state_);
    state_.last_error = state_.error.ok() ? std::string() : state_.error.ToString();
    snapshot = state_;
  }
  if (options_.on_state) options_.on_state(snapshot);
}

bool Subscription::Sleep(std::chrono::milliseconds delay) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, delay, [this] { return stopping_; });
  return !stopping_;
}

void Subscription::Run() {
  std::shared_ptr<grpc::Channel> channel = options_.channel;
  if (!channel) {
    auto opened = OpenChannel(options_.connection);
    if (!opened.ok()) {
      Update([&](SubscriptionState& s) {
        s.phase = Phase::kFailed;
        s.error = opened.status();
      });
      return;
    }
    channel = std::move(opened).value();
  }
  const auto stub = v1::LiveService::NewStub(channel);
  Backoff backoff(options_.backoff, options_.backoff_seed.value_or(Backoff::RandomSeed()));
  Update([](SubscriptionState& s) { s.phase = Phase::kConnecting; });

  while (!stopping()) {
    const StreamEnd end = RunStream(*stub);
    if (stopping()) break;
    if (IsPermanent(end.status.code())) {
      Update([&](SubscriptionState& s) {
        s.phase = Phase::kFailed;
        s.error = end.status;
        s.connected_since = {};
      });
      return;
    }
    if (end.good) backoff.Reset();
    const auto delay = backoff.Next();
    Update([&](SubscriptionState& s) {
      s.phase = Phase::kReconnecting;
      s.error = end.status;
      s.attempts = backoff.attempt();
      s.retry_in = delay;
      s.connected_since = {};
    });
    if (!Sleep(delay)) break;
  }
  Update([](SubscriptionState& s) {
    s.phase = Phase::kStopped;
    s.connected_since = {};
    s.retry_in = std::chrono::milliseconds(0);
  });
}

Subscription::StreamEnd Subscription::RunStream(v1::LiveService::Stub& stub) {
  grpc::ClientContext ctx;
  // No deadline: the stream lives until it breaks, and the watchdog notices silence.
  if (!options_.connection.token.empty()) {
    ctx.AddMetadata(v1::kAuthorizationKey, v1::kBearerPrefix + options_.connection.token);
  }
  StreamProgress progress;
  if (!BeginStream(ctx, progress.gate)) return {Status(Code::kCancelled, "stopped"), false};
  v1::SubscribeRequest request;
  request.set_workspace_id(options_.workspace_id);
  request.set_after_seq(progress.gate.last());

  std::unique_ptr<grpc::ClientReader<v1::SubscribeResponse>> reader = stub.Subscribe(&ctx, request);
  v1::SubscribeResponse response;
  while (!progress.gap && reader->Read(&response)) {
    OnMessage(progress);
    Dispatch(response, progress, ctx);
  }
  if (progress.gap) ctx.TryCancel();
  return EndStream(reader->Finish(), progress);
}

bool Subscription::BeginStream(grpc::ClientContext& ctx, SeqGate& gate) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return false;
    gate.Reset(state_.last_seq);  // each stream resumes from the last seq delivered
    active_ctx_ = &ctx;
    ++stream_id_;
    last_activity_ = SteadyClock::now();
  }
  cv_.notify_all();  // arms the watchdog
  return true;
}

void Subscription::OnMessage(StreamProgress& progress) {
  {
    std::lock_guard lock(mu_);
    last_activity_ = SteadyClock::now();
  }
  if (progress.connected) return;
  progress.connected = true;
  progress.connected_at = SteadyClock::now();
  Update([](SubscriptionState& s) {
    s.phase = Phase::kConnected;
    s.error = Status::Ok();
    s.connected_since = std::chrono::system_clock::now();
    s.retry_in = std::chrono::milliseconds(0);
  });
}

void Subscription::Dispatch(v1::SubscribeResponse& response, StreamProgress& progress,
                            grpc::ClientContext& ctx) {
  switch (response.item_case()) {
    case v1::SubscribeResponse::kEvent:
      Deliver(std::move(*response.mutable_event()), progress, ctx);
      break;
    case v1::SubscribeResponse::kEvents:
      for (v1::Event& event : *response.mutable_events()->mutable_events()) {
        if (!Deliver(std::move(event), progress, ctx)) break;
      }
      break;
    case v1::SubscribeResponse::kPresence:
      if (options_.on_presence) options_.on_presence(std::move(*response.mutable_presence()));
      break;
    case v1::SubscribeResponse::kHeartbeat: {
      std::lock_guard lock(mu_);
      state_.server_seq = std::max(state_.server_seq, response.heartbeat().last_seq());
      break;
    }
    case v1::SubscribeResponse::ITEM_NOT_SET:
      break;
  }
}

bool Subscription::Deliver(v1::Event&& event, StreamProgress& progress, grpc::ClientContext& ctx) {
  const std::int64_t seq = event.seq();
  switch (progress.gate.Admit(seq)) {
    case SeqGate::Verdict::kOlder:  // already delivered (defensive: the server skips them)
      return true;
    case SeqGate::Verdict::kGap:
      // Never expected from the server; resubscribing replays what is missing.
      progress.gap =
          Status(Code::kDataLoss, "event " + std::to_string(seq) + " arrived after " +
                                      std::to_string(progress.gate.last()) + "; resubscribing");
      ctx.TryCancel();
      return false;
    case SeqGate::Verdict::kNext:
      break;
  }
  if (options_.on_event) options_.on_event(std::move(event));
  progress.delivered = true;
  std::lock_guard lock(mu_);
  state_.last_seq = seq;
  state_.server_seq = std::max(state_.server_seq, seq);
  return true;
}

Subscription::StreamEnd Subscription::EndStream(const grpc::Status& finished,
                                                const StreamProgress& progress) {
  bool watchdog_fired = false;
  bool stopped = false;
  {
    std::lock_guard lock(mu_);
    active_ctx_ = nullptr;
    watchdog_fired = watchdog_fired_for_ == stream_id_;
    stopped = stopping_;
  }
  cv_.notify_all();

  StreamEnd end;
  end.good =
      progress.delivered ||
      (progress.connected && SteadyClock::now() - progress.connected_at >= options_.stable_after);
  if (stopped) {
    end.status = Status(Code::kCancelled, "stopped");
  } else if (progress.gap) {
    end.status = *progress.gap;
  } else if (watchdog_fired) {
    end.status =
        Status(Code::kDeadlineExceeded, "nothing from the server for " +
                                            std::to_string(options_.watchdog_timeout.count()) +
                                            " ms; reconnecting");
  } else if (finished.ok()) {
    end.status = Status::Unavailable("the server ended the stream");
  } else {
    // RESOURCE_EXHAUSTED (a slow subscriber) also lands here: the server's
    // factdesk-resume-after-seq trailer is the last seq it sent, which is our last_seq.
    end.status = FromGrpc(finished);
  }
  return end;
}

void Subscription::Watch() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    if (active_ctx_ == nullptr || watchdog_fired_for_ == stream_id_) {
      cv_.wait(lock);  // until a stream starts (or Stop)
      continue;
    }
    const auto deadline = last_activity_ + options_.watchdog_timeout;
    if (SteadyClock::now() >= deadline) {
      watchdog_fired_for_ = stream_id_;
      active_ctx_->TryCancel();
      continue;
    }
    cv_.wait_until(lock, deadline);
  }
}

}  // namespace factdesk::client
