// `factdesk suggest`: the server's suggestions for a transcript, accepting one into a
// claim, dismissing one for everyone, rescoring, the dashboard's counts and the
// refusals, against a real server process (which scores with one thread by default).
#include <chrono>
#include <thread>

#include "tests/e2e/cli_fixture.h"

namespace factdesk::testing {
namespace {

using json = nlohmann::json;

// `suggest -t ID --json` once the server has scored the transcript (bounded wait).
json ScoredList(const std::function<ProcessResult(const std::vector<std::string>&)>& cli,
                const std::string& transcript_id) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  json listed;
  while (std::chrono::steady_clock::now() < give_up) {
    const ProcessResult r = cli({"suggest", "-t", transcript_id, "--top", "1000", "--json"});
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    listed = json::parse(r.out, nullptr, false);
    if (r.exit_code != 0 || !listed.is_object() ||
        listed["status"]["state"] != "SCORING_STATE_PENDING") {
      return listed;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ADD_FAILURE() << "transcript " << transcript_id << " was not scored: " << listed.dump();
  return listed;
}

// Imported here, so the suite's other transcripts keep their claims and counts.
std::string ImportDebate(const std::function<ProcessResult(const std::vector<std::string>&)>& cli) {
  const ProcessResult r = cli(
      {"import", FACTDESK_SHARED_DIR "/data/debates/clef2018-task1-english-Vice-Presidential.tsv",
       "-w", "desk", "--title", "VP debate", "--json"});
  EXPECT_EQ(r.exit_code, 0) << Describe(r);
  const json t = json::parse(r.out, nullptr, false);
  return t.is_object() ? t.value("id", std::string()) : std::string();
}

TEST_F(CliTest, SuggestListsAcceptsDismissesAndRescores) {
  // The dashboard's suggestion counts of one transcript.
  auto Counts = [](const std::string& transcript_id) {
    const ProcessResult r =
        Cli(vic_, {"dashboard", "-w", "desk", "--transcript", transcript_id, "--json"});
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    const json d = json::parse(r.out, nullptr, false);
    return d.is_object() ? d["suggestions"] : json();
  };
  auto as_ben = [](const std::vector<std::string>& args) { return Cli(ben_, args); };
  const std::string t = ImportDebate(as_ben);
  ASSERT_FALSE(t.empty());
  const json listed = ScoredList(as_ben, t);
  ASSERT_EQ(listed["status"]["state"], "SCORING_STATE_DONE") << listed.dump();
  ASSERT_GE(listed["suggestions"].size(), 3U);
  const std::string best = listed["suggestions"][0]["id"].get<std::string>();
  const std::string second = listed["suggestions"][1]["id"].get<std::string>();

  // The people's view: best first, with score, place, speaker, sentence and reasons.
  const ProcessResult shown = Cli(vic_, {"suggest", "-t", t, "--top", "3"});
  ASSERT_CLI_OK(shown);
  EXPECT_NE(shown.out.find("segments scored by en-"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("#" + best), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("why: "), std::string::npos) << shown.out;

  const ProcessResult accepted = Cli(ben_, {"suggest", "accept", best});
  ASSERT_CLI_OK(accepted);
  EXPECT_NE(accepted.out.find("accepted suggestion " + best + ": claim "), std::string::npos)
      << accepted.out;
  const ProcessResult accepted_again = Cli(ben_, {"suggest", "accept", best, "--json"});
  EXPECT_TRUE(
      FailsWith(accepted_again, "FAILED_PRECONDITION", "only an open suggestion can be accepted"));

  const ProcessResult dismissed =
      Cli(ben_, {"suggest", "dismiss", second, "--reason", "the moderator's question"});
  ASSERT_CLI_OK(dismissed);
  EXPECT_NE(dismissed.out.find("for everyone: the moderator's question"), std::string::npos)
      << dismissed.out;
  // Gone from everyone's list; --all shows who dismissed it and why.
  const ProcessResult others = Cli(vic_, {"suggest", "-t", t, "--top", "1000", "--json"});
  ASSERT_CLI_OK(others);
  const json others_json = ParseJson(others);
  for (const auto& s : others_json["suggestions"]) {
    EXPECT_NE(s["id"].get<std::string>(), second);
    EXPECT_NE(s["id"].get<std::string>(), best);
  }
  const ProcessResult all = Cli(vic_, {"suggest", "-t", t, "--top", "1000", "--all"});
  ASSERT_CLI_OK(all);
  EXPECT_NE(all.out.find("[dismissed by ben: the moderator's question]"), std::string::npos)
      << all.out;

  const json counts = Counts(t);
  EXPECT_EQ(counts["accepted"], 1);
  EXPECT_EQ(counts["dismissed"], 1);
  EXPECT_GT(counts["open"].get<int>(), 100);
  const ProcessResult dashboard = Cli(vic_, {"dashboard", "-w", "desk", "--transcript", t});
  ASSERT_CLI_OK(dashboard);
  EXPECT_NE(dashboard.out.find("Suggestions: 1 accepted, 1 dismissed, "), std::string::npos)
      << dashboard.out;
  EXPECT_NE(dashboard.out.find("Claims on sentences the scorer ranked low: 0"), std::string::npos)
      << dashboard.out;

  EXPECT_TRUE(FailsWith(Cli(ben_, {"suggest", "rescore", "-t", t}), "PERMISSION_DENIED",
                        "a checker may not rescore a transcript"));
  const ProcessResult rescored = Cli(ana_, {"suggest", "rescore", "-t", t});
  ASSERT_CLI_OK(rescored);
  EXPECT_NE(rescored.out.find("is queued for scoring"), std::string::npos) << rescored.out;
  const json again = ScoredList(as_ben, t);
  EXPECT_EQ(again["status"]["state"], "SCORING_STATE_DONE");
  // Every sentence open again but the accepted and the dismissed one, which stay so.
  EXPECT_EQ(Counts(t), counts);
}

TEST_F(CliTest, SuggestRefusesBadInputInOneLine) {
  EXPECT_TRUE(FailsWith(Cli(ben_, {"suggest"}), "INVALID_ARGUMENT", "-t: give the transcript"));
  EXPECT_TRUE(FailsWith(Cli(ben_, {"suggest", "-t", seed_id_, "--top", "5000"}), "INVALID_ARGUMENT",
                        "top: must be 0 to 1000 (got 5000)"));
  EXPECT_TRUE(FailsWith(Cli(ben_, {"suggest", "accept", "0"}), "INVALID_ARGUMENT",
                        "SUGGESTION_ID: must be a positive id"));
  EXPECT_TRUE(FailsWith(Cli(ben_, {"suggest", "dismiss", "987654", "--reason", "x"}), "NOT_FOUND",
                        "there is no suggestion 987654"));
  const ProcessResult no_reason = Cli(ben_, {"suggest", "dismiss", "5"});
  EXPECT_NE(no_reason.exit_code, 0);
  EXPECT_NE(no_reason.err.find("--reason is required"), std::string::npos) << no_reason.err;
}

}  // namespace
}  // namespace factdesk::testing
