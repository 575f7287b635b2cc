#pragma once

#include <cstdint>

namespace factdesk {

// The one rule that keeps a workspace's events exactly-once and in order wherever they
// arrive (the server's subscriber streams, the client's subscription, the client's
// model): given the last seq taken, an incoming seq is
//  - kOlder: at or below it (a re-delivery, a replay overlapping live events): drop it;
//  - kNext: exactly one past it: take it (Admit advances the gate);
//  - kGap: further on: events are missing; take nothing and get the range
//    (last() + 1 .. seq - 1) first, from the table or by resubscribing.
// Seqs are gap-free per workspace (one per committed mutation), so these three cases
// cover every arrival order. Pure: no I/O, no locks; its owner serializes calls.
class SeqGate {
 public:
  enum class Verdict { kOlder, kNext, kGap };

  // `last` is the seq already held (0: none); the next one taken is last + 1.
  explicit SeqGate(std::int64_t last = 0) : next_(last + 1) {}

  // What `seq` is, without taking it.
  Verdict Classify(std::int64_t seq) const {
    if (seq < next_) return Verdict::kOlder;
    return seq == next_ ? Verdict::kNext : Verdict::kGap;
  }

  // Classifies `seq` and, when it is the next one, takes it.
  Verdict Admit(std::int64_t seq) {
    const Verdict verdict = Classify(seq);
    if (verdict == Verdict::kNext) ++next_;
    return verdict;
  }

  // Starts again from `last` (a resubscribe, a snapshot loaded at `last`).
  void Reset(std::int64_t last) { next_ = last + 1; }

  // The last seq taken (or the one the gate was started from).
  std::int64_t last() const { return next_ - 1; }
  // The seq the gate takes next.
  std::int64_t next() const { return next_; }

 private:
  std::int64_t next_;
};

}  // namespace factdesk
