#include "server/live/hub.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "server/live/subscription_stream.h"
#include "server/store/event_store.h"
#include "server/store/token_store.h"

namespace factdesk::live {

Hub::Hub(store::Db& db, WorkerPool& workers, HubOptions options)
    : db_(db),
      workers_(workers),
      options_(options),
      presence_(options.presence),
      presence_limiter_(options.presence_rate) {}

Hub::~Hub() {
  Stop();
}

void Hub::Start() {
  ticker_ = std::thread([this] {
    std::unique_lock lock(ticker_mu_);
    while (!stopping_) {
      ticker_cv_.wait_for(lock, std::chrono::milliseconds(500));
      if (stopping_) break;
      lock.unlock();
      Tick();
      lock.lock();
    }
  });
}

void Hub::EndAllStreams(const Status& status) {
  for (const auto& s : AllStreams()) s->End(status);
  std::deque<std::weak_ptr<SubscriptionStream>> waiting;
  {
    std::lock_guard lock(mu_);
    waiting.swap(waiting_setups_);
  }
  for (const auto& w : waiting) {
    if (auto s = w.lock()) s->End(status);
  }
}

std::vector<std::shared_ptr<SubscriptionStream>> Hub::AllStreams() {
  std::vector<std::shared_ptr<SubscriptionStream>> all;
  std::lock_guard lock(mu_);
  for (auto& [ws, feed] : feeds_) {
    for (const auto& [raw, w] : feed.streams) {
      if (auto s = w.lock()) all.push_back(std::move(s));
    }
  }
  return all;
}

void Hub::EndStreamsOfToken(std::int64_t token_id, const Status& status) {
  for (const auto& s : AllStreams()) {
    if (s->token_id() == token_id) s->End(status);
  }
}

void Hub::RecheckTokens() {
  auto streams = AllStreams();
  if (streams.empty()) return;
  std::vector<std::int64_t> ids;
  ids.reserve(streams.size());
  for (const auto& s : streams) ids.push_back(s->token_id());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  const bool queued = workers_.Submit([this, ids = std::move(ids)] {
    std::vector<std::int64_t> ended;
    const Status read = db_.Read("checking the tokens of streams", [&](store::Tx& tx) -> Status {
      ended = store::EndedTokens(tx, ids);
      return Status::Ok();
    });
    if (!read.ok()) {
      spdlog::warn("live: checking the tokens of open streams failed: {}", read.message());
      return;
    }
    for (const auto id : ended) {
      EndStreamsOfToken(
          id, Status::Unauthenticated("the token this stream was opened with was revoked or has "
                                      "expired; log in with a new one"));
    }
  });
  if (!queued) spdlog::warn("live: the worker pool is full; open streams' tokens not rechecked");
}

void Hub::Stop() {
  {
    std::lock_guard lock(ticker_mu_);
    stopping_ = true;
  }
  ticker_cv_.notify_all();
  if (ticker_.joinable()) ticker_.join();
}

// No database read here: this lock is shared by every workspace's deliveries. A new
// feed starts from the seq the subscriber's setup read in its own transaction, which
// may be stale by now (events committed since, their NOTIFY ignored while no feed
// existed). Each subscriber still gets every event exactly once:
//  - never twice: all it is offered, by a feed or by its own replay, passes its
//    SeqGate, which drops whatever is at or below the last seq it queued;
//  - never missed: take a stream S attached at time T and any event E after S's
//    after_seq. If a feed lists its streams for E after T, S is offered E. Otherwise E
//    was read by a fetch before T, or is at or below the seq a feed started from,
//    which was read before T: either way E was committed before T, and S's replay,
//    started after T, reads the table to its end. A gap in what a feed offers makes
//    S read the missing range from the table.
// A stale start costs the feed one re-read of a few events, nothing more.
std::vector<v1::Presence> Hub::Attach(const std::shared_ptr<SubscriptionStream>& stream,
                                      std::int64_t newest_seq) {
  const std::lock_guard presence(presence_mu_);
  {
    std::lock_guard lock(mu_);
    auto [it, created] = feeds_.try_emplace(stream->workspace_id());
    // Fan-out starts at the newest event; older ones come from each subscriber's replay.
    if (created) it->second.fetched_seq = newest_seq;
    it->second.streams.insert_or_assign(stream.get(), stream);
  }
  return presence_.Snapshot(stream->workspace_id());
}

void Hub::Detach(const SubscriptionStream* stream) {
  std::lock_guard lock(mu_);
  const auto it = feeds_.find(stream->workspace_id());
  if (it == feeds_.end() || it->second.streams.erase(stream) == 0) return;
  if (it->second.streams.empty() && !it->second.fetching) feeds_.erase(it);
}

bool Hub::DeferSetup(const std::shared_ptr<SubscriptionStream>& stream) {
  std::lock_guard lock(mu_);
  if (waiting_setups_.size() >= options_.max_waiting_setups) return false;
  waiting_setups_.push_back(stream);
  return true;
}

void Hub::RetrySetups() {
  std::lock_guard lock(mu_);
  while (!waiting_setups_.empty()) {
    // Streams that ended meanwhile (a cancel) are gone from here too.
    if (auto s = waiting_setups_.front().lock()) {
      if (!workers_.Submit([s] { s->RunSetup(); })) return;  // still full: next tick
    }
    waiting_setups_.pop_front();
  }
}

void Hub::OnEvent(std::int64_t workspace_id, std::int64_t seq) {
  std::lock_guard lock(mu_);
  auto it = feeds_.find(workspace_id);
  if (it == feeds_.end() || seq <= it->second.fetched_seq) return;  // not ours, or old news
  it->second.pending = true;
  if (!it->second.fetching) ScheduleFetch(workspace_id);
}

void Hub::WakeAll() {
  std::lock_guard lock(mu_);
  for (auto& [ws, feed] : feeds_) {
    // Notifications may have been missed while LISTEN was down: look for anything new.
    feed.pending = true;
    if (!feed.fetching) ScheduleFetch(ws);
  }
}

void Hub::ScheduleFetch(std::int64_t workspace_id) {
  Feed& feed = feeds_[workspace_id];
  feed.fetching = true;
  if (!workers_.Submit([this, workspace_id] { Fetch(workspace_id); })) {
    feed.fetching = false;  // still pending: the ticker retries
  }
}

std::optional<std::int64_t> Hub::StartRead(std::int64_t workspace_id) {
  std::lock_guard lock(mu_);
  auto it = feeds_.find(workspace_id);
  if (it == feeds_.end()) return std::nullopt;
  it->second.pending = false;  // a wake-up from now on means: read again
  return it->second.fetched_seq;
}

bool Hub::EndFetch(std::int64_t workspace_id) {
  std::lock_guard lock(mu_);
  auto it = feeds_.find(workspace_id);
  if (it == feeds_.end()) return false;
  if (it->second.pending) return true;
  it->second.fetching = false;
  if (it->second.streams.empty()) feeds_.erase(it);
  return false;
}

void Hub::Fetch(std::int64_t workspace_id) {
  for (;;) {
    const std::optional<std::int64_t> from = StartRead(workspace_id);
    if (!from) return;
    std::vector<v1::Event> events;
    ++counters_.fetch_queries;
    const Status read = db_.Read("fanning out events", [&](store::Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(events,
                          store::ReadEventsAfter(tx, workspace_id, *from, options_.page_size));
      return Status::Ok();
    });
    std::vector<std::shared_ptr<SubscriptionStream>> streams;
    bool more = false;
    {
      std::lock_guard lock(mu_);
      auto it = feeds_.find(workspace_id);
      if (it == feeds_.end()) return;
      Feed& feed = it->second;
      if (!read.ok()) {
        spdlog::warn("live: reading events of workspace {} failed: {}", workspace_id,
                     read.message());
        feed.pending = true;  // the ticker retries
        feed.fetching = false;
        return;
      }
      if (!events.empty()) feed.fetched_seq = events.back().seq();
      more = static_cast<int>(events.size()) == options_.page_size;
      for (const auto& [raw, w] : feed.streams) {
        if (auto s = w.lock()) streams.push_back(std::move(s));
      }
    }
    counters_.events_fetched += static_cast<std::int64_t>(events.size());
    // Delivered outside mu_ (streams take their own locks), and before `fetching` is
    // cleared, so deliveries of one workspace never overlap and stay in seq order.
    // Each event is serialized once here, its bytes shared by every stream; each stream
    // takes the whole fetch under one lock and sends it in one write.
    std::vector<std::shared_ptr<const SharedEvent>> shared;
    shared.reserve(events.size());
    for (auto& e : events) shared.push_back(SharedEvent::Encode(std::move(e)));
    for (const auto& s : streams) s->Deliver(shared);
    if (!more && !EndFetch(workspace_id)) return;
  }
}

void Hub::OnPresence(const std::string& payload) {
  std::int64_t ws = 0;
  v1::Presence presence;
  if (!DecodePresence(payload, &ws, &presence)) {
    spdlog::warn("live: ignoring a malformed presence notification");
    return;
  }
  AnnouncePresence([&] {
    std::vector<PresenceTable::Announcement> told;
    for (auto& p : presence_.Apply(ws, presence, PresenceTable::Clock::now())) {
      told.emplace_back(ws, std::move(p));
    }
    return told;
  });
}

void Hub::AnnouncePresence(
    const std::function<std::vector<PresenceTable::Announcement>()>& change) {
  // One copy of each entry, shared by every subscriber's queue.
  std::vector<std::pair<std::shared_ptr<const v1::Presence>,
                        std::vector<std::shared_ptr<SubscriptionStream>>>>
      sends;
  {
    const std::lock_guard presence(presence_mu_);
    for (auto& [ws, entry] : change()) {
      auto streams = StreamsOf(ws);
      if (streams.empty()) continue;
      sends.emplace_back(std::make_shared<const v1::Presence>(std::move(entry)),
                         std::move(streams));
    }
  }
  for (const auto& [entry, streams] : sends) {
    for (const auto& s : streams) s->SendPresence(entry);
  }
}

std::vector<std::shared_ptr<SubscriptionStream>> Hub::StreamsOf(std::int64_t workspace_id) {
  std::vector<std::shared_ptr<SubscriptionStream>> out;
  std::lock_guard lock(mu_);
  if (auto it = feeds_.find(workspace_id); it != feeds_.end()) {
    for (const auto& [raw, w] : it->second.streams) {
      if (auto s = w.lock()) out.push_back(std::move(s));
    }
  }
  return out;
}

void Hub::Tick() {
  const auto now = std::chrono::steady_clock::now();
  RetrySetups();
  AnnouncePresence([&] { return presence_.Expire(now); });
  // Live entries again, so clients keep them as long as their sessions are alive.
  AnnouncePresence([&] { return presence_.DueForRefresh(now); });
  std::vector<std::shared_ptr<SubscriptionStream>> all;
  {
    std::lock_guard lock(mu_);
    for (auto& [ws, feed] : feeds_) {
      if (!feed.fetching && feed.pending) ScheduleFetch(ws);
      std::erase_if(feed.streams, [&all](const auto& entry) {
        auto s = entry.second.lock();
        if (!s) return true;
        all.push_back(std::move(s));
        return false;
      });
    }
  }
  for (const auto& s : all) s->Tick(now);
}

}  // namespace factdesk::live
