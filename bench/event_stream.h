// One Subscribe stream of a benchmark's subscriber, read by gRPC's callback threads (no
// thread per stream): what live_latency and live_feed share.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>

#include <grpcpp/grpcpp.h>

#include "factdesk/v1/live.grpc.pb.h"

namespace factdesk::bench {

// Counts seq gaps and reorderings and hands every event, with the moment its message
// arrived, to OnEvent. A subclass calls Start at the end of its constructor (OnEvent is
// virtual) and Stop in its destructor: a reactor must not be destroyed while its call
// runs.
class EventStream : public grpc::ClientReadReactor<v1::SubscribeResponse> {
 public:
  using Clock = std::chrono::steady_clock;

  EventStream() = default;
  EventStream(const EventStream&) = delete;
  EventStream& operator=(const EventStream&) = delete;

  void Cancel() { ctx_.TryCancel(); }
  bool WaitDone(std::chrono::milliseconds timeout);
  // After WaitDone: the server ended the stream (anything but the tool's cancel).
  bool cut() const { return status_.error_code() != grpc::StatusCode::CANCELLED; }
  const grpc::Status& status() const { return status_; }
  std::int64_t gaps() const { return gaps_; }

  void OnReadDone(bool ok) override;
  void OnDone(const grpc::Status& status) override;

 protected:
  // Subscribes as `token` to `workspace` after `after_seq`.
  void Start(v1::LiveService::Stub& stub, const std::string& token, std::int64_t workspace,
             std::int64_t after_seq);
  // Cancels and waits for the end (30 s at most).
  void Stop();
  // On a callback thread, in seq order.
  virtual void OnEvent(const v1::Event& event, Clock::time_point at) = 0;

 private:
  grpc::ClientContext ctx_;
  v1::SubscribeRequest req_;
  v1::SubscribeResponse resp_;
  std::int64_t last_seq_ = 0;
  std::int64_t gaps_ = 0;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  grpc::Status status_;
};

}  // namespace factdesk::bench
