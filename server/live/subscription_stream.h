#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "common/result.h"
#include "common/seq_gate.h"
#include "factdesk/v1/live.pb.h"
#include "server/live/shared_event.h"

namespace factdesk::live {

class Hub;

// What the RPC layer decides when a subscriber arrives (who it is, what it may see).
struct StreamConfig {
  std::int64_t workspace_id = 0;
  std::int64_t after_seq = 0;
  // The workspace's newest seq when the subscriber arrived.
  std::int64_t last_seq = 0;
  // kSend: the event as it is (its shared bytes go out); kSendView: `out`, the event
  // shaped for this subscriber; kEnd: `end_status` ends the stream.
  enum class Verdict { kSend, kSendView, kEnd };
  // Shapes an event for this subscriber (the blind rule redacts reviews, never drops
  // an event: seqs stay gap-free); may end the stream (the subscriber was removed
  // from the workspace). Called in seq order. Fills `out` only for kSendView, so an
  // event most subscribers see unchanged is neither copied nor serialized per stream.
  using View = std::function<Verdict(const v1::Event& in, v1::Event* out, Status* end_status)>;
  View view;
  std::string user;        // handle, for the log
  std::string request_id;  // for the log
  // The token the stream was opened with: it ends when the token is revoked or expires.
  std::int64_t token_id = 0;
  std::chrono::system_clock::time_point token_expires =
      std::chrono::system_clock::time_point::max();
};

// One Subscribe call: a ServerWriteReactor with one write in flight and a bounded queue.
// It first replays events after `after_seq` from the table in pages (paced by the
// client: the next page is read only once the queue has drained), then takes live
// events from the hub. Every event, replayed or live, passes one SeqGate: older ones
// are dropped, a gap starts a catch-up from the table, the next one is queued. The
// queue is bounded in entries (`max_queue`) and bytes (`max_queue_bytes`) whatever fills
// it: presence is coalesced per session (a newer entry replaces a queued one in its
// place), and anything that would pass either bound ends the stream with
// RESOURCE_EXHAUSTED and the seq to resume from.
// Messages go out as raw bytes (wire format SubscribeResponse): events are framed around
// their shared serialization (response_frame.h).
class SubscriptionStream : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
 public:
  using Setup = std::function<Result<StreamConfig>()>;

  // Starts the call: `setup` (authentication, membership) runs on the worker pool.
  static SubscriptionStream* Create(Hub& hub, grpc::CallbackServerContext* ctx, Setup setup);

  std::int64_t workspace_id() const { return config_.workspace_id; }
  std::int64_t token_id() const { return config_.token_id; }

  // Runs the setup given to Create (on the worker pool, once).
  void RunSetup();

  // From the hub: a fetch's events, in seq order, queued under one lock and one write.
  void Deliver(const std::vector<std::shared_ptr<const SharedEvent>>& events);
  void SendPresence(const std::shared_ptr<const v1::Presence>& presence);
  // Heartbeats, retries of a replay, and the end of a stream whose token expired.
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

  // A queued presence entry, replaced in place while it waits by a newer one of the same
  // session: only the latest counts.
  struct PresenceSlot {
    std::shared_ptr<const v1::Presence> presence;
    std::size_t bytes = 0;
  };
  struct Item {
    std::variant<std::shared_ptr<const SharedEvent>, std::shared_ptr<PresenceSlot>, v1::Heartbeat>
        what;
    std::size_t bytes = 0;  // what it counts against max_queue_bytes (a slot keeps its own)
  };
  static std::size_t BytesOf(const Item& item);

  SubscriptionStream(Hub& hub, grpc::CallbackServerContext* ctx, Setup setup);
  void CatchUp();
  // Reads one replay page after `from`; false (and the stream ended) on a failed read.
  bool ReadPage(std::int64_t from, int page, std::vector<v1::Event>* events);
  void SendPresenceLocked(const std::shared_ptr<const v1::Presence>& presence,
                          std::unique_lock<std::mutex>& lock);
  // With mu_ held: queue it (an ended stream drops it).
  void QueueLocked(Item item);
  // With mu_ held: queue it and start a write if none is in flight.
  void EnqueueLocked(Item item, std::unique_lock<std::mutex>& lock);
  // With mu_ held: whether `entries` more items of `bytes` fit within both bounds.
  bool FitsLocked(std::size_t entries, std::size_t bytes) const;
  // With mu_ held: ends the stream for passing a bound, with the seq to resume from.
  void OverflowLocked(std::unique_lock<std::mutex>& lock);
  // With mu_ held: the replay waits while the queue holds half of either bound.
  bool ReplayShouldWaitLocked() const;
  // With mu_ held: takes the front item off the queue (and its presence slot's entry).
  Item PopLocked();
  // With mu_ held: passes the event through the gate and queues it; the caller starts
  // the write (WriteNext) once it has queued all it has.
  void DeliverLocked(const std::shared_ptr<const SharedEvent>& shared,
                     std::unique_lock<std::mutex>& lock);
  void WriteNext(std::unique_lock<std::mutex>& lock);
  // Moves the events at the front of the queue (up to a batch) into current_, each
  // through the blind view: one Event, or an EventBatch when several were waiting,
  // framed around the events' shared bytes (a view's own bytes where it changed one).
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
  Setup setup_;  // until RunSetup has run it

  std::mutex mu_;
  Phase phase_ = Phase::kSettingUp;
  std::deque<Item> queue_;
  std::size_t queued_bytes_ = 0;
  // Presence slots in queue_, by user and session.
  std::unordered_map<std::string, std::shared_ptr<PresenceSlot>> queued_presence_;
  SeqGate gate_;               // last(): the last seq queued; next(): the one the client needs
  std::int64_t sent_seq_ = 0;  // the last seq written to the client
  // The newest seq this stream knows to exist (setup's read, or a live event past a
  // gap): a catch-up that has not reached it reads again.
  std::int64_t newest_seq_ = 0;
  bool write_in_flight_ = false;
  Status finish_status_;      // kFinishing: what Finish sends once the write completes
  grpc::ByteBuffer current_;  // the message in flight
  // Reused by PackEventsLocked (they keep their capacity): the events' bytes, the frame.
  std::vector<grpc::Slice> packed_;
  std::vector<grpc::Slice> frame_;
  v1::Event view_;  // an event as the view shaped it
  std::chrono::steady_clock::time_point last_write_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace factdesk::live
