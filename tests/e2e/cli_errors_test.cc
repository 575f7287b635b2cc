// Failures as a person at a terminal meets them: one line on stderr, a non-zero exit,
// nothing written. Also the server binary's own refusals to start.
#include <filesystem>
#include <fstream>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/e2e/cli_fixture.h"

namespace factdesk::testing {
namespace {

// A loopback port nothing listens on (bound, read back, released).
int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

std::size_t TranscriptCount(const ProcessResult& r) {
  const auto json = ParseJson(r);
  return json.is_array() ? json.size() : 0;
}

bool OneLine(const std::string& text) {
  std::string t = text;
  while (!t.empty() && t.back() == '\n') t.pop_back();
  return !t.empty() && t.find('\n') == std::string::npos;
}

TEST_F(CliTest, WrongTokenIsUnauthenticated) {
  const ProcessResult r =
      Cli(Anonymous(), {"--server", server_->address(), "--token", "fd_not-a-token", "whoami"});
  EXPECT_TRUE(FailsWith(r, "UNAUTHENTICATED", ""));
  // login checks the token before saving anything.
  CliUser fresh = Anonymous();
  EXPECT_TRUE(
      FailsWith(Cli(fresh, {"login", "--server", server_->address(), "--token", "fd_not-a-token"}),
                "UNAUTHENTICATED", ""));
  EXPECT_FALSE(std::ifstream(fresh.home + "/config/factdesk/credentials").good());
}

TEST_F(CliTest, ViewerCannotMarkClaims) {
  const int ordinal =
      OrdinalOf(ParseJson(Cli(vic_, {"show", seed_id_, "--json"})), "When I lived in China");
  ASSERT_GE(ordinal, 0);
  const ProcessResult r =
      Cli(vic_, {"claim", "add", "--transcript", seed_id_, "--ordinal", std::to_string(ordinal + 1),
                 "--quote", "When I lived in China"});
  EXPECT_TRUE(FailsWith(r, "PERMISSION_DENIED", ""));
}

TEST_F(CliTest, UnknownClaimIsNotFound) {
  EXPECT_TRUE(FailsWith(Cli(vic_, {"claim", "show", "987654"}), "NOT_FOUND",
                        "claim 987654 does not exist"));
  // A slug that does not exist answers as one you are not in: slugs do not leak (17.10).
  EXPECT_TRUE(FailsWith(Cli(vic_, {"members", "-w", "nowhere"}), "PERMISSION_DENIED",
                        "you are not a member of workspace 'nowhere'"));
}

TEST_F(CliTest, InvalidUtf8ImportNamesTheByteAndWritesNothing) {
  const std::string path = dir_->path() + "/broken.txt";
  std::ofstream(path, std::ios::binary) << "Ana Moreno: fine so far\nthen \xff broken\n";
  const ProcessResult before = Cli(vic_, {"transcripts", "-w", "desk", "--json"});
  ASSERT_CLI_OK(before);
  EXPECT_TRUE(FailsWith(Cli(ben_, {"import", path, "-w", "desk"}), "INVALID_ARGUMENT",
                        "content: invalid UTF-8 at byte 29"));
  const ProcessResult after = Cli(vic_, {"transcripts", "-w", "desk", "--json"});
  ASSERT_CLI_OK(after);
  EXPECT_EQ(TranscriptCount(after), TranscriptCount(before));
  // The dry run reports it the same way, without a server.
  EXPECT_TRUE(FailsWith(Cli(Anonymous(), {"import", path, "--dry-run"}), "INVALID_ARGUMENT",
                        "content: invalid UTF-8 at byte 29"));
}

TEST_F(CliTest, ServerDownIsUnavailableInOneLine) {
  const std::string address = "127.0.0.1:" + std::to_string(ClosedPort());
  EXPECT_TRUE(FailsWith(Cli(Anonymous(), {"--server", address, "--token", "x", "workspaces"}),
                        "UNAVAILABLE",
                        "cannot reach the server at " + address + " (is it running?"));
}

TEST_F(CliTest, MissingServerOrTokenSaysHowToGiveThem) {
  EXPECT_TRUE(FailsWith(Cli(Anonymous(), {"workspaces"}), "FAILED_PRECONDITION", "--server"));
}

TEST_F(CliTest, UsageErrorsExitTwoWithCliUsage) {
  const ProcessResult bad_choice = Cli(ben_, {"claim", "dismiss", "1", "--reason", "boring"});
  EXPECT_EQ(bad_choice.exit_code, 2) << Describe(bad_choice);
  EXPECT_NE(bad_choice.err.find("--reason"), std::string::npos) << bad_choice.err;
  const ProcessResult unknown = Cli(ben_, {"frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2) << Describe(unknown);
  const ProcessResult help = Cli(ben_, {"claim", "--help"});
  EXPECT_EQ(help.exit_code, 0) << Describe(help);
  EXPECT_NE(help.out.find("assign"), std::string::npos) << help.out;
}

TEST_F(CliTest, ServerRefusesAPortInUse) {
  TempDir other;
  ProcessOptions o;
  o.argv = {ServerBinary(),     "serve",      "--listen",
            server_->address(), "--data-dir", other.path() + "/data"};
  const ProcessResult r = RunProcess(o, std::chrono::seconds(120));
  EXPECT_NE(r.exit_code, 0) << Describe(r);
  EXPECT_TRUE(OneLine(r.err)) << Describe(r);
  EXPECT_NE(r.err.find("already in use"), std::string::npos) << Describe(r);
}

TEST_F(CliTest, ServerRefusesADataDirItCannotCreate) {
  // Under a regular file: not creatable even for root (CI runs as root).
  const std::string file = dir_->path() + "/a-file";
  std::ofstream(file) << "not a directory\n";
  const std::string data_dir = file + "/data";
  ProcessOptions o;
  o.argv = {ServerBinary(), "serve", "--listen", "127.0.0.1:0", "--data-dir", data_dir};
  const ProcessResult r = RunProcess(o, std::chrono::seconds(120));
  EXPECT_NE(r.exit_code, 0) << Describe(r);
  EXPECT_TRUE(OneLine(r.err)) << Describe(r);
  EXPECT_NE(r.err.find(data_dir), std::string::npos) << Describe(r);
}

// Run from another folder, an admin command used to start a new, empty database in
// ./.factdesk there and add the user to it, silently.
TEST_F(CliTest, AdminCommandsInAForeignFolderCreateNothingWithoutInit) {
  TempDir elsewhere;
  const std::string looked_in = elsewhere.path() + "/.factdesk";
  ProcessOptions o;
  o.cwd = elsewhere.path();
  o.argv = {ServerBinary(), "admin", "create-user", "zed", "--name", "Zed Nobody"};
  const ProcessResult refused = RunProcess(o, std::chrono::seconds(120));
  EXPECT_EQ(refused.exit_code, 1) << Describe(refused);
  EXPECT_TRUE(OneLine(refused.err)) << Describe(refused);
  EXPECT_NE(refused.err.find("no Factdesk data in " + looked_in), std::string::npos)
      << Describe(refused);
  EXPECT_NE(refused.err.find("--data-dir"), std::string::npos) << Describe(refused);
  EXPECT_NE(refused.err.find("--init"), std::string::npos) << Describe(refused);
  EXPECT_FALSE(std::filesystem::exists(looked_in));

  // Asked to, it makes one there.
  o.argv = {ServerBinary(), "admin", "--init", "create-user", "zed", "--name", "Zed Nobody"};
  const ProcessResult created = RunProcess(o, std::chrono::seconds(300));
  EXPECT_EQ(created.exit_code, 0) << Describe(created);
  EXPECT_TRUE(std::filesystem::exists(looked_in + "/pg/PG_VERSION"));
}

}  // namespace
}  // namespace factdesk::testing
