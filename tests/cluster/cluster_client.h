// Writers and watchers for the cluster test and the failover benchmark: real gRPC
// clients going through the load balancer, the way the CLI and the desktop do.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "factdesk/v1/live.pb.h"

namespace factdesk::cluster {

using Clock = std::chrono::steady_clock;

// Where the writers write: a workspace with a transcript of speech segments.
struct Desk {
  std::string token;
  std::int64_t workspace = 0;
  std::vector<std::int64_t> segments;
};

// Makes a user, a workspace and a token with `factdesk-server admin --database URL`, then
// imports a transcript through `address`. Throws std::runtime_error on failure.
Desk PrepareDesk(const std::string& server_bin, const std::string& database_url,
                 const std::string& address, const std::string& slug);

// One acknowledged write: its idempotency key (also the claim's summary, so copies of it
// can be counted), the claim id and when the acknowledgement came.
struct Ack {
  std::string key;
  std::int64_t claim_id = 0;
  Clock::time_point at;
  // A failed attempt that may have committed on the server (a deadline, a lost
  // connection): its retry, under the same key, must get the first claim, not a copy.
  bool retried_after_ambiguous_failure = false;
};

// Writers creating claims through `address` until stopped. Every claim carries a
// client-generated key in the v1::kIdempotencyKey metadata; a failed call is
// retried with the same key (backoff 100 ms to 1 s), as a client that must not lose
// the user's work would.
class Writers {
 public:
  Writers(std::string address, const Desk& desk, int count);
  ~Writers();
  Writers(const Writers&) = delete;
  Writers& operator=(const Writers&) = delete;

  void Stop();
  std::vector<Ack> acks() const;
  std::size_t ack_count() const;
  std::int64_t failed_attempts() const { return failed_attempts_; }
  // Waits until `more` writes beyond those acknowledged now are acknowledged.
  bool WaitForMore(std::size_t more, std::chrono::milliseconds timeout) const;

 private:
  void Run(int writer);

  const std::string address_;
  const Desk desk_;
  std::atomic<bool> stop_{false};
  std::atomic<std::int64_t> failed_attempts_{0};
  mutable std::mutex mu_;
  std::vector<Ack> acks_;
  std::vector<std::thread> threads_;
};

// A Subscribe stream through `address` that resumes after every failure from the last
// seq it delivered (as client/net/subscription does), checking each event is the next.
class Watcher {
 public:
  Watcher(std::string address, const Desk& desk);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  void Stop();
  std::int64_t last_seq() const { return last_seq_; }
  int reconnects() const { return reconnects_; }
  // Seqs that did not follow the previous one (a gap or a repeat); "" when none.
  std::string problems() const;
  // claim.created events by summary (the writers' keys).
  std::map<std::string, int> created_by_key() const;
  bool WaitForSeq(std::int64_t seq, std::chrono::milliseconds timeout) const;

 private:
  void Run();
  bool ReadOnce();

  const std::string address_;
  const Desk desk_;
  std::atomic<bool> stop_{false};
  std::atomic<std::int64_t> last_seq_{0};
  std::atomic<int> reconnects_{0};
  mutable std::mutex mu_;
  std::unique_ptr<grpc::ClientContext> ctx_;
  std::string problems_;
  std::map<std::string, int> created_;
  std::thread thread_;
};

// The workspace's last seq, asked through `address` (retried for up to `timeout`).
std::int64_t LastSeq(const std::string& address, const Desk& desk,
                     std::chrono::milliseconds timeout);

// The longest time between consecutive acknowledgements in [from, to): how long the
// writers saw no write succeed.
double LongestSilenceSeconds(const std::vector<Ack>& acks, Clock::time_point from,
                             Clock::time_point to);

}  // namespace factdesk::cluster
