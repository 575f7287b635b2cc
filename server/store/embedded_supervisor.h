#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "server/store/embedded_postgres.h"

namespace factdesk::store {

struct SupervisorOptions {
  // Restarts allowed within `window`; one more crash and the supervisor gives up.
  int max_restarts = 5;
  std::chrono::seconds window{300};
  // Wait before the n-th restart in the window: first_backoff * 2^(n-1), at most max_backoff.
  // The first wait also lets the old server's backends exit and free shared memory.
  std::chrono::milliseconds first_backoff{500};
  std::chrono::milliseconds max_backoff{8000};
  std::chrono::milliseconds poll{200};
  // Called on the supervisor's thread: PostgreSQL died (why), is back, or will not be
  // restarted again (why). After on_give_up the supervisor's thread ends.
  std::function<void(const std::string& why)> on_down;
  std::function<void()> on_up;
  std::function<void(const std::string& why)> on_give_up;
};

// Keeps the embedded PostgreSQL running: when the postmaster dies (a crash, an OOM kill,
// kill -9), it is started again after a backoff; a start that fails counts as another
// crash. More than max_restarts crashes within the window means something is wrong that
// restarting will not fix (a full disk, a corrupt cluster): it gives up, loudly.
class EmbeddedSupervisor {
 public:
  EmbeddedSupervisor(EmbeddedPostgres& pg, SupervisorOptions options);
  EmbeddedSupervisor(const EmbeddedSupervisor&) = delete;
  EmbeddedSupervisor& operator=(const EmbeddedSupervisor&) = delete;
  ~EmbeddedSupervisor();

  void Start();
  // Stops watching (before the server stops PostgreSQL itself).
  void Stop();

  std::int64_t restarts() const { return restarts_; }

 private:
  void Run();
  // Restarts until it succeeds; false when it gave up (or was stopped).
  bool Recover(std::string why);
  // Waits for `d` or Stop; false when stopped.
  bool Sleep(std::chrono::milliseconds d);

  EmbeddedPostgres& pg_;
  const SupervisorOptions options_;
  std::deque<std::chrono::steady_clock::time_point> crashes_;
  std::atomic<std::int64_t> restarts_{0};
  std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace factdesk::store
