#include "checkworthy/scorer.h"

#include <cmath>

#include <gtest/gtest.h>

namespace factdesk::checkworthy {
namespace {

double Sigmoid(double z) {
  return 1.0 / (1.0 + std::exp(-z));
}

// A small hand-made model whose scores can be worked out by hand.
Scorer TestScorer() {
  Model m;
  m.version = "test-1";
  m.features = {.cues = true, .words = true, .bigrams = true, .char_min = 4, .char_max = 4};
  m.bias = -1;
  m.weights = {{"c:<mil", 0.22},
               {"cue:percentage", 2},
               {"cue:question", -1.5},
               {"w2:tax cuts", 0.78},
               {"w:percent", 0.5}};
  auto scorer = Scorer::Make(std::move(m));
  EXPECT_TRUE(scorer.ok());
  return std::move(scorer).value();
}

TEST(ScorerTest, ScoreIsTheSigmoidOfTheWeightsItHas) {
  const Scorer scorer = TestScorer();
  EXPECT_EQ(scorer.version(), "test-1");
  // cue:percentage, w:percent; nothing else of the sentence is in the model.
  EXPECT_DOUBLE_EQ(scorer.Score("Ten percent."), Sigmoid(-1 + 2 + 0.5));
  // A word that comes twice counts twice.
  EXPECT_DOUBLE_EQ(scorer.Score("percent, percent"), Sigmoid(-1 + 2 + 0.5 + 0.5));
  EXPECT_DOUBLE_EQ(scorer.Score("Tax cuts for millionaires?"), Sigmoid(-1 + 0.78 + 0.22 - 1.5));
  EXPECT_DOUBLE_EQ(scorer.Score("Nothing here"), Sigmoid(-1));
  EXPECT_DOUBLE_EQ(scorer.Score(""), Sigmoid(-1));
}

TEST(ScorerTest, ReasonsAreTheHeaviestFeaturesInWords) {
  const Scorer scorer = TestScorer();
  const Explained e = scorer.Explain("Tax cuts of ten percent for millionaires?", 10);
  EXPECT_DOUBLE_EQ(e.score, scorer.Score("Tax cuts of ten percent for millionaires?"));
  ASSERT_EQ(e.reasons.size(), 5U);
  EXPECT_EQ(e.reasons[0].text, "a percentage");
  EXPECT_EQ(e.reasons[0].feature, "cue:percentage");
  EXPECT_EQ(e.reasons[0].weight, 2);
  EXPECT_EQ(e.reasons[1].text, "against: a question");
  EXPECT_EQ(e.reasons[2].text, "learned: 'tax cuts' (+0.8)");
  EXPECT_EQ(e.reasons[3].text, "learned: 'percent' (+0.5)");
  EXPECT_EQ(e.reasons[4].text, "learned: words starting 'mil' (+0.2)");
  EXPECT_EQ(scorer.Explain("Tax cuts of ten percent for millionaires?", 2).reasons.size(), 2U);
}

TEST(ScorerTest, DescribesEveryFamily) {
  EXPECT_EQ(DescribeFeature("cue:comparison", 0.3), "compares two quantities");
  EXPECT_EQ(DescribeFeature("w:million", 0.8), "learned: 'million' (+0.8)");
  EXPECT_EQ(DescribeFeature("w:thank", -1.06), "learned: 'thank' (-1.1)");
  EXPECT_EQ(DescribeFeature("c:ion>", 0.2), "learned: words ending 'ion' (+0.2)");
  EXPECT_EQ(DescribeFeature("c:illi", 0.2), "learned: 'illi' inside a word (+0.2)");
  EXPECT_EQ(DescribeFeature("c:<tax>", 0.2), "learned: the word 'tax' (+0.2)");
}

TEST(ScorerTest, ScoresEachSentenceOfASegmentAndKeepsItsKind) {
  const Scorer scorer = TestScorer();
  const std::string text = "Taxes rose ten percent.\u00a0Why? (Sound of cheering)";
  const auto scored = scorer.ScoreSegment(text, import::SegmentKind::kCue, 1);
  ASSERT_EQ(scored.size(), 3U);
  EXPECT_EQ(scored[0].span, (Span{0, 23}));
  EXPECT_EQ(scored[1].span, (Span{25, 29}));
  EXPECT_EQ(scored[2].span, (Span{30, text.size()}));
  for (const SentenceScore& s : scored) {
    EXPECT_EQ(s.kind, import::SegmentKind::kCue);
    EXPECT_DOUBLE_EQ(s.score, scorer.Score(text.substr(s.span.begin, s.span.end - s.span.begin)));
  }
  EXPECT_EQ(scored[0].reasons.size(), 1U);
  EXPECT_EQ(scored[0].reasons[0].text, "a percentage");
  EXPECT_TRUE(scored[2].reasons.empty());  // nothing in the model
  EXPECT_TRUE(scorer.ScoreSegment(text, import::SegmentKind::kSpeech, 0)[0].reasons.empty());
}

TEST(ScorerTest, FindsFeaturesByFamilyAndTerm) {
  const Scorer scorer = TestScorer();
  EXPECT_EQ(scorer.Find("w:", "percent"), 4);
  EXPECT_EQ(scorer.Find("w2:", "tax cuts"), 3);
  EXPECT_EQ(scorer.Find("w:", "tax"), -1);
  EXPECT_EQ(scorer.Find("w", ":percent"), 4);  // the name is the concatenation
}

}  // namespace
}  // namespace factdesk::checkworthy
