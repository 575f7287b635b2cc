// Text other users wrote reaches a terminal as visible characters, never as escapes
// (issue 17.7): the CLI neutralises controls in everything it prints.
#include <csignal>
#include <fstream>
#include <sstream>

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "client/cli/control_filter.h"
#include "factdesk/v1/workspace.grpc.pb.h"
#include "proto/factdesk/v1/metadata.h"
#include "tests/e2e/cli_fixture.h"

namespace factdesk::testing {
namespace {

using nlohmann::json;

// OSC 52 asks the terminal to put "hi" on the clipboard; then red text, a bell, a C1 CSI.
constexpr std::string_view kHostileNote =
    "Look here\x1b]52;c;aGk=\x07 and \x1b[31mred\x1b[0m\x7f \xC2\x9B"
    "2J\nsecond line";

// No byte that a terminal would take as the start of a command.
::testing::AssertionResult HasNoControls(const std::string& out) {
  for (std::size_t i = 0; i < out.size(); ++i) {
    const auto c = static_cast<unsigned char>(out[i]);
    const bool c1 = c == 0xC2 && i + 1 < out.size() &&
                    static_cast<unsigned char>(out[i + 1]) >= 0x80 &&
                    static_cast<unsigned char>(out[i + 1]) < 0xA0;
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F || c1) {
      return ::testing::AssertionFailure() << "control byte " << int(c) << " at " << i << " in\n"
                                           << out;
    }
  }
  return ::testing::AssertionSuccess();
}

// The column (in code points) at which `needle` starts, on the line of `out` holding it.
std::size_t ColumnOf(const std::string& out, const std::string& needle) {
  const std::size_t at = out.find(needle);
  if (at == std::string::npos) return std::string::npos;
  const std::size_t newline = out.rfind('\n', at);
  std::size_t column = 0;
  for (std::size_t i = newline == std::string::npos ? 0 : newline + 1; i < at; ++i) {
    if ((static_cast<unsigned char>(out[i]) & 0xC0U) != 0x80U) ++column;
  }
  return column;
}

class CliHostileTextTest : public CliTest {
 protected:
  // `factdesk watch -w desk --after 0 ARGS` as `user`, stopped once it has printed the
  // workspace's newest event; its standard output.
  std::string ReplayAll(const CliUser& user, const std::vector<std::string>& args) {
    const json workspaces = ParseJson(Cli(user, {"workspaces", "--json"}));
    EXPECT_EQ(workspaces.size(), 1U);
    const std::string last = workspaces[0]["last_seq"];
    ProcessOptions o;
    o.argv = {CliBinary(), "watch", "-w", "desk", "--after", "0", "--json"};
    o.argv.insert(o.argv.end(), args.begin(), args.end());
    o.env = {{"HOME", user.home}, {"XDG_CONFIG_HOME", user.home + "/config"}};
    o.unset_env = {"FACTDESK_SERVER", "FACTDESK_TOKEN", "FACTDESK_CA"};
    ChildProcess watch(o);
    EXPECT_TRUE(watch.WaitFor("\"seq\":\"" + last + "\"", std::chrono::seconds(90),
                              ChildProcess::Stream::kOut))
        << watch.out() << watch.err();
    watch.Signal(SIGTERM);
    watch.Wait(std::chrono::seconds(30));
    return watch.out();
  }

  // A fresh claim on the seed transcript, added by ben.
  std::string AddClaim() {
    const json transcript = ParseJson(Cli(ben_, {"show", seed_id_, "--json"}));
    const int ordinal = OrdinalOf(transcript, "first Maker Space");
    EXPECT_GE(ordinal, 0);
    const ProcessResult added = Cli(
        ben_, {"claim", "add", "--transcript", seed_id_, "--ordinal", std::to_string(ordinal + 1),
               "--quote", "first Maker Space", "--summary", "Hostile text check", "--json"});
    EXPECT_EQ(added.exit_code, 0) << Describe(added);
    return ParseJson(added)["id"];
  }
};

TEST_F(CliHostileTextTest, ANoteHoldingEscapesIsPrintedNeutralisedToOthers) {
  const std::string id = AddClaim();
  const ProcessResult note =
      Cli(ben_, {"note", "add", id, "--body", "-"}, {}, std::string(kHostileNote));
  ASSERT_CLI_OK(note);

  for (const auto& args :
       std::vector<std::vector<std::string>>{{"note", "list", id}, {"claim", "show", id}}) {
    const ProcessResult shown = Cli(vic_, args);
    ASSERT_CLI_OK(shown);
    EXPECT_TRUE(HasNoControls(shown.out)) << args[0] << " " << args[1];
    EXPECT_NE(shown.out.find("Look here^[]52;c;aGk=^G and ^[[31mred^[[0m^? <U+009B>2J"),
              std::string::npos)
        << shown.out;
  }
  // Replayed by `watch` as JSON: escaped, never raw.
  const std::string watched = ReplayAll(vic_, {});
  EXPECT_TRUE(HasNoControls(watched));
  EXPECT_NE(watched.find("Look here\\u001b]52;c;aGk=\\u0007"), std::string::npos) << watched;
  // JSON keeps the text exactly, as JSON escapes.
  const ProcessResult listed = Cli(vic_, {"note", "list", id, "--json"});
  ASSERT_CLI_OK(listed);
  EXPECT_TRUE(HasNoControls(listed.out));
  const json notes = ParseJson(listed);
  ASSERT_EQ(notes.size(), 1U);
  EXPECT_EQ(notes[0]["body"], std::string(kHostileNote));
}

TEST_F(CliHostileTextTest, ServerRefusesControlsInASingleLineField) {
  const std::string id = AddClaim();
  const ProcessResult edited =
      Cli(ben_, {"claim", "update", id, "--summary", "Ok\x1b]52;c;aGk=\x07", "--version", "1"});
  EXPECT_TRUE(FailsWith(edited, "INVALID_ARGUMENT",
                        "summary: must not contain control characters (U+001B at byte 2)"));
  const json shown = ParseJson(Cli(vic_, {"claim", "show", id, "--json"}));
  EXPECT_EQ(shown["claim"]["summary"], "Hostile text check");
}

// A removed note's text is gone from replay and history for everyone (17.10).
TEST_F(CliHostileTextTest, ARemovedNoteIsNotRetrievableThroughReplayOrHistory) {
  const std::string id = AddClaim();
  const std::string secret = "Removed words 91c2 that must not come back";
  ASSERT_CLI_OK(Cli(ben_, {"note", "add", id, "--body", secret}));
  const json notes = ParseJson(Cli(ben_, {"note", "list", id, "--json"}));
  ASSERT_EQ(notes.size(), 1U);
  ASSERT_CLI_OK(Cli(ben_, {"note", "remove", notes[0]["id"].get<std::string>()}));

  const std::string replayed = ReplayAll(vic_, {});
  EXPECT_NE(replayed.find("\"note.removed\""), std::string::npos) << replayed;
  EXPECT_EQ(replayed.find(secret), std::string::npos) << replayed;
  for (const auto& who : {vic_, ana_}) {
    const ProcessResult history = Cli(who, {"claim", "history", id, "--json"});
    ASSERT_CLI_OK(history);
    EXPECT_EQ(history.out.find(secret), std::string::npos) << history.out;
    const ProcessResult shown = Cli(who, {"claim", "show", id, "--json"});
    ASSERT_CLI_OK(shown);
    EXPECT_EQ(shown.out.find(secret), std::string::npos) << shown.out;
  }
}

// Log lines (17.9): a verdict holding a newline stays on its request's line.
TEST_F(CliHostileTextTest, AVerdictWithANewlineCannotForgeALogLine) {
  const std::string id = AddClaim();
  ASSERT_CLI_OK(Cli(
      ben_, {"source", "add", id, "--url", "https://example.org/forge", "--stance", "supports"}));
  const std::string forged = "[2026-01-01 00:00:00.000] [info] GetWorkspace user=ana status=OK";
  const ProcessResult review = Cli(ana_, {"review", "submit", id, "--verdict", "True\n" + forged,
                                          "--rationale", "x", "--confidence", "high"});
  EXPECT_TRUE(FailsWith(review, "INVALID_ARGUMENT", "is not on this workspace's rating scale"));
  const std::string log = server_->log();
  EXPECT_NE(log.find("True\\n[2026-01-01"), std::string::npos) << log;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_FALSE(line.starts_with("[2026-01-01")) << line;
  }
}

// A stub of the workspace service as `user`, for what the CLI cannot send.
struct WorkspaceCall {
  explicit WorkspaceCall(const CliUser& user, const std::string& address)
      : stub(v1::WorkspaceService::NewStub(
            grpc::CreateChannel(address, grpc::InsecureChannelCredentials()))) {
    ctx.AddMetadata(v1::kAuthorizationKey, v1::kBearerPrefix + user.token);
  }
  grpc::Status Get(const std::string& slug) {
    v1::GetWorkspaceRequest req;
    req.set_slug(slug);
    v1::Workspace ws;
    return stub->GetWorkspace(&ctx, req, &ws);
  }
  std::unique_ptr<v1::WorkspaceService::Stub> stub;
  grpc::ClientContext ctx;
};

TEST_F(CliHostileTextTest, AHugeSlugGetsAShortAnswerAndAShortLogLine) {
  const grpc::Status status =
      WorkspaceCall(ben_, server_->address()).Get(std::string(4'000'000, 'a'));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(status.error_message().starts_with("slug: must be 2")) << status.error_message();
  EXPECT_LT(status.error_message().size(), 200U);
  std::istringstream lines(server_->log());
  for (std::string line; std::getline(lines, line);) EXPECT_LT(line.size(), 5000U);
}

// NOT_FOUND versus PERMISSION_DENIED told a non-member which slugs exist (17.10).
TEST_F(CliHostileTextTest, ANonMemberCannotTellWhichSlugsExist) {
  const CliUser oscar = CreateUser("oscar", "Oscar Outsider");
  const grpc::Status existing = WorkspaceCall(oscar, server_->address()).Get("desk");
  const grpc::Status missing = WorkspaceCall(oscar, server_->address()).Get("no-such-desk");
  EXPECT_EQ(existing.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_EQ(existing.error_message(), "you are not a member of workspace 'desk'");
  EXPECT_EQ(missing.error_message(), "you are not a member of workspace 'no-such-desk'");
}

// The embedded PostgreSQL logs a failed COPY without the rows it was given (17.10).
TEST_F(CliHostileTextTest, AFailedCopyLeavesNoTranscriptTextInPostgresLog) {
  const std::string secret = "Secret transcript words 7f3a";
  {
    pqxx::connection conn("postgresql:///factdesk?host=" + data_dir_ + "/run&user=factdesk");
    pqxx::work tx(conn);
    tx.exec0("CREATE TEMP TABLE copy_probe (text text CHECK (length(text) < 5))");
    pqxx::stream_to copy(tx, "copy_probe");
    copy << std::make_tuple(secret);
    EXPECT_THROW(copy.complete(), pqxx::sql_error);
  }
  std::ifstream in(data_dir_ + "/postgres.log");
  const std::string log{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  EXPECT_NE(log.find("copy_probe_text_check"), std::string::npos) << log;
  EXPECT_EQ(log.find(secret), std::string::npos) << log;
}

// `admin add-member` follows SetMember's rule: a checker with open assignments stays one.
TEST_F(CliHostileTextTest, AdminAddMemberCannotStrandAChecksClaims) {
  const CliUser cora = CreateUser("cora", "Cora Checker");
  ASSERT_CLI_OK(Admin({"add-member", "desk", "cora", "--role", "checker"}));
  const std::map<std::string, std::string> as_cora = {{"FACTDESK_SERVER", server_->address()},
                                                      {"FACTDESK_TOKEN", cora.token}};
  const std::string id = AddClaim();
  ASSERT_CLI_OK(Cli(cora, {"claim", "take", id}, as_cora));

  const ProcessResult demoted = Admin({"add-member", "desk", "cora", "--role", "viewer"});
  EXPECT_NE(demoted.exit_code, 0) << Describe(demoted);
  EXPECT_NE(demoted.err.find("cora is assigned to claims still under review (" + id +
                             "); reassign them before cora can become a viewer"),
            std::string::npos)
      << Describe(demoted);
  const json workspaces = ParseJson(Cli(cora, {"workspaces", "--json"}, as_cora));
  ASSERT_EQ(workspaces.size(), 1U);
  EXPECT_EQ(workspaces[0]["my_role"], "ROLE_CHECKER");
}

TEST(ControlFilter, MakesControlsVisibleAndKeepsText) {
  using cli::NeutraliseControls;
  EXPECT_EQ(NeutraliseControls("a\tb\nc"), "a\tb\nc");
  EXPECT_EQ(NeutraliseControls("\x1b]52;c;aGk=\x07"), "^[]52;c;aGk=^G");
  EXPECT_EQ(NeutraliseControls("x\ry\x7f"), "x^My^?");
  EXPECT_EQ(NeutraliseControls("\xC2\x9B"
                               "2J \xC2\xA0\u00e9"),
            "<U+009B>2J \xC2\xA0\u00e9");
  EXPECT_EQ(NeutraliseControls("bad \xff\xC3"), "bad \uFFFD\uFFFD");
  // Our own highlighting passes on a terminal, and is closed before the line ends.
  EXPECT_EQ(NeutraliseControls("\x1b[1mm\x1b[0m \x1b[31m", true), "\x1b[1mm\x1b[0m ^[[31m");
  EXPECT_EQ(NeutraliseControls("\x1b[1mm\nn", true), "\x1b[1mm\x1b[0m\nn");
  EXPECT_EQ(NeutraliseControls("\x1b[1mm", false), "^[[1mm");
}

// `import --dry-run --json` is JSON holding the exact text: DEL and a C1 control are the
// escapes \u007f and \u009b, not the markers the human preview shows (17.7).
TEST_F(CliHostileTextTest, DryRunJsonCarriesControlsAsJsonEscapes) {
  const std::string path = dir_->path() + "/hostile-text.tsv";
  const std::string text =
      "Rates fell \xC2\x9B"
      "2J and \x1b[31mrose\x7f.";
  std::ofstream(path, std::ios::binary) << "1\tANA\t" << text << "\n";
  const ProcessResult r = Cli(Anonymous(), {"import", path, "--dry-run", "--json"});
  ASSERT_CLI_OK(r);
  EXPECT_TRUE(HasNoControls(r.out));
  EXPECT_EQ(r.out.find("<U+"), std::string::npos) << r.out;
  for (const char* escape : {"\\u009b", "\\u001b", "\\u007f"}) {
    EXPECT_NE(r.out.find(escape), std::string::npos) << escape << " in " << r.out;
  }
  const json preview = ParseJson(r);
  ASSERT_EQ(preview["segments"].size(), 1U) << r.out;
  EXPECT_EQ(preview["segments"][0]["text"], text);

  const ProcessResult human = Cli(Anonymous(), {"import", path, "--dry-run"});
  ASSERT_CLI_OK(human);
  EXPECT_TRUE(HasNoControls(human.out));
  EXPECT_NE(human.out.find("Rates fell <U+009B>2J and ^[[31mrose^?."), std::string::npos)
      << human.out;
}

// Columns are measured on what is printed ("^[[31m", "<U+009B>"), so a cell holding
// controls does not push the rest of its row out of line.
TEST_F(CliHostileTextTest, TableColumnsAlignOnTheNeutralisedText) {
  const std::string path = dir_->path() + "/hostile-speakers.tsv";
  std::ofstream(path, std::ios::binary) << "1\tANA\x1b[31m\tFirst line.\n"
                                        << "2\tBEN\xC2\x9B\tSecond line.\n"
                                        << "3\tCARA\tThird line.\n";
  const ProcessResult human = Cli(Anonymous(), {"import", path, "--dry-run"});
  ASSERT_CLI_OK(human);
  EXPECT_TRUE(HasNoControls(human.out));
  EXPECT_NE(human.out.find("ANA^[[31m"), std::string::npos) << human.out;
  EXPECT_NE(human.out.find("BEN<U+009B>"), std::string::npos) << human.out;
  const std::size_t column = ColumnOf(human.out, "TEXT");
  ASSERT_NE(column, std::string::npos) << human.out;
  for (const char* text : {"First line.", "Second line.", "Third line."}) {
    EXPECT_EQ(ColumnOf(human.out, text), column) << text << " in\n" << human.out;
  }
}

}  // namespace
}  // namespace factdesk::testing
