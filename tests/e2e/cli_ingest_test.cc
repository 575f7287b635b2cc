// `factdesk ingest`: caption files fed into live transcripts while they are written, by real
// CLI processes against real server processes.
#include <chrono>
#include <csignal>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "tests/e2e/cli_fixture.h"
#include "tests/e2e/server_process_helpers.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr auto kWait = std::chrono::seconds(120);

std::string LiveData(const std::string& name) {
  return FACTDESK_SOURCE_DIR "/tests/data/live/" + name;
}

void Append(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::app | std::ios::binary);
  out << text;
}

std::string VttCue(int n) {
  return "00:00:" + std::string(n < 10 ? "0" : "") + std::to_string(n) +
         ".000 --> 00:00:" + std::string(n + 1 < 10 ? "0" : "") + std::to_string(n + 1) +
         ".000\n<v Ana Lima>Cue number " + std::to_string(n) + " is here.\n\n";
}

std::vector<std::string> CueTexts(int first, int last) {
  std::vector<std::string> texts;
  for (int n = first; n <= last; ++n)
    texts.push_back("Cue number " + std::to_string(n) + " is here.");
  return texts;
}

// The segments' texts, after checking that their ordinals are 0..n-1.
std::vector<std::string> DenseTexts(const json& shown) {
  std::vector<std::string> texts;
  if (!shown.is_object()) return texts;
  for (const auto& s : shown["segments"]) {
    EXPECT_EQ(s["ordinal"].get<int>(), static_cast<int>(texts.size())) << s.dump();
    texts.push_back(s["text"].get<std::string>());
  }
  return texts;
}

class IngestTest : public CliTest {
 protected:
  // `factdesk ARGS` as `user`, in the background.
  static std::unique_ptr<ChildProcess> Start(const CliUser& user,
                                             const std::vector<std::string>& args,
                                             const std::map<std::string, std::string>& env = {}) {
    return std::make_unique<ChildProcess>(CliProcess(user, args, env));
  }

  static json Show(const std::string& transcript_id) {
    return ParseJson(Cli(ben_, {"show", transcript_id, "--json"}));
  }

  std::string File(const std::string& name) { return dir_->path() + "/" + name; }
};

TEST_F(IngestTest, AFollowedFileKilledAndRestartedMidwayHasEveryCueOnceInOrder) {
  const std::string path = File("followed.vtt");
  Append(path, "WEBVTT\n\n" + VttCue(1) + VttCue(2) + VttCue(3));
  auto feed = Start(ben_, {"ingest", path, "-w", "desk", "--title", "Followed debate", "--follow",
                           "--poll-ms", "50"});
  const auto id = feed->WaitFor("into transcript ([0-9]+)", kWait);
  ASSERT_TRUE(id) << feed->out() << feed->err();
  ASSERT_TRUE(feed->WaitFor("\\(3 in all\\)", kWait)) << feed->out() << feed->err();

  // Written slowly: a cue in two pieces, the first of them waiting for the rest.
  const std::string cue4 = VttCue(4);
  Append(path, cue4.substr(0, 20));
  std::this_thread::sleep_for(300ms);
  Append(path, cue4.substr(20) + VttCue(5));
  ASSERT_TRUE(feed->WaitFor("\\(5 in all\\)", kWait)) << feed->out() << feed->err();
  Append(path, VttCue(6).substr(0, 30));
  feed->Kill();  // mid-cue, with no chance to say anything
  feed.reset();

  Append(path, VttCue(6).substr(30) + VttCue(7) + VttCue(8));
  auto resumed = Start(ben_, {"ingest", path, "--transcript", *id, "--follow", "--poll-ms", "50"});
  ASSERT_TRUE(resumed->WaitFor("skipping the first 5 segments", kWait)) << resumed->out();
  ASSERT_TRUE(resumed->WaitFor("\\(8 in all\\)", kWait)) << resumed->out() << resumed->err();
  Append(path, VttCue(9));
  ASSERT_TRUE(resumed->WaitFor("\\(9 in all\\)", kWait)) << resumed->out() << resumed->err();
  resumed->Signal(SIGINT);
  ASSERT_EQ(resumed->Wait(kWait), 0) << resumed->out() << resumed->err();
  EXPECT_NE(resumed->out().find("transcript " + *id + " is LIVE with 9 segments"),
            std::string::npos)
      << resumed->out();

  const json shown = Show(*id);
  EXPECT_EQ(DenseTexts(shown), CueTexts(1, 9));
  EXPECT_EQ(shown["transcript"]["state"], "TRANSCRIPT_STATE_LIVE");
  EXPECT_EQ(shown["segments"][0]["speaker"], "Ana Lima");
}

TEST_F(IngestTest, RollUpCaptionsArriveAsTheSpeechOnce) {
  const ProcessResult r =
      Cli(ben_, {"ingest", LiveData("roll-up.vtt"), "-w", "desk", "--title", "Roll-up", "--close"});
  ASSERT_CLI_OK(r);
  const auto at = r.out.find("closed transcript ");
  ASSERT_NE(at, std::string::npos) << r.out;
  const std::string id = r.out.substr(at + 18, r.out.find(':', at) - at - 18);
  const json shown = Show(id);
  EXPECT_EQ(DenseTexts(shown), (std::vector<std::string>{
                                   "GOOD EVENING FROM HOFSTRA UNIVERSITY.",
                                   "I'M LESTER HOLT OF NBC NEWS, AND I WELCOME YOU.",
                                   "WE WILL CUT TAXES FOR EVERY FAMILY IN THIS COUNTRY.",
                                   "WRONG.",
                               }));
  EXPECT_EQ(shown["segments"][2]["speaker"], "CLINTON");
  EXPECT_EQ(shown["transcript"]["state"], "TRANSCRIPT_STATE_CLOSED");
}

TEST_F(IngestTest, StandardInputIsFedAndASecondPipeGoesOnAfterIt) {
  const ProcessResult first = Cli(ben_, {"ingest", "-", "-w", "desk", "--title", "Speech to text"},
                                  {}, "Ana Lima: The deficit doubled.\nBen Okafor: It did not.\n");
  ASSERT_CLI_OK(first);
  const auto at = first.out.find("into transcript ");
  ASSERT_NE(at, std::string::npos) << first.out;
  const std::string id = first.out.substr(at + 16, first.out.find(' ', at + 16) - at - 16);
  // The end of standard input sends the last line, which has no line break.
  const ProcessResult second =
      Cli(ben_, {"ingest", "-", "--transcript", id, "--close"}, {}, "(Applause)\nIt tripled");
  ASSERT_CLI_OK(second);
  const json shown = Show(id);
  EXPECT_EQ(DenseTexts(shown), (std::vector<std::string>{"The deficit doubled.", "It did not.",
                                                         "(Applause)", "It tripled"}));
  EXPECT_EQ(shown["segments"][1]["speaker"], "Ben Okafor");
  EXPECT_EQ(shown["segments"][2]["kind"], "SEGMENT_KIND_CUE");
  // A new feed knows no speaker until a line names one.
  EXPECT_EQ(shown["segments"][3]["speaker"], "");
  EXPECT_EQ(shown["transcript"]["state"], "TRANSCRIPT_STATE_CLOSED");
}

TEST_F(IngestTest, AppendsToAClosedTranscriptAreRefusedWithTheServersWords) {
  const ProcessResult opened =
      Cli(ben_, {"transcript", "open", "-w", "desk", "--title", "Short one", "--json"});
  ASSERT_CLI_OK(opened);
  const std::string id = ParseJson(opened)["id"].get<std::string>();
  ASSERT_CLI_OK(Cli(ben_, {"transcript", "close", id}));
  const std::string path = File("late.txt");
  Append(path, "Ana Lima: Too late.\n");
  const ProcessResult late = Cli(ben_, {"ingest", path, "--transcript", id});
  EXPECT_TRUE(FailsWith(late, "FAILED_PRECONDITION", "transcript " + id + " is closed"))
      << Describe(late);
  EXPECT_TRUE(DenseTexts(Show(id)).empty());
}

TEST_F(IngestTest, AViewerCannotOpenALiveTranscript) {
  const std::string path = File("viewer.txt");
  Append(path, "Ana Lima: Hello.\n");
  const ProcessResult r = Cli(vic_, {"ingest", path, "-w", "desk", "--title", "Not mine"});
  EXPECT_TRUE(FailsWith(r, "PERMISSION_DENIED", "")) << Describe(r);
}

TEST_F(IngestTest, ABadCueIsReportedByItsLineAndTheRestIsSent) {
  const std::string path = File("bad.srt");
  Append(path,
         "1\n00:00:01,000 --> 00:00:02,000\nHOLT: Good evening.\n\n"
         "2\n00:00:0x,000 --> 00:00:03,000\nLost.\n\n"
         "3\n00:00:03,000 --> 00:00:04,000\nWelcome.\n\n");
  const ProcessResult r = Cli(ben_, {"ingest", path, "-w", "desk", "--title", "Bad cue"});
  ASSERT_CLI_OK(r);
  EXPECT_NE(r.err.find("bad.srt: line 6: malformed timestamp '00:00:0x,000'; the cue is skipped"),
            std::string::npos)
      << r.err;
  const auto at = r.out.find("into transcript ");
  ASSERT_NE(at, std::string::npos) << r.out;
  const std::string id = r.out.substr(at + 16, r.out.find(' ', at + 16) - at - 16);
  EXPECT_EQ(DenseTexts(Show(id)), (std::vector<std::string>{"Good evening.", "Welcome."}));
}

TEST_F(IngestTest, ANonWebVttFileIsRefusedAndOpensNoTranscript) {
  const std::string path = File("not.vtt");
  Append(path, "1\n00:00:01,000 --> 00:00:02,000\nHello.\n\n");
  const auto before = ParseJson(Cli(ben_, {"transcripts", "-w", "desk", "--json"}));
  const ProcessResult r =
      Cli(ben_, {"ingest", path, "-w", "desk", "--title", "Not WebVTT", "--format", "vtt"});
  EXPECT_TRUE(
      FailsWith(r, "INVALID_ARGUMENT", "content: not a WebVTT file: it must begin with \"WEBVTT\""))
      << Describe(r);
  const auto after = ParseJson(Cli(ben_, {"transcripts", "-w", "desk", "--json"}));
  EXPECT_EQ(after.size(), before.size());
}

// A caption corrected from the command line: a claim whose quote is still there follows it,
// one whose quote went is flagged, shown with the old and new text, and marked again.
TEST_F(IngestTest, CorrectionsReanchorOrFlagClaimsAndTheFlagIsClearedByMarkingAgain) {
  const ProcessResult opened =
      Cli(ben_, {"transcript", "open", "-w", "desk", "--title", "Corrected live", "--json"});
  ASSERT_CLI_OK(opened);
  const std::string id = ParseJson(opened)["id"].get<std::string>();
  ASSERT_CLI_OK(Cli(ben_, {"ingest", "-", "--transcript", id}, {},
                    "Lena Ortiz: Taxes fell by three million last year and crime fell too.\n"));
  const ProcessResult listed = Cli(ben_, {"transcripts", "-w", "desk"});
  EXPECT_NE(listed.out.find("LIVE"), std::string::npos) << listed.out;

  const json segment = Show(id)["segments"][0];
  const std::string segment_id = segment["id"].get<std::string>();
  auto mark = [&](const std::string& quote) {
    const ProcessResult r = Cli(
        ben_, {"claim", "add", "--transcript", id, "--ordinal", "1", "--quote", quote, "--json"});
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    return ParseJson(r)["id"].get<std::string>();
  };
  const std::string kept = mark("crime fell too");
  const std::string changed = mark("three million");

  const ProcessResult corrected =
      Cli(ben_, {"segment", "correct", segment_id, "--revision", "0", "--text",
                 "Taxes fell by three billion last year, and crime fell too.", "--reason",
                 "caption misheard billion"});
  ASSERT_CLI_OK(corrected);
  EXPECT_NE(corrected.out.find("is at revision 1"), std::string::npos) << corrected.out;
  EXPECT_NE(corrected.out.find("claim " + kept + ": re-anchored at bytes"), std::string::npos)
      << corrected.out;
  EXPECT_NE(corrected.out.find("claim " + changed + ": quote changed"), std::string::npos)
      << corrected.out;

  // A correction that read an old revision is refused with the server's words.
  const ProcessResult stale =
      Cli(ben_, {"segment", "correct", segment_id, "--revision", "0", "--text", "Stale."});
  EXPECT_TRUE(FailsWith(stale, "ABORTED", "it is now revision 1")) << Describe(stale);

  const ProcessResult claims = Cli(ben_, {"claim", "list", "-w", "desk", "--transcript", id});
  ASSERT_CLI_OK(claims);
  EXPECT_NE(claims.out.find("OPEN QUOTE CHANGED"), std::string::npos) << claims.out;
  const ProcessResult shown = Cli(ben_, {"claim", "show", changed});
  ASSERT_CLI_OK(shown);
  EXPECT_NE(shown.out.find("Quote changed:"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("three million last year and crime"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("three billion last year, and crime"), std::string::npos) << shown.out;

  const ProcessResult history = Cli(ben_, {"segment", "history", segment_id});
  ASSERT_CLI_OK(history);
  EXPECT_NE(history.out.find("revision 1"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("ben"), std::string::npos) << history.out;
  EXPECT_NE(history.out.find("caption misheard billion"), std::string::npos) << history.out;

  const ProcessResult missing =
      Cli(ben_, {"claim", "reanchor", changed, "--quote", "three million"});
  EXPECT_TRUE(FailsWith(missing, "INVALID_ARGUMENT", "--quote: not found")) << Describe(missing);
  ASSERT_CLI_OK(Cli(ben_, {"claim", "reanchor", changed, "--quote", "three billion"}));
  const json after = ParseJson(Cli(ben_, {"claim", "show", changed, "--json"}));
  EXPECT_EQ(after["claim"]["quote"], "three billion");
  EXPECT_FALSE(after["claim"].contains("quote_change") && !after["claim"]["quote_change"].is_null())
      << after.dump();
}

// The server killed with -9 while a feed runs: the feed waits, and when the server is back
// it goes on, with nothing lost and nothing twice.
TEST(IngestServerKillTest, TheFeedResumesWhenTheServerIsBack) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  auto server = std::make_unique<ServerProcess>(data, 0);
  const int port = server->port();
  Admin(data, {"create-user", "feed", "--name", "Caption Feed"});
  const std::string token = Admin(data, {"issue-token", "feed"});
  Admin(data, {"create-workspace", "live", "--name", "Live desk", "--owner", "feed"});
  const std::map<std::string, std::string> env = {
      {"FACTDESK_SERVER", server->address()}, {"FACTDESK_TOKEN", token}, {"HOME", dir.path()}};
  const std::string path = dir.path() + "/feed.vtt";
  Append(path, "WEBVTT\n\n" + VttCue(1) + VttCue(2));
  ProcessOptions o;
  o.argv = {CliBinary(), "ingest",          path,       "-w",        "live",
            "--title",   "Through a crash", "--follow", "--poll-ms", "50"};
  o.env = env;
  ChildProcess feed(o);
  const auto id = feed.WaitFor("into transcript ([0-9]+)", kWait);
  ASSERT_TRUE(id) << feed.out() << feed.err();
  ASSERT_TRUE(feed.WaitFor("\\(2 in all\\)", kWait)) << feed.out() << feed.err();

  server->Kill();
  Append(path, VttCue(3) + VttCue(4));
  ASSERT_TRUE(feed.WaitFor("trying again until it answers", kWait)) << feed.err();
  server = std::make_unique<ServerProcess>(data, port);
  ASSERT_TRUE(feed.WaitFor("\\(4 in all\\)", kWait)) << feed.out() << feed.err();
  Append(path, VttCue(5));
  ASSERT_TRUE(feed.WaitFor("\\(5 in all\\)", kWait)) << feed.out() << feed.err();
  feed.Signal(SIGINT);
  ASSERT_EQ(feed.Wait(kWait), 0) << feed.out() << feed.err();

  ProcessOptions show;
  show.argv = {CliBinary(), "show", *id, "--json"};
  show.env = env;
  const ProcessResult shown = RunProcess(show, kWait);
  ASSERT_EQ(shown.exit_code, 0) << Describe(shown);
  EXPECT_EQ(DenseTexts(ParseJson(shown)), CueTexts(1, 5));
}

}  // namespace
}  // namespace factdesk::testing
