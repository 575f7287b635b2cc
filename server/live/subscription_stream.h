#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <variant>

#include <grpcpp/grpcpp.h>

#include "common/result.h"
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
// events from the hub. Every event passes through Deliver, which keeps seq strictly
// increasing with no gap: older ones are dropped, a gap starts a catch-up from the
// table. Falling more than `max_queue` events behind ends the stream with
// RESOURCE_EXHAUSTED and the seq to resume from.
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
  using Item = std::variant<std::shared_ptr<const v1::Event>, v1::Presence, v1::Heartbeat>;

  SubscriptionStream(Hub& hub, grpc::CallbackServerContext* ctx);
  void RunSetup(const Setup& setup);
  void CatchUp();
  // With mu_ held: queue it and start a write if none is in flight.
  void EnqueueLocked(Item item, std::unique_lock<std::mutex>& lock);
  void DeliverLocked(const std::shared_ptr<const v1::Event>& event,
                     std::unique_lock<std::mutex>& lock);
  void WriteNext(std::unique_lock<std::mutex>& lock);
  // Moves the events at the front of the queue (up to a batch) into current_, each
  // through the blind view: one Event, or an EventBatch when several were waiting.
  // False when the view ended the stream.
  bool PackEventsLocked(std::unique_lock<std::mutex>& lock);
  void EndLocked(Status status, std::unique_lock<std::mutex>& lock);
  void ScheduleCatchUpLocked();

  Hub& hub_;
  grpc::CallbackServerContext* ctx_;
  std::shared_ptr<SubscriptionStream> self_;  // keeps us alive until OnDone
  StreamConfig config_;

  std::mutex mu_;
  std::deque<Item> queue_;
  std::int64_t next_seq_ = 1;     // the seq the client needs next
  std::int64_t sent_seq_ = 0;     // the last seq written to the client
  bool ready_ = false;            // setup done, attached to the hub
  bool counted_ = false;          // counted in the hub's live subscribers
  bool catchup_running_ = false;  // a catch-up task is scheduled or running
  bool catchup_needed_ = false;   // a gap was seen since the catch-up started
  bool catchup_paused_ = false;   // replay stopped until the client drains the queue
  bool write_in_flight_ = false;
  bool ended_ = false;  // Finish called (or pending)
  std::optional<Status> pending_finish_;
  v1::SubscribeResponse current_;
  std::chrono::steady_clock::time_point last_write_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace factdesk::live
