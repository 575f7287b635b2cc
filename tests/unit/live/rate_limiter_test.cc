// The per-caller token bucket, driven by passed-in times.
#include "server/live/rate_limiter.h"

#include <gtest/gtest.h>

namespace factdesk::live {
namespace {

using namespace std::chrono_literals;
using Clock = RateLimiter::Clock;

const Clock::time_point kStart = Clock::time_point(1000s);

TEST(RateLimiter, ABurstThenTheRateAndHowLongToWait) {
  RateLimiter limiter({.per_second = 4, .burst = 20});
  for (int i = 0; i < 20; ++i) EXPECT_FALSE(limiter.Take(1, kStart).has_value()) << i;
  const auto wait = limiter.Take(1, kStart);
  ASSERT_TRUE(wait.has_value());
  EXPECT_EQ(*wait, 250ms);
  EXPECT_TRUE(limiter.Take(1, kStart + 249ms).has_value());
  EXPECT_FALSE(limiter.Take(1, kStart + 250ms).has_value());
  // Another caller has a bucket of their own.
  EXPECT_FALSE(limiter.Take(2, kStart).has_value());
}

TEST(RateLimiter, TwentyThousandCallsAtOncePassOnlyTheBurst) {
  RateLimiter limiter({.per_second = 4, .burst = 20});
  int passed = 0;
  for (int i = 0; i < 20000; ++i) passed += limiter.Take(1, kStart + i * 100us) ? 0 : 1;
  EXPECT_EQ(passed, 20 + 7);  // two seconds at 4 per second on top of the burst
}

TEST(RateLimiter, TheTableOfCallersStaysBounded) {
  RateLimiter limiter({.per_second = 1, .burst = 2, .max_callers = 100});
  for (int caller = 0; caller < 10000; ++caller) {
    EXPECT_FALSE(limiter.Take(caller, kStart + caller * 10s).has_value());
    EXPECT_LE(limiter.size(), 100U);
  }
  // A busy caller keeps being limited while idle ones are forgotten around it.
  EXPECT_FALSE(limiter.Take(9999, kStart + 99990s).has_value());
  EXPECT_TRUE(limiter.Take(9999, kStart + 99990s).has_value());
}

}  // namespace
}  // namespace factdesk::live
