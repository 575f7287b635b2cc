// Backoff: exponential ceilings with a cap, full jitter within them, seeded and reset.

#include "client/net/backoff.h"

#include <limits>

#include <gtest/gtest.h>

namespace factdesk::client {
namespace {

using std::chrono::milliseconds;

TEST(Backoff, CeilingGrowsAndCaps) {
  const Backoff::Params p;  // 200 ms, 10 s
  EXPECT_EQ(Backoff::Ceiling(p, 0), milliseconds(200));
  EXPECT_EQ(Backoff::Ceiling(p, 1), milliseconds(400));
  EXPECT_EQ(Backoff::Ceiling(p, 2), milliseconds(800));
  EXPECT_EQ(Backoff::Ceiling(p, 5), milliseconds(6400));
  EXPECT_EQ(Backoff::Ceiling(p, 6), milliseconds(10000));
  EXPECT_EQ(Backoff::Ceiling(p, 1000), milliseconds(10000));
  EXPECT_EQ(Backoff::Ceiling(p, std::numeric_limits<int>::max()), milliseconds(10000));
}

TEST(Backoff, CeilingEdgeParameters) {
  EXPECT_EQ(Backoff::Ceiling({milliseconds(0), milliseconds(100)}, 5), milliseconds(0));
  EXPECT_EQ(Backoff::Ceiling({milliseconds(500), milliseconds(100)}, 0), milliseconds(100));
  EXPECT_EQ(Backoff::Ceiling({milliseconds(-5), milliseconds(-1)}, 3), milliseconds(0));
  EXPECT_EQ(
      Backoff::Ceiling({milliseconds(1), milliseconds(std::numeric_limits<int64_t>::max())}, 200),
      milliseconds(std::numeric_limits<int64_t>::max()));
}

TEST(Backoff, JitterCoversZeroToCeiling) {
  EXPECT_EQ(Backoff::Jitter(milliseconds(0), 12345), milliseconds(0));
  EXPECT_EQ(Backoff::Jitter(milliseconds(100), 0), milliseconds(0));
  EXPECT_EQ(Backoff::Jitter(milliseconds(100), 100), milliseconds(100));
  EXPECT_EQ(Backoff::Jitter(milliseconds(100), 101), milliseconds(0));
  EXPECT_LE(Backoff::Jitter(milliseconds(100), std::numeric_limits<std::uint64_t>::max()),
            milliseconds(100));
}

TEST(Backoff, DelaysStayWithinTheirCeilings) {
  Backoff backoff({}, 42);
  for (int i = 0; i < 50; ++i) {
    const auto ceiling = Backoff::Ceiling(backoff.params(), backoff.attempt());
    const auto delay = backoff.Next();
    EXPECT_GE(delay, milliseconds(0));
    EXPECT_LE(delay, ceiling);
    EXPECT_LE(delay, milliseconds(10000));
  }
  EXPECT_EQ(backoff.attempt(), 50);
}

TEST(Backoff, JitterSpreadsOverTheRange) {
  // Many draws at the cap: full jitter uses the whole [0, cap], not a band near it.
  Backoff backoff({milliseconds(10000), milliseconds(10000)}, 7);
  milliseconds low = milliseconds::max();
  milliseconds high = milliseconds::min();
  for (int i = 0; i < 2000; ++i) {
    const auto d = backoff.Next();
    low = std::min(low, d);
    high = std::max(high, d);
  }
  EXPECT_LT(low, milliseconds(500));
  EXPECT_GT(high, milliseconds(9500));
}

TEST(Backoff, GrowthShowsInTheAverage) {
  // The mean delay of attempt n is about ceiling/2; compare early and late attempts over
  // many seeded runs.
  double early = 0;
  double late = 0;
  for (std::uint64_t seed = 0; seed < 500; ++seed) {
    Backoff backoff({}, seed);
    early += static_cast<double>(backoff.Next().count());  // ceiling 200
    for (int i = 0; i < 5; ++i) backoff.Next();
    late += static_cast<double>(backoff.Next().count());  // ceiling 10000
  }
  EXPECT_NEAR(early / 500, 100, 15);
  EXPECT_NEAR(late / 500, 5000, 600);
}

TEST(Backoff, SameSeedSameSequence) {
  Backoff a({}, 99);
  Backoff b({}, 99);
  Backoff c({}, 100);
  bool differs = false;
  for (int i = 0; i < 20; ++i) {
    const auto x = a.Next();
    EXPECT_EQ(x, b.Next());
    differs = differs || x != c.Next();
  }
  EXPECT_TRUE(differs);
}

TEST(Backoff, ResetStartsOverFromBase) {
  Backoff backoff({}, 1);
  for (int i = 0; i < 10; ++i) backoff.Next();
  EXPECT_EQ(backoff.attempt(), 10);
  backoff.Reset();
  EXPECT_EQ(backoff.attempt(), 0);
  for (int i = 0; i < 100; ++i) {
    EXPECT_LE(backoff.Next(), milliseconds(200));
    backoff.Reset();
  }
}

}  // namespace
}  // namespace factdesk::client
