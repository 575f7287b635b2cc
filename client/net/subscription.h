#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <grpcpp/grpcpp.h>

#include "client/net/backoff.h"
#include "client/net/connection.h"
#include "common/seq_gate.h"
#include "common/status.h"
#include "factdesk/v1/live.grpc.pb.h"

namespace factdesk::client {

// Where a Subscription stands; a snapshot, handed to on_state and returned by State().
struct SubscriptionState {
  enum class Phase {
    // Opening the first stream; nothing received yet.
    kConnecting,
    // The stream is up (something arrived on it).
    kConnected,
    // The stream ended; waiting out the backoff (retry_in) or opening a new one.
    kReconnecting,
    // Stop() was called.
    kStopped,
    // A permanent error (error says which); no more attempts. OUT_OF_RANGE means the
    // server has no events up to after_seq (its data was reset): rebuild from seq 0.
    kFailed,
  };

  Phase phase = Phase::kConnecting;
  // The seq of the last event delivered to on_event (after_seq before any).
  std::int64_t last_seq = 0;
  // The newest seq the server has reported (heartbeats, events); last_seq < server_seq
  // means the replay is still catching up.
  std::int64_t server_seq = 0;
  // Failed attempts since the last good connection.
  int attempts = 0;
  // Why the last stream ended (kReconnecting) or why it gave up (kFailed); OK otherwise.
  Status error;
  // error.ToString(), or empty.
  std::string last_error;
  // When the current stream connected (kConnected), else the epoch.
  std::chrono::system_clock::time_point connected_since{};
  // The backoff delay before the next attempt (kReconnecting).
  std::chrono::milliseconds retry_in{0};
};

const char* PhaseName(SubscriptionState::Phase phase);

// Follows a workspace's live stream (LiveService.Subscribe) on its own thread.
//
// Delivers every event exactly once and in seq order, across reconnects: it tracks the
// last seq it delivered, drops anything at or below it, and resubscribes from it after
// any end of the stream (server restart, network drop, RESOURCE_EXHAUSTED for a slow
// subscriber, a gap, or the watchdog: nothing — event, presence or heartbeat — for
// `watchdog_timeout`; the server sends a heartbeat after 10 s of silence). Reconnects
// back off exponentially with full jitter; the backoff resets after a stream that
// delivered an event or stayed up for `stable_after`.
//
// Permanent errors end it in kFailed: UNAUTHENTICATED, PERMISSION_DENIED (also: removed
// from the workspace), NOT_FOUND, INVALID_ARGUMENT, and OUT_OF_RANGE (the consumer
// decides: e.g. reset its model and start a new Subscription from 0).
//
// Callbacks run on the subscription thread, one at a time, never under the
// subscription's lock (they may call State()). Do not call Stop() while holding a lock
// that a callback takes: Stop() waits for the thread, which may be waiting for that
// lock.
class Subscription {
 public:
  struct Options {
    ConnectionOptions connection;
    // A channel to use instead of opening one from `connection` (its token is still
    // sent); lets the desktop share its channel and tests use an in-process one.
    std::shared_ptr<grpc::Channel> channel;
    std::int64_t workspace_id = 0;
    // Events with seq > after_seq are delivered.
    std::int64_t after_seq = 0;

    std::function<void(v1::Event)> on_event;
    std::function<void(v1::Presence)> on_presence;
    std::function<void(const SubscriptionState&)> on_state;

    Backoff::Params backoff;
    // Fixed seed for the jitter (tests); random otherwise.
    std::optional<std::uint64_t> backoff_seed;
    // Silence after which the stream is presumed dead and replaced.
    std::chrono::milliseconds watchdog_timeout{20000};
    // A stream up this long counts as good (the backoff resets).
    std::chrono::milliseconds stable_after{10000};
  };

  explicit Subscription(Options options);
  // Stops and joins.
  ~Subscription();
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  // Starts the threads (once; later calls do nothing).
  void Start();
  // Cancels the stream or the backoff wait and joins, promptly (well under a second).
  // Idempotent. Called from a callback, it only asks the thread to end.
  void Stop();
  // Thread-safe snapshot.
  SubscriptionState State() const;

  // Errors that retrying cannot fix.
  static bool IsPermanent(Code code);

 private:
  // How one stream went.
  struct StreamEnd {
    Status status;
    // Delivered an event or stayed connected for stable_after: reset the backoff.
    bool good = false;
  };

  // What one stream has done so far (owned by the subscription thread).
  struct StreamProgress {
    SeqGate gate;
    bool connected = false;
    bool delivered = false;
    std::chrono::steady_clock::time_point connected_at;
    std::optional<Status> gap;  // an event out of order ended the stream
  };

  void Run();
  void Watch();
  StreamEnd RunStream(v1::LiveService::Stub& stub);
  // Registers `ctx` as the stream in progress and resumes `gate` from the last seq
  // delivered; false when stopping.
  bool BeginStream(grpc::ClientContext& ctx, SeqGate& gate);
  void OnMessage(StreamProgress& progress);
  void Dispatch(v1::SubscribeResponse& response, StreamProgress& progress,
                grpc::ClientContext& ctx);
  // Delivers one event in order; false (and progress.gap set) when it does not follow.
  bool Deliver(v1::Event&& event, StreamProgress& progress, grpc::ClientContext& ctx);
  // Unregisters the stream and says why it ended.
  StreamEnd EndStream(const grpc::Status& finished, const StreamProgress& progress);
  // Updates the state under the lock, then reports it to on_state outside it.
  void Update(const std::function<void(SubscriptionState&)>& change);
  // Waits for `delay` or Stop(); false when stopping.
  bool Sleep(std::chrono::milliseconds delay);
  bool stopping() const;

  const Options options_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  SubscriptionState state_;
  bool started_ = false;
  bool stopping_ = false;
  // The stream in progress (owned by the subscription thread), for Stop and the watchdog.
  grpc::ClientContext* active_ctx_ = nullptr;
  std::uint64_t stream_id_ = 0;
  std::uint64_t watchdog_fired_for_ = 0;
  std::chrono::steady_clock::time_point last_activity_;

  std::thread thread_;
  std::thread watchdog_;
};

}  // namespace factdesk::client
