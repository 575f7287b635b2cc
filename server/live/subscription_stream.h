#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <variant>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "common/result.h"
#include "common/seq_gate.h"
#include "factdesk/v1/live.pb.h"

namespace factdesk::live {

class Hub;

// What the RPC layer decides when a subscriber arrives (who it is, what it may see).
struct StreamConfig {
  std::int64_t workspace_id = 0;
  std::int64_t after_seq = 0;
  // The workspace's newest seq when the subscriber arrived.
  std::int64_t last_seq = 0;
  enum class Verdict { kSend, kEnd };
  // Shapes an event for this subscriber (the blind rule redacts reviews, never drops
  // an event: seqs stay gap-free); may end the stream (the subscriber was removed
  // from the workspace). Called in seq order.
  std::function<Verdict(const v1::Event& in, v1::Event* out, Status* end_status)> view;
  std::string user;        // handle, for the log
  std::string request_id;  // for the log
};

// One Subscribe call: a ServerWriteReactor with one write in flight and a bounded queue.
// It first replays events after `after_seq` from the table in pages (paced by the
// client: the next page is read only once the queue has drained), then takes live
// events from the hub. Every event, replayed or live, passes one SeqGate: older ones
// are dropped, a gap starts a catch-up from the table, the next one is queued. Falling
// more than `max_queue` events behind ends the stream with RESOURCE_EXHAUSTED and the
// seq to resume from.
class SubscriptionStream : public grpc::ServerWriteReactor<v1::SubscribeResponse> {
 public:
  using Setup = std::function<Result<StreamConfig>()>;

  // Starts the call: `setup` (authentication, membership) runs on the worker pool.
  static SubscriptionStream* Create(Hub& hub, grpc::CallbackServerContext* ctx, Setup setup);

  std::int64_t workspace_id() const { return config_.workspace_id; }

  // From the hub.
  void Deliver(const std::shared_ptr<const v1::Event>& event);
  void SendPresence(const v1::Presence& presence);
  void Tick(std::chrono::steady_clock::time_point now);
  void End(const Status& status);

  // grpc::ServerWriteReactor
  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

 private:
  // Where the stream is in its life, in the order it goes through them. An attached
  // stream moves between catching up and live as gaps appear and are filled; the
  // others are left for good. Whether a write is in flight is a separate matter: one
  // may be in any attached phase, and kFinishing is "ended with a write in flight".
  enum class Phase {
    kSettingUp,   // setup (authentication, membership) runs on the worker pool
    kCatchingUp,  // attached; one task reads the missing events from the table
    kPaused,      // attached; the replay waits until the client drains the queue
    kRetrying,    // attached; events are missing but the pool was full: the ticker retries
    kLive,        // attached and caught up with the table: the hub's events are enough
    kFinishing,   // ended; Finish waits for the write in flight
    kFinished,    // Finish called; gRPC calls OnDone next
    kDone,        // OnDone ran: detached from the hub, the last reference goes
  };

  using Item = std::variant<std::shared_ptr<const v1::Event>, v1::Presence, v1::Heartbeat>;

  SubscriptionStream(Hub& hub, grpc::CallbackServerContext* ctx);
  void RunSetup(const Setup& setup);
  void CatchUp();
  // Reads one replay page after `from`; false (and the stream ended) on a failed read.
  bool ReadPage(std::int64_t from, int page, std::vector<v1::Event>* events);
  // With mu_ held: queue it and start a write if none is in flight.
  void EnqueueLocked(Item item, std::unique_lock<std::mutex>& lock);
  void DeliverLocked(const std::shared_ptr<const v1::Event>& event,
                     std::unique_lock<std::mutex>& lock);
  void WriteNext(std::unique_lock<std::mutex>& lock);
  // Moves the events at the front of the queue (up to a batch) into current_, each
  // through the blind view: one Event, or an EventBatch when several were waiting.
  // False when the view ended the stream.
  bool PackEventsLocked(std::unique_lock<std::mutex>& lock);

  // The transitions. Each says which phases it leaves; all run with mu_ held.
  // kSettingUp -> attached (kCatchingUp, or kRetrying when the pool is full).
  void AttachLocked(StreamConfig config, std::unique_lock<std::mutex>& lock);
  // kLive, kPaused or kRetrying -> kCatchingUp (kRetrying when the pool is full).
  void StartCatchUpLocked();
  // kCatchingUp -> kPaused: the queue holds a page; OnWriteDone resumes the replay.
  void PauseLocked() { phase_ = Phase::kPaused; }
  // kCatchingUp -> kLive: the table has nothing past what is queued.
  void CaughtUpLocked() { phase_ = Phase::kLive; }
  // Any phase before kFinishing -> kFinishing (a write in flight) or kFinished.
  void EndLocked(Status status, std::unique_lock<std::mutex>& lock);

  bool attached() const {
    return phase_ == Phase::kCatchingUp || phase_ == Phase::kPaused || phase_ == Phase::kRetrying ||
           phase_ == Phase::kLive;
  }
  bool ended() const { return phase_ >= Phase::kFinishing; }

  Hub& hub_;
  grpc::CallbackServerContext* ctx_;
  std::shared_ptr<SubscriptionStream> self_;  // keeps us alive until OnDone
  StreamConfig config_;

  std::mutex mu_;
  Phase phase_ = Phase::kSettingUp;
  std::deque<Item> queue_;
  SeqGate gate_;               // last(): the last seq queued; next(): the one the client needs
  std::int64_t sent_seq_ = 0;  // the last seq written to the client
  // The newest seq this stream knows to exist (setup's read, or a live event past a
  // gap): a catch-up that has not reached it reads again.
  std::int64_t newest_seq_ = 0;
  bool write_in_flight_ = false;
  Status finish_status_;  // kFinishing: what Finish sends once the write completes
  v1::SubscribeResponse current_;
  std::chrono::steady_clock::time_point last_write_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace factdesk::live
