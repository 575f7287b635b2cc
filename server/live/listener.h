#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

namespace factdesk::live {

// The process's one LISTEN connection (invariant 2: NOTIFY only wakes). It hands
// "factdesk_events" payloads ("<workspace>:<seq>:<kind>"), "factdesk_presence" payloads and
// "factdesk_tokens" payloads (a revoked token's id) to callbacks on its own thread, and
// reconnects with backoff when the connection drops; after a reconnect `on_reconnect`
// runs, since notifications may have been missed.
class Listener {
 public:
  struct Callbacks {
    // `kind` is the event's stored name; empty from a replica that sends none (older).
    std::function<void(std::int64_t workspace_id, std::int64_t seq, std::string_view kind)>
        on_event;
    std::function<void(const std::string& payload)> on_presence;
    std::function<void()> on_reconnect;
    std::function<void(std::int64_t token_id)> on_token_revoked;
  };

  Listener(std::string database_url, Callbacks callbacks);
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;
  ~Listener();

  void Start();
  void Stop();
  // Drops the connection and connects again (libpq picks the host anew): called when
  // the database health probe fails, since a LISTEN connection to a server that has
  // gone silent would otherwise wait for TCP to notice.
  void Reconnect() { reconnect_ = true; }
  bool connected() const { return connected_; }
  // Times the connection was restored after it was lost.
  std::int64_t reconnects() const { return reconnects_; }

 private:
  void Run();

  const std::string url_;
  const Callbacks callbacks_;
  std::atomic<bool> stop_{false};
  std::atomic<bool> reconnect_{false};
  std::atomic<bool> connected_{false};
  std::atomic<std::int64_t> reconnects_{0};
  std::thread thread_;
};

// An event's NOTIFY payload: "<workspace>:<seq>:<kind name>", or "<workspace>:<seq>" as
// replicas built before the kind was added send it (kind empty then).
struct EventNotice {
  std::int64_t workspace_id = 0;
  std::int64_t seq = 0;
  std::string_view kind;  // into the parsed payload
};

// Parses an event's payload; nullopt when malformed.
std::optional<EventNotice> ParseEventPayload(std::string_view payload);

}  // namespace factdesk::live
