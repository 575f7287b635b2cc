#include "import/cue_merger.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace factdesk::import {
namespace {

std::string fmt(int n) {
  return "w" + std::to_string(n);
}

class CueMergerTest : public ::testing::Test {
 protected:
  void Cue(std::vector<CueSpan> spans, std::int64_t start_ms = 0) {
    merger_.AddCue(spans, start_ms, start_ms + 1000, out_);
  }
  std::vector<std::string> Texts() {
    std::vector<std::string> texts;
    for (const Segment& s : out_) texts.push_back(s.speaker + "|" + s.text);
    return texts;
  }

  CueMerger merger_;
  std::vector<Segment> out_;
};

TEST_F(CueMergerTest, OneSharedWordIsACoincidence) {
  Cue({{"", "I said no"}});
  Cue({{"", "no one knew that"}});
  merger_.Flush(out_);
  EXPECT_EQ(Texts(), (std::vector<std::string>{"|I said no", "|no one knew that"}));
}

TEST_F(CueMergerTest, TwoSharedWordsRollUp) {
  Cue({{"", "the plan is"}}, 0);
  Cue({{"", "plan is simple"}}, 1000);
  merger_.Flush(out_);
  ASSERT_EQ(out_.size(), 1U);
  EXPECT_EQ(out_[0].text, "the plan is simple");
  EXPECT_EQ(out_[0].start_ms, 0);
  EXPECT_EQ(out_[0].end_ms, 2000);
}

TEST_F(CueMergerTest, ASentenceEndEmitsAtOnceAndTheRepeatStillMerges) {
  Cue({{"Ana", "Taxes fell."}});
  EXPECT_EQ(Texts(), (std::vector<std::string>{"Ana|Taxes fell."}));
  Cue({{"Ana", "Taxes fell. Jobs"}});
  EXPECT_EQ(out_.size(), 1U);  // "Jobs" may still grow
  Cue({{"Ana",
        "fell. Jobs rose \xE2\x80\x9C"
        "fast.\xE2\x80\x9D"}});
  EXPECT_EQ(Texts(), (std::vector<std::string>{"Ana|Taxes fell.",
                                               "Ana|Jobs rose \xE2\x80\x9C"
                                               "fast.\xE2\x80\x9D"}));
}

TEST_F(CueMergerTest, ANewSpeakerEndsTheHeldSegment) {
  Cue({{"Ana", "we will"}});
  Cue({{"Ana", "we will win"}, {"Ben", "no"}});
  merger_.Flush(out_);
  EXPECT_EQ(Texts(), (std::vector<std::string>{"Ana|we will win", "Ben|no"}));
}

TEST_F(CueMergerTest, AHeldSegmentOverTheLimitIsCutAtItsLastSentenceEnd) {
  // Roll-up whose cues never end at a sentence end grows one segment past the limit.
  std::string last_two = "a b";
  Cue({{"", last_two}});
  for (int n = 0; out_.empty() && n < 2000; n += 2) {
    const std::string added = n % 10 == 4 ? fmt(n) + ". " + fmt(n + 1) : fmt(n) + " " + fmt(n + 1);
    Cue({{"", last_two + " " + added}});
    last_two = added;
  }
  ASSERT_EQ(out_.size(), 1U);
  EXPECT_TRUE(out_[0].text.starts_with("a b w0 w1 w2 w3 w4."));
  EXPECT_TRUE(out_[0].text.ends_with("."));
  EXPECT_GT(out_[0].text.size(), CueMerger::kMaxHeldBytes - 60);
  EXPECT_LE(out_[0].text.size(), CueMerger::kMaxHeldBytes + 20);
}

}  // namespace
}  // namespace factdesk::import
