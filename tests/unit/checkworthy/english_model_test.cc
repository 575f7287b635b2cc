// The English model as shipped: compiled in, equal to the repository's file, giving
// exactly the scores the training tool printed, and reproduced by training.
#include "checkworthy/english_model.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "checkworthy/tools/english_training.h"

namespace factdesk::checkworthy {
namespace {

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::filesystem::path(FACTDESK_SOURCE_DIR) / relative, std::ios::binary);
  EXPECT_TRUE(in.good()) << relative;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const Scorer& English() {
  const auto scorer = EnglishScorer();
  EXPECT_TRUE(scorer.ok()) << scorer.status().ToString();
  return **scorer;
}

TEST(EnglishModelTest, CompiledInModelIsTheRepositorysFile) {
  EXPECT_EQ(EnglishModelText(), ReadSource("checkworthy/model/en.tsv"));
  EXPECT_EQ(English().version(), tools::kEnglishVersion);
  EXPECT_TRUE(English().model().features.cues);
}

TEST(EnglishModelTest, IsSmallAndKeepsNoTinyWeights) {
  const Model& model = English().model();
  EXPECT_LE(model.weights.size(), TrainingOptions{}.max_features);
  EXPECT_GT(model.weights.size(), 100U);
  for (const auto& [name, weight] : model.weights) {
    EXPECT_GE(std::abs(weight), TrainingOptions{}.min_weight) << name;
  }
}

// en_probes.tsv holds "score<TAB>sentence" as train_checkworthy printed them, with 17
// significant digits: equal as doubles means the very same score.
TEST(EnglishModelTest, GivesExactlyTheScoresTheTrainingToolPrinted) {
  const std::string probes = ReadSource("checkworthy/model/en_probes.tsv");
  std::istringstream in(probes);
  std::string line;
  int checked = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line.starts_with('#')) continue;
    const auto tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    const double printed = std::strtod(line.substr(0, tab).c_str(), nullptr);
    EXPECT_EQ(English().Score(line.substr(tab + 1)), printed) << line;
    ++checked;
  }
  EXPECT_GE(checked, 8);
}

TEST(EnglishModelTest, RanksClaimsAboveSmallTalkAndSaysWhy) {
  const Scorer& scorer = English();
  const double claim = scorer.Score("The unemployment rate fell to 4.1 percent last year.");
  EXPECT_GT(claim, 0.5);
  EXPECT_LT(scorer.Score("Thank you very much."), 0.1);
  EXPECT_LT(scorer.Score("Will you accept the result of this election?"), claim);
  const Explained e = scorer.Explain("The unemployment rate fell to 4.1 percent last year.", 5);
  ASSERT_FALSE(e.reasons.empty());
  EXPECT_GT(e.reasons.front().weight, 0);
}

TEST(EnglishModelTest, TrainingReproducesTheFilesByteForByte) {
  const auto files =
      tools::TrainEnglishModel(FACTDESK_SHARED_DIR "/data/checkworthy-2019", TrainingOptions{});
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ(files->model, ReadSource("checkworthy/model/en.tsv"))
      << "the features or the training changed: run scripts/train_checkworthy.sh";
  EXPECT_EQ(files->probes, ReadSource("checkworthy/model/en_probes.tsv"));
}

}  // namespace
}  // namespace factdesk::checkworthy
