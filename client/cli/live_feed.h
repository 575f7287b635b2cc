#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "client/cli/command_client.h"
#include "client/net/backoff.h"
#include "common/result.h"
#include "import/transcript.h"

namespace factdesk::cli {

// UNAVAILABLE or DEADLINE_EXCEEDED: the server is down, restarting or late.
bool IsOutage(const Status& status);
// Sleeps `wait` in short steps; returns early once `stop` is set.
void SleepUnlessStopped(std::chrono::milliseconds wait, const std::atomic<bool>& stop);

// Runs a unary call until the server answers: while it is unreachable the call is tried
// again with backoff (the outage said once on stderr, its end too), until `stop` is set.
// One idempotency key serves every try of a mutation.
template <typename Stub, typename Req, typename Resp>
Result<Resp> CallThroughOutages(CommandClient& api,
                                client::ApiClient::Method<Stub, Req, Resp> method,
                                const Req& request, const std::atomic<bool>& stop) {
  client::CallOptions options;
  options.attempts = 1;
  if constexpr (client::kIsMutation<Req>) options.idempotency_key = client::NewIdempotencyKey();
  client::Backoff backoff({std::chrono::milliseconds(250), std::chrono::milliseconds(5000)});
  for (bool reported = false;; reported = true) {
    Result<Resp> response = api.Call(method, request, options);
    if (response.ok() && reported) std::cerr << "factdesk: the server answers again\n";
    if (response.ok() || !IsOutage(response.status()) || stop) return response;
    if (!reported) {
      std::cerr << "factdesk: " << response.status().message()
                << "; trying again until it answers (Ctrl-C stops)\n";
    }
    SleepUnlessStopped(backoff.Next(), stop);
  }
}

// A feed's side of a live transcript: the segments it has to send, sent in order with
// AppendSegments, each batch naming the ordinal it starts at, so nothing is stored twice
// or skipped, whatever fails in between.
class LiveFeed {
 public:
  LiveFeed(CommandClient& api, const std::atomic<bool>& stop) : api_(api), stop_(stop) {}

  // A new LIVE transcript, or an existing one to continue.
  Status Open(const v1::OpenLiveTranscriptRequest& request);
  Status Continue(std::int64_t transcript_id);

  // Queues segments whose ordinal in the transcript is `base` + their own; those the
  // transcript already has are dropped.
  void Queue(std::vector<import::Segment> segments, int base);
  // Sends what is queued, at most 500 segments a call, riding out outages. On ABORTED (an
  // append whose answer was lost went in after all) it reads the segment count and goes on
  // from there.
  Status Flush();
  // LIVE -> CLOSED.
  Status Close();

  const v1::Transcript& transcript() const { return transcript_; }
  int count() const { return transcript_.segment_count(); }

 private:
  Status Realign(const Status& aborted);

  CommandClient& api_;
  const std::atomic<bool>& stop_;
  v1::Transcript transcript_;
  std::deque<std::pair<int, import::Segment>> queue_;  // by ordinal in the transcript
};

}  // namespace factdesk::cli
