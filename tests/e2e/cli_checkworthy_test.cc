// `factdesk checkworthy FILE.tsv`: offline scoring of a debate with the scorer the server
// uses, and its refusals of malformed files (one line, naming the line, nothing printed).
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "checkworthy/clef_tsv.h"
#include "checkworthy/english_model.h"
#include "tests/e2e/cli_fixture.h"

namespace factdesk::testing {
namespace {

class CheckworthyCliTest : public ::testing::Test {
 protected:
  // No saved login, and a server that does not exist: the command must not need one.
  ProcessResult Run(const std::vector<std::string>& args) {
    ProcessOptions o;
    o.argv = {CliBinary(), "checkworthy"};
    o.argv.insert(o.argv.end(), args.begin(), args.end());
    o.env = {{"HOME", dir_.path()},
             {"XDG_CONFIG_HOME", dir_.path() + "/config"},
             {"FACTDESK_SERVER", "127.0.0.1:1"},
             {"FACTDESK_TOKEN", "fd_nobody"}};
    return RunProcess(o, kCommandTimeout);
  }

  std::string Write(const std::string& name, const std::string& contents) {
    const std::string path = dir_.path() + "/" + name;
    std::ofstream(path, std::ios::binary) << contents;
    return path;
  }

  TempDir dir_;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST_F(CheckworthyCliTest, PrintsTheLibrarysScoreForEveryLine) {
  const std::string path = FACTDESK_SHARED_DIR "/data/checkworthy-2019/20181010_medicare.tsv";
  const ProcessResult r = Run({path});
  ASSERT_CLI_OK(r);
  EXPECT_EQ(r.err, "");
  std::ifstream in(path, std::ios::binary);
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const auto debate = checkworthy::ParseClefTsv(bytes, path);
  ASSERT_TRUE(debate.ok());
  const auto scorer = checkworthy::EnglishScorer();
  ASSERT_TRUE(scorer.ok());
  const std::vector<std::string> printed = Lines(r.out);
  ASSERT_EQ(printed.size(), debate->size());  // 44 lines
  for (std::size_t i = 0; i < printed.size(); ++i) {
    const auto& line = (*debate)[i];
    EXPECT_EQ(printed[i], fmt::format("{}\t{:.6f}", line.number, (*scorer)->Score(line.text)));
  }
}

TEST_F(CheckworthyCliTest, ExplainsAndPrintsJson) {
  const std::string path = Write("two.tsv",
                                 "1\tA\tUnemployment fell by 5 percent last year.\n"
                                 "2\tSYSTEM\t(APPLAUSE)\n");
  const ProcessResult r = Run({path, "--explain"});
  ASSERT_CLI_OK(r);
  const std::vector<std::string> printed = Lines(r.out);
  ASSERT_EQ(printed.size(), 2U);
  // The library's three heaviest reasons, after the score.
  const auto scorer = checkworthy::EnglishScorer();
  ASSERT_TRUE(scorer.ok());
  const auto explained = (*scorer)->Explain("Unemployment fell by 5 percent last year.", 3);
  ASSERT_EQ(explained.reasons.size(), 3U);
  EXPECT_EQ(printed[0],
            fmt::format("1\t{:.6f}\t{}; {}; {}", explained.score, explained.reasons[0].text,
                        explained.reasons[1].text, explained.reasons[2].text));
  EXPECT_NE(printed[0].find("a named statistic (jobs, taxes, crime, ...)"), std::string::npos)
      << printed[0];
  EXPECT_TRUE(printed[1].starts_with("2\t0.")) << printed[1];

  const ProcessResult j = Run({path, "--json", "--reasons", "5"});
  ASSERT_CLI_OK(j);
  const auto json = ParseJson(j);
  EXPECT_EQ(json["model"], "en-2019.1");
  ASSERT_EQ(json["lines"].size(), 2U);
  EXPECT_EQ(json["lines"][0]["line"], 1);
  EXPECT_EQ(json["lines"][0]["kind"], "speech");
  EXPECT_EQ(json["lines"][1]["kind"], "cue");
  EXPECT_LE(json["lines"][0]["reasons"].size(), 5U);
  EXPECT_GT(json["lines"][0]["score"].get<double>(), json["lines"][1]["score"].get<double>());
}

TEST_F(CheckworthyCliTest, RefusesAMalformedFileNamingTheLine) {
  const std::string fields = Write("fields.tsv", "1\tA\tFine.\t0\n2 A said: no tabs\n");
  ProcessResult r = Run({fields});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "factdesk: INVALID_ARGUMENT: " + fields +
                       ": line 2: expected line<TAB>speaker<TAB>text[<TAB>label], found 1 field\n");
  EXPECT_EQ(r.out, "");  // not even the good first line

  const std::string label = Write("label.tsv", "1\tA\tFine.\t0\n\n3\tB\tAlso fine.\tmaybe\n");
  r = Run({label});
  EXPECT_TRUE(
      FailsWith(r, "INVALID_ARGUMENT", label + ": line 3: the label 'maybe' is not 0 or 1"));
  EXPECT_EQ(r.out, "");

  const std::string order = Write("order.tsv", "5\tA\tFine.\n4\tB\tBack.\n");
  EXPECT_TRUE(FailsWith(Run({order}), "INVALID_ARGUMENT",
                        order + ": line 2: the line number 4 does not follow 5"));

  const std::string utf8 = Write("utf8.tsv", "1\tA\tFine.\n2\tA\tBad \xff byte.\n");
  EXPECT_TRUE(FailsWith(Run({utf8}), "INVALID_ARGUMENT",
                        utf8 + ": line 2: invalid UTF-8 at byte 8 of the line"));

  EXPECT_TRUE(FailsWith(Run({Write("empty.tsv", "\n")}), "INVALID_ARGUMENT", "no lines to score"));
  EXPECT_TRUE(FailsWith(Run({dir_.path() + "/missing.tsv"}), "INVALID_ARGUMENT",
                        "FILE: cannot read " + dir_.path() + "/missing.tsv"));
}

TEST_F(CheckworthyCliTest, NeedsAFile) {
  const ProcessResult r = Run({});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("FILE is required"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace factdesk::testing
