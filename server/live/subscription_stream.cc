#include "server/live/subscription_stream.h"

#include <fmt/format.h>
#include <google/protobuf/util/time_util.h>

#include "proto/factdesk/v1/metadata.h"
#include "server/live/hub.h"
#include "server/logging/request_log.h"
#include "server/store/event_store.h"

namespace factdesk::live {

SubscriptionStream* SubscriptionStream::Create(Hub& hub, grpc::CallbackServerContext* ctx,
                                               Setup setup) {
  std::shared_ptr<SubscriptionStream> stream(new SubscriptionStream(hub, ctx));
  stream->self_ = stream;
  // Operations started before gRPC binds the reactor are queued by the reactor itself.
  if (!hub.workers().Submit([stream, setup = std::move(setup)] { stream->RunSetup(setup); })) {
    std::unique_lock lock(stream->mu_);
    stream->EndLocked(Status::ResourceExhausted("the server is busy; subscribe again shortly"),
                      lock);
  }
  return stream.get();
}

SubscriptionStream::SubscriptionStream(Hub& hub, grpc::CallbackServerContext* ctx)
    : hub_(hub), ctx_(ctx), last_write_(std::chrono::steady_clock::now()), started_(last_write_) {}

void SubscriptionStream::RunSetup(const Setup& setup) {
  auto config = setup();
  std::unique_lock lock(mu_);
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
  hub_.Attach(self_, config_.last_seq);
  ++hub_.counters().subscribers;
  // The replay starts only now, after the attach: whatever the hub's feed read before
  // it is already in the table for the replay to find (see Hub::Attach).
  StartCatchUpLocked();
  for (auto& p : hub_.presence().Snapshot(config_.workspace_id)) EnqueueLocked(std::move(p), lock);
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

// Runs on the worker pool while the phase is kCatchingUp: the one task that reads.
void SubscriptionStream::CatchUp() {
  const int page = ReplayPage(hub_.options());
  for (;;) {
    std::int64_t from = 0;
    {
      std::unique_lock lock(mu_);
      if (phase_ != Phase::kCatchingUp) return;  // ended
      // Paced by the client: read more only once what we have is nearly sent.
      if (queue_.size() >= static_cast<std::size_t>(page)) {
        PauseLocked();
        return;
      }
      from = gate_.last();
    }
    std::vector<v1::Event> events;
    if (!ReadPage(from, page, &events)) return;
    std::unique_lock lock(mu_);
    for (auto& e : events) {
      if (phase_ != Phase::kCatchingUp) return;  // ended
      DeliverLocked(std::make_shared<const v1::Event>(std::move(e)), lock);
    }
    if (phase_ != Phase::kCatchingUp) return;
    // Read again while the page was full, or a live event showed there is more.
    if (static_cast<int>(events.size()) < page && gate_.last() >= newest_seq_) {
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

void SubscriptionStream::Deliver(const std::shared_ptr<const v1::Event>& event) {
  std::unique_lock lock(mu_);
  if (attached()) DeliverLocked(event, lock);
}

void SubscriptionStream::DeliverLocked(const std::shared_ptr<const v1::Event>& event,
                                       std::unique_lock<std::mutex>& lock) {
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
  if (queue_.size() >= hub_.options().max_queue) {
    ctx_->AddTrailingMetadata(v1::kResumeAfterSeqKey, std::to_string(sent_seq_));
    EndLocked(Status::ResourceExhausted(
                  fmt::format("subscriber fell behind by more than {} events; resubscribe with "
                              "after_seq={} (the last event sent) or your last applied seq",
                              hub_.options().max_queue, sent_seq_)),
              lock);
    return;
  }
  EnqueueLocked(event, lock);
}

void SubscriptionStream::SendPresence(const v1::Presence& presence) {
  std::unique_lock lock(mu_);
  if (attached()) EnqueueLocked(presence, lock);
}

void SubscriptionStream::Tick(std::chrono::steady_clock::time_point now) {
  std::unique_lock lock(mu_);
  if (!attached()) return;
  if (phase_ == Phase::kRetrying) StartCatchUpLocked();
  if (!write_in_flight_ && queue_.empty() && now - last_write_ >= hub_.options().heartbeat) {
    v1::Heartbeat beat;
    *beat.mutable_server_time() = google::protobuf::util::TimeUtil::GetCurrentTime();
    beat.set_last_seq(gate_.last());
    EnqueueLocked(beat, lock);
  }
}

void SubscriptionStream::EnqueueLocked(Item item, std::unique_lock<std::mutex>& lock) {
  if (!attached()) return;
  queue_.push_back(std::move(item));
  if (!write_in_flight_) WriteNext(lock);
}

namespace {

// A batch stops at this many events or about this many bytes, whichever comes first, so
// one message never holds up the stream (or a client's memory) for long.
constexpr int kMaxBatchEvents = 64;
constexpr std::size_t kMaxBatchBytes = 1 << 20;

}  // namespace

bool SubscriptionStream::PackEventsLocked(std::unique_lock<std::mutex>& lock) {
  v1::EventBatch batch;
  std::size_t bytes = 0;
  std::int64_t last_seq = sent_seq_;
  while (!queue_.empty() && batch.events_size() < kMaxBatchEvents && bytes < kMaxBatchBytes) {
    auto* event = std::get_if<std::shared_ptr<const v1::Event>>(&queue_.front());
    if (event == nullptr) break;  // presence and heartbeats keep their place in line
    v1::Event view;
    Status end;
    if (config_.view(**event, &view, &end) == StreamConfig::Verdict::kEnd) {
      if (batch.events_size() > 0) break;  // send what is packed; end at the next write
      EndLocked(end, lock);
      return false;
    }
    last_seq = (*event)->seq();
    bytes += view.ByteSizeLong();
    batch.add_events()->Swap(&view);
    queue_.pop_front();
  }
  sent_seq_ = last_seq;
  if (batch.events_size() == 1) {
    current_.mutable_event()->Swap(batch.mutable_events(0));
  } else {
    current_.mutable_events()->Swap(&batch);
  }
  return true;
}

void SubscriptionStream::WriteNext(std::unique_lock<std::mutex>& lock) {
  if (write_in_flight_ || queue_.empty() || ended()) return;
  current_.Clear();
  if (std::holds_alternative<std::shared_ptr<const v1::Event>>(queue_.front())) {
    if (!PackEventsLocked(lock)) return;
  } else {
    Item item = std::move(queue_.front());
    queue_.pop_front();
    if (auto* presence = std::get_if<v1::Presence>(&item)) {
      current_.mutable_presence()->Swap(presence);
    } else {
      current_.mutable_heartbeat()->Swap(&std::get<v1::Heartbeat>(item));
    }
  }
  ++hub_.counters().messages_sent;  // an EventBatch counts once
  write_in_flight_ = true;
  last_write_ = std::chrono::steady_clock::now();
  lock.unlock();
  StartWrite(&current_);
  lock.lock();
}

void SubscriptionStream::OnWriteDone(bool ok) {
  std::unique_lock lock(mu_);
  write_in_flight_ = false;
  if (phase_ == Phase::kFinishing) {  // -> kFinished: the write the end waited for is done
    phase_ = Phase::kFinished;
    const Status status = finish_status_;
    lock.unlock();
    Finish(grpc::Status(static_cast<grpc::StatusCode>(status.code()), status.message()));
    return;
  }
  if (!ok) {  // the client is gone
    EndLocked(Status(Code::kCancelled, "the stream broke"), lock);
    return;
  }
  if (phase_ == Phase::kPaused &&
      queue_.size() < static_cast<std::size_t>(std::max(1, ReplayPage(hub_.options()) / 2))) {
    StartCatchUpLocked();
  }
  WriteNext(lock);
}

void SubscriptionStream::EndLocked(Status status, std::unique_lock<std::mutex>& lock) {
  if (ended()) return;
  if (attached()) --hub_.counters().subscribers;
  queue_.clear();  // memory goes now, not when a stuck client finally reads
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
  Finish(grpc::Status(static_cast<grpc::StatusCode>(status.code()), status.message()));
  lock.lock();
}

void SubscriptionStream::End(const Status& status) {
  std::unique_lock lock(mu_);
  EndLocked(status, lock);
}

void SubscriptionStream::OnCancel() {
  std::unique_lock lock(mu_);
  EndLocked(Status(Code::kCancelled, "the client went away"), lock);
}

void SubscriptionStream::OnDone() {
  hub_.Detach(this);
  {
    std::lock_guard lock(mu_);
    phase_ = Phase::kDone;
  }
  // Dropping the last reference deletes this stream: let it happen at the closing brace.
  auto last = std::move(self_);
}

}  // namespace factdesk::live
