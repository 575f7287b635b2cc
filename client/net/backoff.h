#pragma once

#include <chrono>
#include <cstdint>
#include <random>

namespace factdesk::client {

// Reconnect delays: exponential growth with full jitter. Attempt n (0-based) waits a
// uniformly random time in [0, min(cap, base * 2^n)], so clients that lost the same
// server spread their reconnects instead of arriving in lockstep. Seedable, so tests
// (and reproductions) get the same sequence.
struct BackoffParams {
  // The first ceiling; each attempt doubles it...
  std::chrono::milliseconds base{200};
  // ...up to this.
  std::chrono::milliseconds cap{10000};
};

class Backoff {
 public:
  using Params = BackoffParams;

  explicit Backoff(Params params = Params(), std::uint64_t seed = RandomSeed());

  // The upper bound of the delay before 0-based attempt `attempt`: min(cap, base * 2^n),
  // without overflow for any n.
  static std::chrono::milliseconds Ceiling(const Params& params, int attempt);
  // Maps a random 64-bit value to a delay in [0, ceiling].
  static std::chrono::milliseconds Jitter(std::chrono::milliseconds ceiling, std::uint64_t random);
  static std::uint64_t RandomSeed();

  // The delay before the next attempt; counts the attempt.
  std::chrono::milliseconds Next();
  // After a good connection: the next delay is drawn from [0, base] again.
  void Reset() { attempt_ = 0; }
  // Attempts since the last Reset.
  int attempt() const { return attempt_; }
  const Params& params() const { return params_; }

 private:
  Params params_;
  int attempt_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace factdesk::client
