#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "common/worker_pool.h"
#include "factdesk/v1/live.pb.h"
#include "server/live/presence.h"
#include "server/live/rate_limiter.h"
#include "server/store/db.h"

namespace factdesk::live {

class SubscriptionStream;

struct HubOptions {
  // Messages (events, presence entries, heartbeats) and bytes a subscriber may have
  // queued before it is ended with the resume status.
  std::size_t max_queue = 1024;
  std::size_t max_queue_bytes = std::size_t{8} << 20U;
  // Events read per query (replay pages and fan-out fetches).
  int page_size = 256;
  // Subscribers whose setup waits for room on the full worker pool (a crowd joining at
  // once); past this many a new one is refused with RESOURCE_EXHAUSTED.
  std::size_t max_waiting_setups = 65536;
  // A stream that has sent nothing for this long gets a Heartbeat.
  std::chrono::milliseconds heartbeat{10000};
  // Presence expiry, re-announcement and sessions per user.
  PresenceOptions presence;
  // UpdatePresence calls per user (each is a NOTIFY to every replica and a message to
  // every subscriber of the workspace).
  RateLimiter::Options presence_rate;
  // Called when a stream ends (metrics count Subscribe like any other RPC).
  std::function<void(const Status& status, double seconds)> on_stream_end;
};

// Counters the metrics endpoint reads.
struct HubCounters {
  std::atomic<std::int64_t> subscribers{0};
  std::atomic<std::int64_t> events_fetched{0};
  // Messages written to streams (an event, a batch of events, presence or a heartbeat).
  std::atomic<std::int64_t> messages_sent{0};
  std::atomic<std::int64_t> fetch_queries{0};
};

// Per-process fan-out (invariant 2). For each workspace with subscribers here, a feed
// remembers how far it has read the event table; a NOTIFY for the workspace wakes one
// query for the feed (never one per subscriber), and the events it returns are
// offered to every subscriber of the workspace. Subscribers drop what they already
// have and catch up from the table themselves when they see a gap, so a lost or
// late NOTIFY costs latency, never an event.
class Hub {
 public:
  Hub(store::Db& db, WorkerPool& workers, HubOptions options);
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;
  ~Hub();

  void Start();  // the ticker: heartbeats, presence expiry, retries of missed wake-ups
  void Stop();
  // Ends every stream with `status` (shutdown: clients resubscribe elsewhere at once,
  // instead of waiting for the server's grace period to run out).
  void EndAllStreams(const Status& status);

  // From the Listener.
  void OnEvent(std::int64_t workspace_id, std::int64_t seq);
  void OnPresence(const std::string& payload);
  void WakeAll();
  // A token was revoked (its NOTIFY): its streams end with `status`.
  void EndStreamsOfToken(std::int64_t token_id, const Status& status);
  // After a NOTIFY may have been missed: ends the streams whose token was revoked or has
  // expired meanwhile (one query, on the worker pool).
  void RecheckTokens();

  // From streams. `newest_seq` is the workspace's newest seq as the stream's setup read
  // it; a new feed starts there. Returns who is online in the workspace: each presence
  // change reaches the stream either in this snapshot or as a broadcast, never both nor
  // neither (AnnouncePresence). Takes only the hub's locks (no database read).
  std::vector<v1::Presence> Attach(const std::shared_ptr<SubscriptionStream>& stream,
                                   std::int64_t newest_seq);
  void Detach(const SubscriptionStream* stream);
  // A stream whose setup the full worker pool refused: the ticker submits it again, in
  // the order they came. False when too many wait already.
  bool DeferSetup(const std::shared_ptr<SubscriptionStream>& stream);

  store::Db& db() { return db_; }
  WorkerPool& workers() { return workers_; }
  const HubOptions& options() const { return options_; }
  RateLimiter& presence_limiter() { return presence_limiter_; }
  HubCounters& counters() { return counters_; }

 private:
  struct Feed {
    std::int64_t fetched_seq = 0;  // the newest event read for fan-out
    bool pending = false;          // woken since the last fetch started
    bool fetching = false;         // a fetch is scheduled or running
    // Keyed by address, so that a stream leaves in O(1) however many there are (10,000
    // ending at once cost a scan each). A stream's address is unique while it lives, and
    // the entry of one that ended without leaving is expired and pruned by Tick.
    std::unordered_map<const SubscriptionStream*, std::weak_ptr<SubscriptionStream>> streams;
  };

  void ScheduleFetch(std::int64_t workspace_id);  // mu_ held; marks the feed fetching
  void Fetch(std::int64_t workspace_id);
  // The seq to read after, the feed's wake-up taken; nullopt when the feed is gone.
  std::optional<std::int64_t> StartRead(std::int64_t workspace_id);
  // After the last page: true when a wake-up came while reading (read again); otherwise
  // the fetch ends, and a feed nobody follows any more goes.
  bool EndFetch(std::int64_t workspace_id);
  // Changes the presence table (`change` returns what subscribers must be told) and
  // picks each announcement's streams under presence_mu_, which Attach takes around its
  // attach and snapshot; then sends, with no lock held.
  void AnnouncePresence(const std::function<std::vector<PresenceTable::Announcement>()>& change);
  std::vector<std::shared_ptr<SubscriptionStream>> StreamsOf(std::int64_t workspace_id);
  std::vector<std::shared_ptr<SubscriptionStream>> AllStreams();
  void RetrySetups();
  void Tick();

  store::Db& db_;
  WorkerPool& workers_;
  const HubOptions options_;
  HubCounters counters_;
  PresenceTable presence_;
  RateLimiter presence_limiter_;
  // Orders presence changes against attaches; taken before mu_, never with a stream's.
  std::mutex presence_mu_;

  std::mutex mu_;
  std::unordered_map<std::int64_t, Feed> feeds_;
  std::deque<std::weak_ptr<SubscriptionStream>> waiting_setups_;

  std::mutex ticker_mu_;
  std::condition_variable ticker_cv_;
  bool stopping_ = false;
  std::thread ticker_;
};

}  // namespace factdesk::live
