#include "server/live/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace factdesk::live {

double RateLimiter::Refilled(const Bucket& bucket, Clock::time_point now) const {
  const double seconds = std::chrono::duration<double>(now - bucket.filled).count();
  return std::min(options_.burst, bucket.tokens + std::max(0.0, seconds) * options_.per_second);
}

std::optional<std::chrono::milliseconds> RateLimiter::Take(std::int64_t caller,
                                                           Clock::time_point now) {
  std::lock_guard lock(mu_);
  auto it = buckets_.find(caller);
  if (it == buckets_.end()) {
    if (buckets_.size() >= options_.max_callers) ForgetIdleLocked(now);
    it = buckets_.emplace(caller, Bucket{options_.burst, now}).first;
  }
  Bucket& bucket = it->second;
  bucket.tokens = Refilled(bucket, now);
  bucket.filled = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return std::nullopt;
  }
  const double wait = (1 - bucket.tokens) / options_.per_second;
  return std::chrono::milliseconds(static_cast<std::int64_t>(std::ceil(wait * 1000)));
}

std::size_t RateLimiter::size() {
  std::lock_guard lock(mu_);
  return buckets_.size();
}

void RateLimiter::ForgetIdleLocked(Clock::time_point now) {
  std::erase_if(buckets_,
                [&](const auto& kv) { return Refilled(kv.second, now) >= options_.burst; });
  // Every caller busy at once: start afresh rather than grow (they get a full burst).
  if (buckets_.size() >= options_.max_callers) buckets_.clear();
}

}  // namespace factdesk::live
