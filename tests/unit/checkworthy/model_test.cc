#include "checkworthy/model.h"

#include <string>

#include <gtest/gtest.h>

namespace factdesk::checkworthy {
namespace {

const std::string kHeader =
    "# a test model\n"
    "model\tfactdesk-checkworthy-logistic\n"
    "version\ttest-1\n"
    "features\tcue,w1\n"
    "bias\t-2.5000\n";

std::string ModelRefusal(const std::string& text) {
  const auto model = ParseModel(text);
  EXPECT_FALSE(model.ok()) << text;
  if (model.ok()) return "";
  EXPECT_EQ(model.status().code(), Code::kInvalidArgument);
  return model.status().message();
}

TEST(ModelTest, ReadsAndWritesTheFile) {
  const std::string text = kHeader + "cue:percentage\t1.2345\nw:million\t-0.8000\n";
  const auto model = ParseModel(text);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  EXPECT_EQ(model->comments, std::vector<std::string>{"a test model"});
  EXPECT_EQ(model->version, "test-1");
  EXPECT_EQ(model->features, (FeatureSet{.cues = true, .words = true}));
  EXPECT_EQ(model->bias, -2.5);
  EXPECT_EQ(model->weights, (std::vector<std::pair<std::string, double>>{{"cue:percentage", 1.2345},
                                                                         {"w:million", -0.8}}));
  EXPECT_EQ(FormatModel(*model), text);
}

TEST(ModelTest, RoundsToTheFilesPrecision) {
  EXPECT_EQ(RoundWeight(0.123456), 0.1235);
  EXPECT_EQ(RoundWeight(-0.00004), 0.0);
  Model m;
  m.version = "v";
  m.features = {.words = true};
  m.bias = RoundWeight(-1.23456789);
  m.weights = {{"w:a", RoundWeight(1.0 / 3)}, {"w:b", RoundWeight(-2.0 / 3)}};
  const auto back = ParseModel(FormatModel(m));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, m);
}

TEST(ModelTest, RefusesAMissingOrWrongHeader) {
  EXPECT_EQ(ModelRefusal(""), "model: line 1: expected 'model<TAB>...'");
  EXPECT_EQ(ModelRefusal("model\tsomething-else\n"),
            "model: line 1: this is not a factdesk-checkworthy-logistic model: 'something-else'");
  EXPECT_EQ(ModelRefusal("model\tfactdesk-checkworthy-logistic\nfeatures\tcue\n"),
            "model: line 2: expected 'version<TAB>...', found 'features'");
  EXPECT_EQ(ModelRefusal("model\tfactdesk-checkworthy-logistic\nversion\ten 1\n"),
            "model: line 2: the version 'en 1' must be 1 to 64 letters, digits, '.', '-' or '_'");
  EXPECT_EQ(ModelRefusal("model\tfactdesk-checkworthy-logistic\nversion\tv\nfeatures\tcue,w9\n"),
            "model: line 3: features: unknown feature family 'w9' (known: cue, w1, w2, cN-M with "
            "1 <= N <= M <= 8)");
  EXPECT_EQ(
      ModelRefusal("model\tfactdesk-checkworthy-logistic\nversion\tv\nfeatures\tw1\nbias\tx\n"),
      "model: line 4: the bias 'x' is not a number");
}

TEST(ModelTest, RefusesBadWeights) {
  EXPECT_EQ(ModelRefusal(kHeader + "w:a\tabc\n"),
            "model: line 6: the weight 'abc' of 'w:a' is not a number");
  EXPECT_EQ(ModelRefusal(kHeader + "w:a\tnan\n"),
            "model: line 6: the weight 'nan' of 'w:a' is not a number");
  EXPECT_EQ(ModelRefusal(kHeader + "w:a\t1e999\n"),
            "model: line 6: the weight '1e999' of 'w:a' is not a number");
  EXPECT_EQ(ModelRefusal(kHeader + "w:a\t1\tmore\n"),
            "model: line 6: expected two fields separated by a tab");
  EXPECT_EQ(ModelRefusal(kHeader + "w:a 1\n"),
            "model: line 6: expected two fields separated by a tab");
}

TEST(ModelTest, RefusesUnknownOrMisplacedFeatures) {
  EXPECT_EQ(ModelRefusal(kHeader + "cue:vibes\t1\n"),
            "model: line 6: 'cue:vibes': unknown named feature");
  EXPECT_EQ(ModelRefusal(kHeader + "x:1\t1\n"),
            "model: line 6: 'x:1': unknown feature family (cue:, w:, w2:, c:)");
  EXPECT_EQ(ModelRefusal(kHeader + "c:abc\t1\n"),
            "model: line 6: 'c:abc': its family is not in the model's features (cue,w1)");
  EXPECT_EQ(ModelRefusal(kHeader + "w:\t1\n"),
            "model: line 6: 'w:': the feature has no name after its family");
}

TEST(ModelTest, RefusesUnsortedRepeatedOrMissingFeatures) {
  EXPECT_EQ(ModelRefusal(kHeader + "w:b\t1\nw:a\t1\n"),
            "model: line 7: 'w:a' is out of order (features are sorted by name)");
  EXPECT_EQ(ModelRefusal(kHeader + "w:a\t1\nw:a\t2\n"), "model: line 7: 'w:a' appears twice");
  EXPECT_EQ(ModelRefusal(kHeader), "model: line 6: the model has no features");
  EXPECT_EQ(ModelRefusal(kHeader + "w:a\t1\n# late\n"),
            "model: line 7: comments belong before the 'model' line");
}

TEST(ModelTest, RefusesInvalidUtf8) {
  EXPECT_EQ(ModelRefusal(kHeader + "w:\xff\t1\n"), "model: invalid UTF-8 at byte 97");
}

}  // namespace
}  // namespace factdesk::checkworthy
