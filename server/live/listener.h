#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

namespace factdesk::live {

// The process's one LISTEN connection (invariant 2: NOTIFY only wakes). It hands
// "factdesk_events" payloads ("<workspace>:<seq>") and "factdesk_presence" payloads to
// callbacks on its own thread, and reconnects with backoff when the connection drops;
// after a reconnect `on_reconnect` runs, since notifications may have been missed.
class Listener {
 public:
  struct Callbacks {
    std::function<void(std::int64_t workspace_id, std::int64_t seq)> on_event;
    std::function<void(const std::string& payload)> on_presence;
    std::function<void()> on_reconnect;
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

// Parses "<workspace>:<seq>"; false when malformed.
bool ParseEventPayload(const std::string& payload, std::int64_t* workspace_id, std::int64_t* seq);

}  // namespace factdesk::live
