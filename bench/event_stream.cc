#include "bench/event_stream.h"

#include "proto/factdesk/v1/metadata.h"

namespace factdesk::bench {

void EventStream::Start(v1::LiveService::Stub& stub, const std::string& token,
                        std::int64_t workspace, std::int64_t after_seq) {
  last_seq_ = after_seq;
  ctx_.AddMetadata(v1::kAuthorizationKey, v1::kBearerPrefix + token);
  req_.set_workspace_id(workspace);
  req_.set_after_seq(after_seq);
  stub.async()->Subscribe(&ctx_, &req_, this);
  StartRead(&resp_);
  StartCall();
}

void EventStream::Stop() {
  Cancel();
  WaitDone(std::chrono::seconds(30));
}

bool EventStream::WaitDone(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [&] { return done_; });
}

void EventStream::OnReadDone(bool ok) {
  if (!ok) return;  // OnDone follows
  const auto now = Clock::now();
  const auto take = [&](const v1::Event& e) {
    if (e.seq() != last_seq_ + 1) ++gaps_;
    last_seq_ = e.seq();
    OnEvent(e, now);
  };
  if (resp_.has_event()) take(resp_.event());
  for (const auto& e : resp_.events().events()) take(e);
  StartRead(&resp_);
}

void EventStream::OnDone(const grpc::Status& status) {
  std::lock_guard lock(mu_);
  status_ = status;
  done_ = true;
  cv_.notify_all();
}

}  // namespace factdesk::bench
