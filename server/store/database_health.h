#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace factdesk::store {

struct DatabaseHealthOptions {
  std::string url;
  // How often the database is asked whether it is there and writable.
  std::chrono::milliseconds interval{1000};
  // A probe that has no answer within this is a failure (a hung or unreachable server).
  std::chrono::milliseconds timeout{2000};
  // Called on the probe's thread each time the verdict changes (true: usable again).
  std::function<void(bool up)> on_change;
};

// Whether the database can take writes, judged by a cheap probe on a connection of its
// own (`SELECT pg_is_in_recovery()`: the server answers and is a primary), every
// `interval`, and at once when a request reports a failure (Poke). The pool is never
// used for it, so a busy server is not mistaken for a missing database.
class DatabaseHealth {
 public:
  explicit DatabaseHealth(DatabaseHealthOptions options);
  DatabaseHealth(const DatabaseHealth&) = delete;
  DatabaseHealth& operator=(const DatabaseHealth&) = delete;
  ~DatabaseHealth();

  // Probes once (so the verdict is known before the server serves), then every interval.
  void Start();
  void Stop();
  // A request saw a failure: probe now instead of at the next interval.
  void Poke();

  bool up() const { return up_; }
  // Times the database went from usable to unusable.
  std::int64_t outages() const { return outages_; }

 private:
  void Run();
  bool Probe(std::string* why);
  void Record(bool up, const std::string& why);

  const DatabaseHealthOptions options_;
  const std::string database_;
  void* conn_ = nullptr;  // PGconn*, kept between probes
  std::atomic<bool> up_{false};
  std::atomic<std::int64_t> outages_{0};
  bool known_ = false;
  std::chrono::steady_clock::time_point down_since_;

  std::mutex mu_;
  std::condition_variable wake_;
  bool poked_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace factdesk::store
