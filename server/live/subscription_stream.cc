#include "server/live/subscription_stream.h"

#include <fmt/format.h>
#include <google/protobuf/util/time_util.h>

#include "common/tsan_handoff.h"
#include "proto/factdesk/v1/metadata.h"
#include "server/live/hub.h"
#include "server/live/response_frame.h"
#include "server/logging/request_log.h"
#include "server/store/event_store.h"

namespace factdesk::live {

SubscriptionStream* SubscriptionStream::Create(Hub& hub, grpc::CallbackServerContext* ctx,
                                               Setup setup) {
  std::shared_ptr<SubscriptionStream> stream(new SubscriptionStream(hub, ctx, std::move(setup)));
  stream->self_ = stream;
  // Operations started before gRPC binds the reactor are queued by the reactor itself.
  // A crowd joining at once can fill the worker pool: their setups wait for the ticker
  // rather than failing, since each would otherwise come back at once to retry.
  if (!hub.workers().Submit([stream] { stream->RunSetup(); }) && !hub.DeferSetup(stream)) {
    std::unique_lock lock(stream->mu_);
    stream->EndLocked(Status::ResourceExhausted("the server is busy; subscribe again shortly"),
                      lock);
  }
  HandOff(stream.get());
  return stream.get();
}

SubscriptionStream::SubscriptionStream(Hub& hub, grpc::CallbackServerContext* ctx, Setup setup)
    : hub_(hub),
      ctx_(ctx),
      setup_(std::move(setup)),
      last_write_(std::chrono::steady_clock::now()),
      started_(last_write_) {}

void SubscriptionStream::RunSetup() {
  {
    std::lock_guard lock(mu_);
    if (phase_ != Phase::kSettingUp) return;  // cancelled while waiting
  }
  auto config = setup_();
  std::unique_lock lock(mu_);
  setup_ = nullptr;
  if (phase_ != Phase::kSettingUp) return;  // cancelled while setting up
  if (!config.ok()) {
    EndLocked(config.status(), lock);
    return;
  }
  AttachLocked(std::move(config).value(), lock);
}

void SubscriptionStream::AttachLocked(StreamConfig config, std::unique_lock<std::mutex>& lock) {
  config_ = std::move(config);
  gate_.Reset(config_.after_seq);
  sent_seq_ = config_.after_seq;
  newest_seq_ = config_.last_seq;
  // Attached under mu_, so an end (a cancel, the server stopping) cannot fall between
  // attaching and counting. Lock order is stream, then hub: the hub never calls a
  // stream while it holds its own lock.
  std::vector<v1::Presence> present = hub_.Attach(self_, config_.last_seq);
  ++hub_.counters().subscribers;
  // The replay starts only now, after the attach: whatever the hub's feed read before
  // it is already in the table for the replay to find (see Hub::Attach).
  StartCatchUpLocked();
  for (auto& p : present) {
    SendPresenceLocked(std::make_shared<const v1::Presence>(std::move(p)), lock);
  }
}

void SubscriptionStream::StartCatchUpLocked() {
  phase_ = Phase::kCatchingUp;
  if (!hub_.workers().Submit([self = self_] { self->CatchUp(); })) phase_ = Phase::kRetrying;
}

// Replay pages are small enough that a paused replay never fills the queue past its
// limit: only live events can overflow it.
static int ReplayPage(const HubOptions& o) {
  return std::max(1, std::min(o.page_size, static_cast<int>(o.max_queue / 2)));
}

bool SubscriptionStream::ReplayShouldWaitLocked() const {
  return queue_.size() >= static_cast<std::size_t>(ReplayPage(hub_.options())) ||
         queued_bytes_ >= hub_.options().max_queue_bytes / 2;
}

// Runs on the worker pool while the phase is kCatchingUp: the one task that reads.
void SubscriptionStream::CatchUp() {
  const int page = ReplayPage(hub_.options());
  for (;;) {
    std::int64_t from = 0;
    {
      std::unique_lock lock(mu_);
      if (phase_ != Phase::kCatchingUp) return;  // ended
      // Paced by the client: read more only once what we have is nearly sent.
      if (ReplayShouldWaitLocked()) {
        PauseLocked();
        return;
      }
      from = gate_.last();
    }
    std::vector<v1::Event> events;
    if (!ReadPage(from, page, &events)) return;
    std::unique_lock lock(mu_);
    bool whole_page_queued = true;
    for (auto& e : events) {
      if (phase_ != Phase::kCatchingUp) return;  // ended
      // Large events: stop at half the byte bound; the rest is read again later.
      if (ReplayShouldWaitLocked()) {
        whole_page_queued = false;
        break;
      }
      DeliverLocked(SharedEvent::Encode(std::move(e)), lock);
    }
    WriteNext(lock);
    if (phase_ != Phase::kCatchingUp) return;
    // Read again while the page was full, or a live event showed there is more.
    if (whole_page_queued && static_cast<int>(events.size()) < page &&
        gate_.last() >= newest_seq_) {
      CaughtUpLocked();
      return;
    }
  }
}

bool SubscriptionStream::ReadPage(std::int64_t from, int page, std::vector<v1::Event>* events) {
  const Status read = hub_.db().Read("replaying events", [&](store::Tx& tx) -> Status {
    FD_ASSIGN_OR_RETURN(*events, store::ReadEventsAfter(tx, config_.workspace_id, from, page));
    return Status::Ok();
  });
  if (read.ok()) return true;
  std::unique_lock lock(mu_);
  EndLocked(Status::Unavailable(
                fmt::format("{}; resubscribe with after_seq={}", read.message(), sent_seq_)),
            lock);
  return false;
}

void SubscriptionStream::Deliver(const std::vector<std::shared_ptr<const SharedEvent>>& events) {
  std::unique_lock lock(mu_);
  for (const auto& event : events) {
    if (!attached()) return;  // ended, by an overflow for instance
    DeliverLocked(event, lock);
  }
  WriteNext(lock);
}

void SubscriptionStream::DeliverLocked(const std::shared_ptr<const SharedEvent>& shared,
                                       std::unique_lock<std::mutex>& lock) {
  const v1::Event* event = &shared->event;
  switch (gate_.Admit(event->seq())) {
    case SeqGate::Verdict::kOlder:  // already queued or sent
      return;
    case SeqGate::Verdict::kGap:  // read what is missing from the table
      newest_seq_ = std::max(newest_seq_, event->seq());
      // A running catch-up reads on to newest_seq_; a paused one resumes on its own.
      if (phase_ == Phase::kLive || phase_ == Phase::kRetrying) StartCatchUpLocked();
      return;
    case SeqGate::Verdict::kNext:
      break;
  }
  const std::size_t bytes = shared->bytes.size();
  if (!FitsLocked(1, bytes)) {
    OverflowLocked(lock);
    return;
  }
  QueueLocked({shared, bytes});
}

bool SubscriptionStream::FitsLocked(std::size_t entries, std::size_t bytes) const {
  return queue_.size() + entries <= hub_.options().max_queue &&
         queued_bytes_ + bytes <= hub_.options().max_queue_bytes;
}

void SubscriptionStream::OverflowLocked(std::unique_lock<std::mutex>& lock) {
  ctx_->AddTrailingMetadata(v1::kResumeAfterSeqKey, std::to_string(sent_seq_));
  EndLocked(Status::ResourceExhausted(fmt::format(
                "subscriber fell behind by more than {} messages or {} bytes; resubscribe with "
                "after_seq={} (the last event sent) or your last applied seq",
                hub_.options().max_queue, hub_.options().max_queue_bytes, sent_seq_)),
            lock);
}

void SubscriptionStream::SendPresence(const std::shared_ptr<const v1::Presence>& presence) {
  std::unique_lock lock(mu_);
  SendPresenceLocked(presence, lock);
}

void SubscriptionStream::SendPresenceLocked(const std::shared_ptr<const v1::Presence>& presence,
                                            std::unique_lock<std::mutex>& lock) {
  if (!attached()) return;
  const std::size_t bytes = presence->ByteSizeLong();
  const std::string key = std::to_string(presence->user().id()) + "/" + presence->session_id();
  if (auto it = queued_presence_.find(key); it != queued_presence_.end()) {
    // Still waiting to be written: the newer entry takes its place in line.
    PresenceSlot& slot = *it->second;
    if (bytes > slot.bytes && !FitsLocked(0, bytes - slot.bytes)) {
      OverflowLocked(lock);
      return;
    }
    queued_bytes_ = queued_bytes_ - slot.bytes + bytes;
    slot = {presence, bytes};
    return;
  }
  if (!FitsLocked(1, bytes)) {
    OverflowLocked(lock);
    return;
  }
  auto slot = std::make_shared<PresenceSlot>(PresenceSlot{presence, bytes});
  queued_presence_.emplace(key, slot);
  EnqueueLocked({std::move(slot), 0}, lock);
}

std::size_t SubscriptionStream::BytesOf(const Item& item) {
  if (const auto* slot = std::get_if<std::shared_ptr<PresenceSlot>>(&item.what)) {
    return (*slot)->bytes;
  }
  return item.bytes;
}

void SubscriptionStream::Tick(std::chrono::steady_clock::time_point now) {
  std::unique_lock lock(mu_);
  if (!attached()) return;
  if (std::chrono::system_clock::now() >= config_.token_expires) {
    EndLocked(Status::Unauthenticated(
                  "the token this stream was opened with has expired; log in with a new one"),
              lock);
    return;
  }
  if (phase_ == Phase::kRetrying) StartCatchUpLocked();
  if (!write_in_flight_ && queue_.empty() && now - last_write_ >= hub_.options().heartbeat) {
    v1::Heartbeat beat;
    *beat.mutable_server_time() = google::protobuf::util::TimeUtil::GetCurrentTime();
    beat.set_last_seq(gate_.last());
    const std::size_t bytes = beat.ByteSizeLong();
    EnqueueLocked({std::move(beat), bytes}, lock);
  }
}

void SubscriptionStream::QueueLocked(Item item) {
  if (!attached()) return;
  queued_bytes_ += BytesOf(item);
  queue_.push_back(std::move(item));
}

void SubscriptionStream::EnqueueLocked(Item item, std::unique_lock<std::mutex>& lock) {
  QueueLocked(std::move(item));
  WriteNext(lock);
}

SubscriptionStream::Item SubscriptionStream::PopLocked() {
  Item item = std::move(queue_.front());
  queue_.pop_front();
  queued_bytes_ -= BytesOf(item);
  if (auto* slot = std::get_if<std::shared_ptr<PresenceSlot>>(&item.what)) {
    const v1::Presence& p = *(*slot)->presence;
    queued_presence_.erase(std::to_string(p.user().id()) + "/" + p.session_id());
  }
  return item;
}

namespace {

// A batch stops at this many events or about this many bytes, whichever comes first, so
// one message never holds up the stream (or a client's memory) for long.
constexpr int kMaxBatchEvents = 64;
constexpr std::size_t kMaxBatchBytes = 1 << 20;

}  // namespace

bool SubscriptionStream::PackEventsLocked(std::unique_lock<std::mutex>& lock) {
  packed_.clear();
  std::size_t bytes = 0;
  std::int64_t last_seq = sent_seq_;
  while (!queue_.empty() && packed_.size() < kMaxBatchEvents && bytes < kMaxBatchBytes) {
    auto* shared = std::get_if<std::shared_ptr<const SharedEvent>>(&queue_.front().what);
    if (shared == nullptr) break;  // presence and heartbeats keep their place in line
    Status end;
    const auto verdict = config_.view((*shared)->event, &view_, &end);
    if (verdict == StreamConfig::Verdict::kEnd) {
      if (!packed_.empty()) break;  // send what is packed; end at the next write
      EndLocked(end, lock);
      return false;
    }
    // Unchanged, the shared bytes go out; a view changed for this reader, its own.
    packed_.push_back(verdict == StreamConfig::Verdict::kSend ? (*shared)->bytes
                                                              : SerializeToSlice(view_));
    last_seq = (*shared)->event.seq();
    bytes += packed_.back().size();
    PopLocked();
  }
  sent_seq_ = last_seq;
  current_ = FrameEvents(packed_, &frame_);
  return true;
}

void SubscriptionStream::WriteNext(std::unique_lock<std::mutex>& lock) {
  if (write_in_flight_ || queue_.empty() || ended()) return;
  if (std::holds_alternative<std::shared_ptr<const SharedEvent>>(queue_.front().what)) {
    if (!PackEventsLocked(lock)) return;
  } else {
    Item item = PopLocked();
    v1::SubscribeResponse response;
    if (auto* slot = std::get_if<std::shared_ptr<PresenceSlot>>(&item.what)) {
      *response.mutable_presence() = *(*slot)->presence;
    } else {
      response.mutable_heartbeat()->Swap(&std::get<v1::Heartbeat>(item.what));
    }
    current_ = FrameMessage(response);
  }
  ++hub_.counters().messages_sent;  // an EventBatch counts once
  write_in_flight_ = true;
  last_write_ = std::chrono::steady_clock::now();
  lock.unlock();
  HandOff(this);
  StartWrite(&current_);
  lock.lock();
}

void SubscriptionStream::OnWriteDone(bool ok) {
  TakeOver(this);
  std::unique_lock lock(mu_);
  write_in_flight_ = false;
  if (phase_ == Phase::kFinishing) {  // -> kFinished: the write the end waited for is done
    phase_ = Phase::kFinished;
    const Status status = finish_status_;
    lock.unlock();
    HandOff(this);
    Finish(grpc::Status(static_cast<grpc::StatusCode>(status.code()), status.message()));
    return;
  }
  if (!ok) {  // the client is gone
    EndLocked(Status(Code::kCancelled, "the stream broke"), lock);
    return;
  }
  if (phase_ == Phase::kPaused &&
      queue_.size() < static_cast<std::size_t>(std::max(1, ReplayPage(hub_.options()) / 2)) &&
      queued_bytes_ < hub_.options().max_queue_bytes / 4) {
    StartCatchUpLocked();
  }
  WriteNext(lock);
}

void SubscriptionStream::EndLocked(Status status, std::unique_lock<std::mutex>& lock) {
  if (ended()) return;
  if (attached()) --hub_.counters().subscribers;
  queue_.clear();  // memory goes now, not when a stuck client finally reads
  queued_presence_.clear();
  queued_bytes_ = 0;
  const double ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
          .count();
  logging::LogRequest("Subscribe", config_.user.empty() ? "-" : config_.user, status, ms,
                      config_.request_id);
  if (hub_.options().on_stream_end) hub_.options().on_stream_end(status, ms / 1000.0);
  if (write_in_flight_) {
    phase_ = Phase::kFinishing;  // Finish once the write in flight completes
    finish_status_ = status;
    return;
  }
  phase_ = Phase::kFinished;
  lock.unlock();
  HandOff(this);
  Finish(grpc::Status(static_cast<grpc::StatusCode>(status.code()), status.message()));
  lock.lock();
}

void SubscriptionStream::End(const Status& status) {
  std::unique_lock lock(mu_);
  EndLocked(status, lock);
}

void SubscriptionStream::OnCancel() {
  TakeOver(this);
  std::unique_lock lock(mu_);
  EndLocked(Status(Code::kCancelled, "the client went away"), lock);
}

void SubscriptionStream::OnDone() {
  TakeOver(this);
  hub_.Detach(this);
  {
    std::lock_guard lock(mu_);
    phase_ = Phase::kDone;
  }
  // Dropping the last reference deletes this stream: let it happen at the closing brace.
  auto last = std::move(self_);
}

}  // namespace factdesk::live
