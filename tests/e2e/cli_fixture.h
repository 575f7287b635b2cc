#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"
#include "tests/support/test_postgres.h"

namespace factdesk::testing {

// How long one `factdesk` or admin command may run before the test gives up on it.
inline constexpr auto kCommandTimeout = std::chrono::seconds(120);

// The binaries under test.
std::string ServerBinary();
std::string CliBinary();
std::string SeedPath();
std::string DebatePath();

// A `factdesk-server serve` process with its embedded PostgreSQL in `data_dir`.
// Stopped (SIGTERM, then SIGKILL if it hangs) when destroyed, even if a test failed.
class ServerProcess {
 public:
  // port 0: any free port (read back from the server's log line).
  ServerProcess(const std::string& data_dir, int port);
  // `serve` with these storage flags (e.g. {"--database", url}) on `port`, and `env` set
  // in the process's environment.
  ServerProcess(const std::vector<std::string>& storage_flags, int port,
                const std::map<std::string, std::string>& env = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  // SIGTERM and wait for the clean shutdown; the exit status (nullopt: had to kill it).
  std::optional<int> Stop();
  // kill -9: no shutdown at all (its PostgreSQL, if embedded, is told by the kernel).
  void Kill();
  bool running() { return child_->running(); }
  pid_t pid() const { return child_->pid(); }
  std::string log() const { return child_->out() + child_->err(); }

 private:
  std::unique_ptr<ChildProcess> child_;
  int port_ = 0;
};

struct CliUser {
  std::string handle;
  std::string token;
  // HOME of this user's CLI (its saved credentials live under it).
  std::string home;
};

// One server for the suite, a workspace "desk" made with the admin commands, an admin
// (ana), a checker (ben) and a viewer (vic), each logged in with `factdesk login` in a
// home of their own, and the seed transcript and the first debate imported by ben.
class CliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite();
  static void TearDownTestSuite();
  // Fails each test at once when the suite's setup did not get that far.
  void SetUp() override {
    ASSERT_TRUE(server_ != nullptr && !seed_id_.empty() && !debate_id_.empty())
        << "the suite's setup failed (see above)";
  }

  // How `factdesk ARGS` runs as `user`: their HOME, `env` added, the developer's
  // FACTDESK_* unset unless `env` sets them.
  static ProcessOptions CliProcess(const CliUser& user, const std::vector<std::string>& args,
                                   const std::map<std::string, std::string>& env = {});
  // Runs `factdesk ARGS` as `user` (their HOME; the developer's FACTDESK_* unset).
  static ProcessResult Cli(const CliUser& user, const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env = {},
                           const std::string& stdin_data = "");
  // Runs `factdesk-server admin --data-dir DIR ARGS` beside the running server.
  static ProcessResult Admin(const std::vector<std::string>& args);
  // A user made with the admin commands, with a token and a HOME of their own (not
  // logged in, not a member of anything).
  static CliUser CreateUser(const std::string& handle, const std::string& name);
  // A fresh, empty home (no saved credentials).
  static CliUser Anonymous();
  // Marks `quote` in the debate's first segment containing `needle` as ben; the claim's id
  // ("" when it failed, with a test failure).
  static std::string MarkInDebate(const std::string& needle, const std::string& quote);

  static std::unique_ptr<TempDir> dir_;  // data/, homes/, files
  static std::unique_ptr<ServerProcess> server_;
  static std::string data_dir_;
  static CliUser ana_, ben_, vic_;
  static std::string seed_id_;
  static std::string debate_id_;
};

// stdout parsed as JSON (a test failure, and null, when it is not).
nlohmann::json ParseJson(const ProcessResult& r);
// The exact failure shape: a non-zero exit and one stderr line "factdesk: CODE: ...".
::testing::AssertionResult FailsWith(const ProcessResult& r, const std::string& code,
                                     const std::string& text);
// The ordinal of the first speech segment whose text contains `needle`, from the
// output of `show T --json`.
int OrdinalOf(const nlohmann::json& shown, const std::string& needle);
// For gtest messages.
std::string Describe(const ProcessResult& r);

#define ASSERT_CLI_OK(result)                                        \
  do {                                                               \
    const auto& r_ = (result);                                       \
    ASSERT_EQ(r_.exit_code, 0) << ::factdesk::testing::Describe(r_); \
  } while (false)

}  // namespace factdesk::testing
