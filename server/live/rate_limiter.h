#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace factdesk::live {

// A token bucket per caller: `burst` calls at once, then `per_second` on average. Times
// are passed in, so tests drive it without a clock. The table of callers is bounded:
// past `max_callers`, the idle ones (full buckets) are forgotten.
class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  struct Options {
    double per_second = 4;
    double burst = 20;
    std::size_t max_callers = 10000;
  };

  explicit RateLimiter(Options options) : options_(options) {}

  // Takes one call for `caller`: nullopt when allowed, else how long until one is.
  std::optional<std::chrono::milliseconds> Take(std::int64_t caller, Clock::time_point now);

  const Options& options() const { return options_; }
  // Callers remembered.
  std::size_t size();

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point filled;
  };
  double Refilled(const Bucket& bucket, Clock::time_point now) const;
  void ForgetIdleLocked(Clock::time_point now);

  const Options options_;
  std::mutex mu_;
  std::unordered_map<std::int64_t, Bucket> buckets_;
};

}  // namespace factdesk::live
