// Where the desktop finds its login: the command line, then FACTDESK_* in the
// environment, then the file `factdesk login` saved (the CLI's own reader and writer).
#include "client/desktop/desktop_login.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "client/net/credentials_file.h"

namespace factdesk::desktop {
namespace {

class DesktopLoginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/factdesk-login-XXXXXX";
    ASSERT_NE(mkdtemp(pattern), nullptr);
    dir_ = pattern;
    setenv("XDG_CONFIG_HOME", (dir_ + "/config").c_str(), 1);
    for (const char* name : {"FACTDESK_SERVER", "FACTDESK_TOKEN", "FACTDESK_CA"}) unsetenv(name);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void SaveLogin(const client::Credentials& c) {
    ASSERT_TRUE(client::SaveCredentials(dir_ + "/config/factdesk/credentials", c).ok());
  }
  std::string WriteFile(const std::string& name, const std::string& body) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << body;
    return path;
  }

  std::string dir_;
};

TEST_F(DesktopLoginTest, TheCliSavedLoginSignsTheDesktopIn) {
  SaveLogin({"https://desk.example:7420", "fd_saved", "/etc/desk-ca.pem"});
  DesktopOptions o;
  ASSERT_TRUE(ResolveLogin(o).ok());
  EXPECT_EQ(o.server, "https://desk.example:7420");
  EXPECT_EQ(o.token, "fd_saved");
  EXPECT_EQ(o.ca_file, "/etc/desk-ca.pem");
}

TEST_F(DesktopLoginTest, TheEnvironmentComesBeforeTheSavedLoginAndFlagsBeforeBoth) {
  SaveLogin({"saved:1", "fd_saved", "/saved-ca.pem"});
  setenv("FACTDESK_TOKEN", "fd_env", 1);
  DesktopOptions env_only;
  ASSERT_TRUE(ResolveLogin(env_only).ok());
  EXPECT_EQ(env_only.server, "saved:1");
  EXPECT_EQ(env_only.token, "fd_env");

  DesktopOptions from_file;
  from_file.token_file = WriteFile("token", "  fd_from_file\n");
  ASSERT_TRUE(ResolveLogin(from_file).ok());
  EXPECT_EQ(from_file.token, "fd_from_file");

  // Another server: the saved CA is the saved server's, not this one's.
  setenv("FACTDESK_SERVER", "other:2", 1);
  DesktopOptions flags;
  flags.token = "fd_flag";
  ASSERT_TRUE(ResolveLogin(flags).ok());
  EXPECT_EQ(flags.server, "other:2");
  EXPECT_EQ(flags.token, "fd_flag");
  EXPECT_EQ(flags.ca_file, "");
}

TEST_F(DesktopLoginTest, AnUnreadableOrEmptyTokenFileIsRefusedByName) {
  DesktopOptions missing;
  missing.token_file = dir_ + "/no-such-token";
  const Status none = ResolveLogin(missing);
  EXPECT_EQ(none.code(), Code::kInvalidArgument);
  EXPECT_EQ(none.message(),
            "--token-file: cannot read " + missing.token_file + ": No such file or directory");

  DesktopOptions empty;
  empty.token_file = WriteFile("empty", "\n");
  const Status blank = ResolveLogin(empty);
  EXPECT_EQ(blank.code(), Code::kInvalidArgument);
  EXPECT_EQ(blank.message(), "--token-file: " + empty.token_file + " holds no token");
  EXPECT_EQ(empty.token, "");
}

TEST_F(DesktopLoginTest, ABrokenSavedLoginIsWarnedAboutAndTheConnectScreenAsks) {
  std::filesystem::create_directories(dir_ + "/config/factdesk");
  const std::string file = dir_ + "/config/factdesk/credentials";
  std::ofstream(file) << "{not json";
  DesktopOptions o;
  ::testing::internal::CaptureStderr();
  EXPECT_TRUE(ResolveLogin(o).ok());
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find(file + " is not valid JSON; run `factdesk login` again"), std::string::npos)
      << err;
  EXPECT_EQ(o.server, "");
  EXPECT_EQ(o.token, "");
}

TEST_F(DesktopLoginTest, TokenAndTokenFileTogetherAreAUsageError) {
  const std::string file = WriteFile("token", "fd_x\n");
  std::string a0 = "factdesk-desktop", a1 = "--token", a2 = "fd_y", a3 = "--token-file";
  char* argv[] = {a0.data(), a1.data(), a2.data(), a3.data(), const_cast<char*>(file.c_str())};
  int exit_code = 0;
  ::testing::internal::CaptureStderr();
  const auto parsed = ParseOptions(5, argv, &exit_code);
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_FALSE(parsed.ok());
  EXPECT_NE(exit_code, 0);
  EXPECT_NE(err.find("--token-file excludes --token"), std::string::npos) << err;
}

}  // namespace
}  // namespace factdesk::desktop
