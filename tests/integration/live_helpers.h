#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "factdesk/v1/live.grpc.pb.h"
#include "tests/support/test_server.h"

namespace factdesk::testing {

// A Subscribe stream read on its own thread, collecting what arrives.
class StreamCollector {
 public:
  StreamCollector(std::shared_ptr<grpc::Channel> channel, const std::string& token,
                  std::int64_t workspace_id, std::int64_t after_seq, bool read = true);
  ~StreamCollector();

  // Waits until `done()` holds, the stream ends, or the timeout passes.
  bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds timeout);
  bool WaitForSeq(std::int64_t seq, std::chrono::milliseconds timeout);
  // Starts reading (for a collector created with read = false).
  void StartReading();
  void Cancel();
  // Waits for the stream to end and returns its status.
  grpc::Status Finish(std::chrono::milliseconds timeout);

  std::vector<v1::Event> events();
  std::vector<v1::Presence> presences();
  int heartbeats();
  // Messages that carried several events (an EventBatch).
  int batches();
  std::int64_t last_seq();
  std::multimap<grpc::string_ref, grpc::string_ref> trailers();

 private:
  void Run();

  grpc::ClientContext ctx_;
  std::unique_ptr<v1::LiveService::Stub> stub_;
  std::unique_ptr<grpc::ClientReader<v1::SubscribeResponse>> reader_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<v1::Event> events_;
  std::vector<v1::Presence> presences_;
  int heartbeats_ = 0;
  int batches_ = 0;
  bool reading_ = false;
  bool ended_ = false;
  grpc::Status status_;
  std::thread thread_;
};

// The seqs of `events`, checked to be exactly 1..n (or from+1..n): strictly increasing,
// no gap, no duplicate. Returns a description of the first problem, or "".
std::string CheckGapFree(const std::vector<v1::Event>& events, std::int64_t from = 0);

}  // namespace factdesk::testing
