// The seq gate alone: what it takes, drops and refuses, from any starting point and
// in any arrival order.
#include "common/seq_gate.h"

#include <cstdint>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace factdesk {
namespace {

using Verdict = SeqGate::Verdict;

TEST(SeqGateTest, AFreshGateTakesSeqOneFirst) {
  SeqGate gate;
  EXPECT_EQ(gate.last(), 0);
  EXPECT_EQ(gate.next(), 1);
  EXPECT_EQ(gate.Classify(0), Verdict::kOlder);
  EXPECT_EQ(gate.Classify(2), Verdict::kGap);
  EXPECT_EQ(gate.Admit(1), Verdict::kNext);
  EXPECT_EQ(gate.last(), 1);
  EXPECT_EQ(gate.next(), 2);
}

TEST(SeqGateTest, TakesConsecutiveSeqsInOrder) {
  SeqGate gate;
  for (std::int64_t seq = 1; seq <= 100; ++seq) {
    ASSERT_EQ(gate.Admit(seq), Verdict::kNext) << seq;
  }
  EXPECT_EQ(gate.last(), 100);
}

TEST(SeqGateTest, ADuplicateIsOlderAndChangesNothing) {
  SeqGate gate(5);
  EXPECT_EQ(gate.Admit(6), Verdict::kNext);
  EXPECT_EQ(gate.Admit(6), Verdict::kOlder);  // the same event twice
  EXPECT_EQ(gate.Admit(3), Verdict::kOlder);  // an old one re-delivered
  EXPECT_EQ(gate.Admit(5), Verdict::kOlder);  // the one the gate started from
  EXPECT_EQ(gate.last(), 6);
  EXPECT_EQ(gate.Admit(7), Verdict::kNext);
}

TEST(SeqGateTest, AGapTakesNothingUntilTheRangeIsFilled) {
  SeqGate gate(10);
  EXPECT_EQ(gate.Admit(14), Verdict::kGap);
  EXPECT_EQ(gate.last(), 10) << "a gap must not move the gate";
  EXPECT_EQ(gate.Admit(14), Verdict::kGap) << "still missing 11..13";
  // The missing range, read from the table, then the event that showed the gap.
  EXPECT_EQ(gate.Admit(11), Verdict::kNext);
  EXPECT_EQ(gate.Admit(12), Verdict::kNext);
  EXPECT_EQ(gate.Admit(13), Verdict::kNext);
  EXPECT_EQ(gate.Admit(14), Verdict::kNext);
  EXPECT_EQ(gate.last(), 14);
}

TEST(SeqGateTest, ClassifyDoesNotTake) {
  SeqGate gate(2);
  EXPECT_EQ(gate.Classify(3), Verdict::kNext);
  EXPECT_EQ(gate.Classify(3), Verdict::kNext);
  EXPECT_EQ(gate.last(), 2);
}

TEST(SeqGateTest, StartsFromASnapshotSeq) {
  // A client that loaded the workspace as of seq 41 needs 42 next.
  SeqGate gate(41);
  EXPECT_EQ(gate.Classify(41), Verdict::kOlder);
  EXPECT_EQ(gate.Classify(42), Verdict::kNext);
  EXPECT_EQ(gate.Classify(43), Verdict::kGap);
}

TEST(SeqGateTest, ResetAfterResubscribeStartsFromTheResumeSeq) {
  SeqGate gate;
  for (std::int64_t seq = 1; seq <= 20; ++seq) gate.Admit(seq);
  // A new stream from the last seq delivered: its replay overlaps nothing.
  gate.Reset(20);
  EXPECT_EQ(gate.Admit(20), Verdict::kOlder);
  EXPECT_EQ(gate.Admit(21), Verdict::kNext);
  // The server's data was reset (OUT_OF_RANGE): rebuild from 0, the old seqs count again.
  gate.Reset(0);
  EXPECT_EQ(gate.last(), 0);
  EXPECT_EQ(gate.Admit(1), Verdict::kNext);
  EXPECT_EQ(gate.Admit(21), Verdict::kGap);
}

// A replay and a live feed racing each other, with duplicates, overlaps and
// out-of-order arrivals: whatever arrives, the gate takes 1..n exactly once, in order,
// when gaps are filled from the table the way the server's streams do it.
TEST(SeqGateTest, AnyArrivalOrderYieldsEverySeqOnceInOrder) {
  constexpr std::int64_t kEvents = 500;
  std::mt19937 rng(20240611);
  for (int round = 0; round < 50; ++round) {
    SeqGate gate;
    std::vector<std::int64_t> taken;
    const auto offer = [&](std::int64_t seq) {
      if (gate.Admit(seq) == Verdict::kNext) taken.push_back(seq);
    };
    for (int arrival = 0; arrival < 2000 && gate.last() < kEvents; ++arrival) {
      const std::int64_t seq = 1 + static_cast<std::int64_t>(rng() % kEvents);
      if (gate.Classify(seq) == Verdict::kGap) {
        // Read the missing range from the table, then take the arrival.
        for (std::int64_t missing = gate.next(); missing < seq; ++missing) offer(missing);
      }
      offer(seq);
    }
    for (std::int64_t rest = gate.next(); rest <= kEvents; ++rest) offer(rest);
    ASSERT_EQ(taken.size(), static_cast<std::size_t>(kEvents)) << "round " << round;
    for (std::size_t i = 0; i < taken.size(); ++i) {
      ASSERT_EQ(taken[i], static_cast<std::int64_t>(i) + 1) << "round " << round;
    }
  }
}

}  // namespace
}  // namespace factdesk
