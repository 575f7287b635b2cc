#include "client/net/backoff.h"

#include <algorithm>

namespace factdesk::client {

Backoff::Backoff(Params params, std::uint64_t seed) : params_(params), rng_(seed) {}

std::chrono::milliseconds Backoff::Ceiling(const Params& params, int attempt) {
  const std::int64_t cap = std::max<std::int64_t>(0, params.cap.count());
  std::int64_t ceiling = std::clamp<std::int64_t>(params.base.count(), 0, cap);
  // Doubling stops at the cap, so a large attempt count cannot overflow.
  for (int i = 0; i < attempt && ceiling > 0 && ceiling < cap; ++i) {
    ceiling = ceiling > cap / 2 ? cap : ceiling * 2;
  }
  return std::chrono::milliseconds(ceiling);
}

std::chrono::milliseconds Backoff::Jitter(std::chrono::milliseconds ceiling, std::uint64_t random) {
  if (ceiling.count() <= 0) return std::chrono::milliseconds(0);
  // Modulo bias is below 1e-9 for ceilings of hours; not worth a rejection loop.
  const auto span = static_cast<std::uint64_t>(ceiling.count()) + 1;
  return std::chrono::milliseconds(static_cast<std::int64_t>(random % span));
}

std::uint64_t Backoff::RandomSeed() {
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

std::chrono::milliseconds Backoff::Next() {
  const auto ceiling = Ceiling(params_, attempt_);
  if (attempt_ < 1'000'000) ++attempt_;
  return Jitter(ceiling, rng_());
}

}  // namespace factdesk::client
