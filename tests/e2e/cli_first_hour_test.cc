// The README's two-person review ("A two-person review"), command by command: ana is
// run.sh's `demo` (the workspace's admin), ben its `reviewer` (a checker). After each
// step the CLI says what the claim waits for, so nobody is left guessing.
#include "tests/e2e/cli_fixture.h"

namespace factdesk::testing {
namespace {

using nlohmann::json;

bool Says(const ProcessResult& r, const std::string& text) {
  return r.out.find(text) != std::string::npos;
}

class CliFirstHourTest : public CliTest {
 protected:
  // The README's marking (segment `number`, counted from 1) as `demo`: the claim's id.
  static std::string MarkSampleClaim(const std::string& transcript, int number,
                                     const std::string& quote) {
    const ProcessResult added = Cli(ana_, {"claim", "add", "--transcript", transcript, "--ordinal",
                                           std::to_string(number), "--quote", quote, "--json"});
    EXPECT_EQ(added.exit_code, 0) << Describe(added);
    const std::string id = ParseJson(added).value("id", std::string());
    const ProcessResult source =
        Cli(ana_, {"source", "add", id, "--url",
                   "https://example.org/riverside-police-annual-report", "--stance", "refutes",
                   "--title", "Police annual report 2026", "--publisher", "Riverside PD"});
    EXPECT_EQ(source.exit_code, 0) << Describe(source);
    return id;
  }

  static std::string ImportSample() {
    const ProcessResult r =
        Cli(ana_, {"import", std::string(FACTDESK_SOURCE_DIR) + "/samples/town-hall.vtt", "-w",
                   "desk", "--title", "Riverside town hall", "--json"});
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    return ParseJson(r).value("id", std::string());
  }
};

TEST_F(CliFirstHourTest, TwoPeopleReviewAClaimAndEachStepSaysWhatItWaitsFor) {
  const std::string transcript = ImportSample();
  ASSERT_FALSE(transcript.empty());
  const std::string claim = MarkSampleClaim(
      transcript, 4, "Violent crime in Riverside fell by eighteen percent last year");
  ASSERT_FALSE(claim.empty());

  const ProcessResult first = Cli(
      ana_, {"review", "submit", claim, "--verdict", "Mostly false", "--confidence", "high",
             "--rationale", "The police report counts the fiscal year, not the calendar year."});
  ASSERT_CLI_OK(first);
  EXPECT_TRUE(Says(first, "IN_REVIEW")) << first.out;
  EXPECT_TRUE(Says(first, "waiting for 1 more independent review")) << first.out;
  const ProcessResult shown = Cli(ana_, {"claim", "show", claim});
  ASSERT_CLI_OK(shown);
  EXPECT_TRUE(Says(shown, "Next:")) << shown.out;
  EXPECT_TRUE(Says(shown, "waiting for 1 more independent review")) << shown.out;

  // The second person, with their own token in the environment.
  const ProcessResult second =
      Cli(ana_,
          {"review", "submit", claim, "--verdict", "Mostly false", "--confidence", "medium",
           "--rationale", "Same report: the drop is 11% over the calendar year."},
          {{"FACTDESK_TOKEN", ben_.token}});
  ASSERT_CLI_OK(second);
  EXPECT_TRUE(Says(second, "RESOLVED: Mostly false")) << second.out;
  EXPECT_TRUE(Says(second, "an editor must publish it")) << second.out;

  ASSERT_CLI_OK(Cli(ana_, {"claim", "publish", claim}));
  const json after = ParseJson(Cli(ana_, {"claim", "show", claim, "--json"}));
  EXPECT_EQ(after["claim"]["status"], "CLAIM_STATUS_PUBLISHED");
  EXPECT_EQ(after["waiting_for"], "");
}

TEST_F(CliFirstHourTest, DifferingVerdictsWaitForAnEditorWhoDecidesByTheClaimsId) {
  const std::string transcript = ImportSample();
  ASSERT_FALSE(transcript.empty());
  const std::string claim =
      MarkSampleClaim(transcript, 3, "the city had a deficit of twelve million dollars");
  ASSERT_FALSE(claim.empty());
  ASSERT_CLI_OK(Cli(ana_, {"review", "submit", claim, "--verdict", "True", "--confidence", "high",
                           "--rationale", "The audited accounts say so."}));
  const ProcessResult split = Cli(ana_,
                                  {"review", "submit", claim, "--verdict", "False", "--confidence",
                                   "high", "--rationale", "The audit says nine million."},
                                  {{"FACTDESK_TOKEN", ben_.token}});
  ASSERT_CLI_OK(split);
  EXPECT_TRUE(Says(split, "DISPUTED")) << split.out;
  EXPECT_TRUE(Says(split, "waiting for an editor's decision")) << split.out;

  // A dispute id that is not one says how to name the claim instead; nothing is decided.
  EXPECT_TRUE(FailsWith(
      Cli(ana_, {"dispute", "decide", "999999", "--verdict", "False", "--reasoning", "The audit."}),
      "NOT_FOUND", "dispute decide --claim 999999"));
  const ProcessResult decided = Cli(ana_, {"dispute", "decide", "--claim", claim, "--verdict",
                                           "False", "--reasoning", "The audit says nine million."});
  ASSERT_CLI_OK(decided);
  EXPECT_TRUE(Says(decided, "on claim " + claim + ": False")) << decided.out;
  EXPECT_TRUE(Says(decided, "an editor must publish it")) << decided.out;
}

TEST_F(CliFirstHourTest, DecideNeedsADisputeOrAClaimButNotBoth) {
  const ProcessResult neither =
      Cli(ana_, {"dispute", "decide", "--verdict", "False", "--reasoning", "x"});
  EXPECT_EQ(neither.exit_code, 2) << Describe(neither);
  EXPECT_NE(neither.err.find("give a DISPUTE_ID or --claim CLAIM_ID"), std::string::npos)
      << Describe(neither);
  const ProcessResult both = Cli(
      ana_, {"dispute", "decide", "1", "--claim", "1", "--verdict", "False", "--reasoning", "x"});
  EXPECT_EQ(both.exit_code, 2) << Describe(both);
}

}  // namespace
}  // namespace factdesk::testing
