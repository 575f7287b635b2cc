#include "archive/match_index.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace factdesk::archive {
namespace {

// Past checks, each with a headline, and decoys that share words with them.
MatchIndex Archive() {
  MatchIndex index;
  index.Put(1, "The unemployment rate fell to 3.5 percent, the lowest in fifty years.",
            "Is unemployment at a 50-year low?");
  index.Put(2, "The city spent four billion dollars on the new bridge.",
            "Did the bridge really cost $4 billion?");
  index.Put(3, "Drinking hot water with lemon cures the coronavirus.",
            "Hot lemon water does not cure COVID-19");
  index.Put(4, "Crime in the city rose by 20 percent last year.", "Did city crime rise 20%?");
  index.Put(5, "The governor vetoed a bill that raised teachers' pay.",
            "Governor's veto of teacher pay raise");
  index.Put(6, "Wind turbines kill more birds than cats do.", "Turbines and bird deaths");
  index.Put(7, "The unemployment office in the city closed in March.",
            "City unemployment office closure");
  index.Put(8, "A bridge in the capital collapsed during rush hour.", "Bridge collapse rumour");
  return index;
}

struct Pair {
  const char* said;
  std::int64_t checked;
};

// Worded as people say or post them, not as the fact-checker wrote them.
const std::vector<Pair> kParaphrases = {
    {"Joblessness just dropped to 3.5%, lowest level in half a century!", 1},
    {"They blew $4bn of our money on that bridge", 2},
    {"My aunt says a hot lemon drink cures COVID. #coronavirus @WHO", 3},
    {"crime went up twenty percent in our city last year", 4},
    {"The governor's veto killed the pay raise for teachers", 5},
    {"More birds are killed by wind turbines than by cats", 6},
};

TEST(MatchIndex, FindsAPastCheckWordedDifferently) {
  const MatchIndex index = Archive();
  for (const Pair& p : kParaphrases) {
    const std::vector<MatchHit> hits = index.Search(p.said, 3);
    ASSERT_FALSE(hits.empty()) << p.said;
    EXPECT_EQ(hits.front().id, p.checked) << p.said;
  }
}

TEST(MatchIndex, RanksBestFirstAndKeepsTheLimit) {
  const MatchIndex index = Archive();
  const std::vector<MatchHit> hits = index.Search("city unemployment bridge crime", 2);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_GE(hits[0].score, hits[1].score);
}

TEST(MatchIndex, TextWithNoKnownWordMatchesNothing) {
  const MatchIndex index = Archive();
  EXPECT_TRUE(index.Search("zebra xylophone", 5).empty());
  EXPECT_TRUE(index.Search("", 5).empty());
  EXPECT_TRUE(index.Search("the of and", 5).empty());
  EXPECT_TRUE(MatchIndex().Search("bridge", 5).empty());
}

TEST(MatchIndex, PutReplacesAndRemoveForgets) {
  MatchIndex index = Archive();
  index.Put(2, "Penguins can fly short distances.", "Flying penguins?");
  EXPECT_EQ(index.size(), 8u);
  EXPECT_EQ(index.Search("penguins fly", 1).front().id, 2);
  for (const MatchHit& hit : index.Search("bridge billion dollars", 8)) EXPECT_NE(hit.id, 2);
  index.Remove(2);
  index.Remove(99);  // unknown: nothing happens
  EXPECT_EQ(index.size(), 7u);
  EXPECT_TRUE(index.Search("penguins", 5).empty());
}

TEST(MatchIndex, EqualScoresRankTheLowerIdFirst) {
  MatchIndex index;
  index.Put(9, "tax cut", "");
  index.Put(4, "tax cut", "");
  const std::vector<MatchHit> hits = index.Search("tax cut", 5);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].id, 4);
  EXPECT_EQ(hits[1].id, 9);
}

MatchWeights WithoutReRanking() {
  MatchWeights w;
  w.ngram_weight = 0;
  return w;
}

TEST(MatchIndex, ReRankingPutsTheCheckInTheTextsWordOrderFirst) {
  // The same terms, so BM25F ties them and the lower id would come first.
  MatchIndex index;
  index.Put(4, "Man bites dog", "");
  index.Put(7, "Dog bites man", "");
  EXPECT_EQ(index.Search("a dog bites a man", 1).front().id, 7);
  index.set_weights(WithoutReRanking());
  EXPECT_EQ(index.Search("a dog bites a man", 1).front().id, 4);
}

TEST(MatchIndex, ReRankingCreditsNearFormsTheStemmerKeepsApart) {
  // "religious" stems to religi, "religion" to religion: no shared term, and BM25F prefers
  // the shorter check; their character 4-grams overlap.
  MatchIndex index;
  index.Put(1, "The senator prays.", "");
  index.Put(2, "The senator's religion is kept private.", "");
  const std::string said = "The senator is deeply religious";
  const std::vector<MatchHit> hits = index.Search(said, 2);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].id, 2);
  index.set_weights(WithoutReRanking());
  EXPECT_EQ(index.Search(said, 1).front().id, 1);
}

TEST(MatchIndex, ReRankingOnlyRaisesScoresAndALargerLimitExtendsTheRanking) {
  MatchIndex index = Archive();
  MatchWeights shallow;
  shallow.rerank_depth = 2;
  index.set_weights(shallow);
  const std::string said = "the city bridge cost billions and crime rose";
  const std::vector<MatchHit> few = index.Search(said, 3);
  const std::vector<MatchHit> all = index.Search(said, 8);
  ASSERT_EQ(few.size(), 3u);
  ASSERT_GT(all.size(), few.size());
  EXPECT_TRUE(std::equal(few.begin(), few.end(), all.begin()));
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_GE(all[i - 1].score, all[i].score);

  index.set_weights(WithoutReRanking());
  const std::vector<MatchHit> plain = index.Search(said, 8);
  ASSERT_EQ(plain.size(), all.size());
  for (const MatchHit& hit : all) {
    const auto same =
        std::find_if(plain.begin(), plain.end(), [&](const MatchHit& p) { return p.id == hit.id; });
    ASSERT_NE(same, plain.end());
    EXPECT_GE(hit.score, same->score);
  }
}

}  // namespace
}  // namespace factdesk::archive
