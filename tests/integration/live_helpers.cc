#include "tests/integration/live_helpers.h"

#include <sstream>

#include "proto/factdesk/v1/metadata.h"

namespace factdesk::testing {

StreamCollector::StreamCollector(std::shared_ptr<grpc::Channel> channel, const std::string& token,
                                 std::int64_t workspace_id, std::int64_t after_seq, bool read)
    : stub_(v1::LiveService::NewStub(std::move(channel))) {
  ctx_.AddMetadata(v1::kAuthorizationKey, v1::kBearerPrefix + token);
  v1::SubscribeRequest req;
  req.set_workspace_id(workspace_id);
  req.set_after_seq(after_seq);
  reader_ = stub_->Subscribe(&ctx_, req);
  if (read) StartReading();
}

StreamCollector::~StreamCollector() {
  Cancel();
  if (!reading_) StartReading();  // drain so Finish can complete
  if (thread_.joinable()) thread_.join();
}

void StreamCollector::StartReading() {
  reading_ = true;
  thread_ = std::thread([this] { Run(); });
}

void StreamCollector::Run() {
  v1::SubscribeResponse msg;
  while (reader_->Read(&msg)) {
    std::lock_guard lock(mu_);
    if (msg.has_event()) events_.push_back(msg.event());
    if (msg.has_events()) {
      ++batches_;
      for (const auto& e : msg.events().events()) events_.push_back(e);
    }
    if (msg.has_presence()) presences_.push_back(msg.presence());
    if (msg.has_heartbeat()) ++heartbeats_;
    cv_.notify_all();
  }
  const grpc::Status status = reader_->Finish();
  std::lock_guard lock(mu_);
  status_ = status;
  ended_ = true;
  cv_.notify_all();
}

bool StreamCollector::WaitUntil(const std::function<bool()>& done,
                                std::chrono::milliseconds timeout) {
  // Polls, so `done` may use the collector's accessors (they take the lock).
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    if (done()) return true;
    bool ended = false;
    {
      std::unique_lock lock(mu_);
      ended = ended_;
      if (!ended) cv_.wait_for(lock, std::chrono::milliseconds(20));
    }
    if (ended || std::chrono::steady_clock::now() > deadline) return done();
  }
}

bool StreamCollector::WaitForSeq(std::int64_t seq, std::chrono::milliseconds timeout) {
  return WaitUntil([&] { return last_seq() >= seq; }, timeout);
}

void StreamCollector::Cancel() {
  ctx_.TryCancel();
}

grpc::Status StreamCollector::Finish(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, timeout, [&] { return ended_; });
  if (!ended_) return {grpc::StatusCode::DEADLINE_EXCEEDED, "the stream did not end"};
  return status_;
}

std::vector<v1::Event> StreamCollector::events() {
  std::lock_guard lock(mu_);
  return events_;
}

std::vector<v1::Presence> StreamCollector::presences() {
  std::lock_guard lock(mu_);
  return presences_;
}

int StreamCollector::heartbeats() {
  std::lock_guard lock(mu_);
  return heartbeats_;
}

int StreamCollector::batches() {
  std::lock_guard lock(mu_);
  return batches_;
}

std::int64_t StreamCollector::last_seq() {
  std::lock_guard lock(mu_);
  return events_.empty() ? 0 : events_.back().seq();
}

std::multimap<grpc::string_ref, grpc::string_ref> StreamCollector::trailers() {
  return ctx_.GetServerTrailingMetadata();
}

std::string CheckGapFree(const std::vector<v1::Event>& events, std::int64_t from) {
  std::int64_t expected = from + 1;
  for (const auto& e : events) {
    if (e.seq() != expected) {
      std::ostringstream out;
      out << "expected seq " << expected << " but got " << e.seq();
      return out.str();
    }
    ++expected;
  }
  return "";
}

}  // namespace factdesk::testing
