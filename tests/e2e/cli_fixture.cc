#include "tests/e2e/cli_fixture.h"

#include <csignal>
#include <filesystem>

namespace factdesk::testing {
namespace {

constexpr auto kServerStart = std::chrono::seconds(180);

std::string Trimmed(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

std::string ServerBinary() {
  return FACTDESK_BINARY_DIR "/server/factdesk-server";
}
std::string CliBinary() {
  return FACTDESK_BINARY_DIR "/client/cli/factdesk";
}
std::string SeedPath() {
  return FACTDESK_SHARED_DIR "/seeds/000_964967168d34df55.txt";
}
std::string DebatePath() {
  return FACTDESK_SHARED_DIR "/data/debates/clef2018-task1-english-1st-Presidential.tsv";
}

std::string Describe(const ProcessResult& r) {
  return "exit " + std::to_string(r.exit_code) + (r.timed_out ? " (timed out)" : "") +
         "\n--- stdout ---\n" + r.out.substr(0, 4000) + "\n--- stderr ---\n" +
         r.err.substr(0, 4000);
}

nlohmann::json ParseJson(const ProcessResult& r) {
  auto json = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) {
    ADD_FAILURE() << "stdout is not JSON: " << Describe(r);
    return nullptr;
  }
  return json;
}

int OrdinalOf(const nlohmann::json& shown, const std::string& needle) {
  if (shown.is_object() && shown.contains("segments")) {
    for (const auto& s : shown["segments"]) {
      if (s["kind"] == "SEGMENT_KIND_SPEECH" &&
          s["text"].get<std::string>().find(needle) != std::string::npos) {
        return s["ordinal"].get<int>();
      }
    }
  }
  ADD_FAILURE() << "no speech segment contains " << needle;
  return -1;
}

::testing::AssertionResult FailsWith(const ProcessResult& r, const std::string& code,
                                     const std::string& text) {
  if (r.exit_code == 0) return ::testing::AssertionFailure() << "exit 0: " << Describe(r);
  const std::string err = Trimmed(r.err);
  if (err.find('\n') != std::string::npos) {
    return ::testing::AssertionFailure() << "stderr is not one line: " << Describe(r);
  }
  const std::string prefix = "factdesk: " + code + ": ";
  if (err.rfind(prefix, 0) != 0) {
    return ::testing::AssertionFailure()
           << "stderr does not start with '" << prefix << "': " << Describe(r);
  }
  if (err.find(text) == std::string::npos) {
    return ::testing::AssertionFailure() << "stderr lacks '" << text << "': " << Describe(r);
  }
  return ::testing::AssertionSuccess();
}

ServerProcess::ServerProcess(const std::string& data_dir, int port)
    : ServerProcess(std::vector<std::string>{"--data-dir", data_dir, "--unsafe-no-fsync"}, port) {}

ServerProcess::ServerProcess(const std::vector<std::string>& storage_flags, int port,
                             const std::map<std::string, std::string>& env) {
  ProcessOptions o;
  o.argv = {ServerBinary(), "serve", "--listen", "127.0.0.1:" + std::to_string(port)};
  o.argv.insert(o.argv.end(), storage_flags.begin(), storage_flags.end());
  o.env = {{"LSAN_OPTIONS",
            "suppressions=" FACTDESK_SOURCE_DIR "/tests/e2e/lsan.supp:print_suppressions=0"}};
  o.env.insert(env.begin(), env.end());
  child_ = std::make_unique<ChildProcess>(o);
  const auto found = child_->WaitFor(R"(listening on port ([0-9]+))", kServerStart);
  if (!found) {
    throw std::runtime_error("factdesk-server did not start:\n" + child_->out() + child_->err());
  }
  port_ = std::stoi(*found);
}

ServerProcess::~ServerProcess() {
  Stop();
}

std::optional<int> ServerProcess::Stop() {
  if (!child_->running()) return child_->Wait(std::chrono::seconds(0));
  child_->Signal(SIGTERM);
  if (auto code = child_->Wait(std::chrono::seconds(60))) return code;
  child_->Kill();
  (void)child_->Wait(std::chrono::seconds(30));
  return std::nullopt;
}

void ServerProcess::Kill() {
  child_->Kill();
  (void)child_->Wait(std::chrono::seconds(30));
}

std::unique_ptr<TempDir> CliTest::dir_;
std::unique_ptr<ServerProcess> CliTest::server_;
std::string CliTest::data_dir_;
CliUser CliTest::ana_;
CliUser CliTest::ben_;
CliUser CliTest::vic_;
std::string CliTest::seed_id_;
std::string CliTest::debate_id_;

ProcessOptions CliTest::CliProcess(const CliUser& user, const std::vector<std::string>& args,
                                   const std::map<std::string, std::string>& env) {
  ProcessOptions o;
  o.argv = {CliBinary()};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  o.env = {{"HOME", user.home}, {"XDG_CONFIG_HOME", user.home + "/config"}};
  for (const auto& [k, v] : env) o.env[k] = v;
  // The developer's own login must not leak into the tests.
  for (const char* name : {"FACTDESK_SERVER", "FACTDESK_TOKEN", "FACTDESK_CA"}) {
    if (env.count(name) == 0) o.unset_env.emplace_back(name);
  }
  return o;
}

ProcessResult CliTest::Cli(const CliUser& user, const std::vector<std::string>& args,
                           const std::map<std::string, std::string>& env,
                           const std::string& stdin_data) {
  ProcessOptions o = CliProcess(user, args, env);
  o.stdin_data = stdin_data;
  return RunProcess(o, kCommandTimeout);
}

ProcessResult CliTest::Admin(const std::vector<std::string>& args) {
  ProcessOptions o;
  o.argv = {ServerBinary(), "admin", "--data-dir", data_dir_};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  return RunProcess(o, kCommandTimeout);
}

CliUser CliTest::Anonymous() {
  static int n = 0;
  CliUser user;
  user.handle = "anonymous";
  user.home = dir_->path() + "/home-anon-" + std::to_string(++n);
  std::filesystem::create_directories(user.home);
  return user;
}

CliUser CliTest::CreateUser(const std::string& handle, const std::string& name) {
  const ProcessResult created = Admin({"create-user", handle, "--name", name});
  EXPECT_EQ(created.exit_code, 0) << Describe(created);
  const ProcessResult token = Admin({"issue-token", handle});
  EXPECT_EQ(token.exit_code, 0) << Describe(token);
  CliUser u;
  u.handle = handle;
  u.token = Trimmed(token.out);
  u.home = dir_->path() + "/home-" + handle;
  std::filesystem::create_directories(u.home);
  return u;
}

void CliTest::SetUpTestSuite() {
  dir_ = std::make_unique<TempDir>();
  data_dir_ = dir_->path() + "/data";
  server_ = std::make_unique<ServerProcess>(data_dir_, 0);

  auto admin = [](const std::vector<std::string>& args) {
    const ProcessResult r = Admin(args);
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
  };
  ana_ = CreateUser("ana", "Ana Moreno");
  ben_ = CreateUser("ben", "Ben Okafor");
  vic_ = CreateUser("vic", "Vic Lee");
  admin({"create-workspace", "desk", "--name", "Debate desk", "--owner", "ana"});
  admin({"add-member", "desk", "ben", "--role", "checker"});
  admin({"add-member", "desk", "vic", "--role", "viewer"});

  for (const CliUser* u : {&ana_, &ben_, &vic_}) {
    const ProcessResult r = Cli(*u, {"login", "--server", server_->address(), "--token", u->token});
    ASSERT_EQ(r.exit_code, 0) << Describe(r);
  }
  auto import = [](const std::string& path) {
    const ProcessResult r = Cli(ben_, {"import", path, "-w", "desk", "--json"});
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    const auto json = ParseJson(r);
    return json.is_object() ? json.value("id", std::string()) : std::string();
  };
  seed_id_ = import(SeedPath());
  debate_id_ = import(DebatePath());
  ASSERT_FALSE(seed_id_.empty());
  ASSERT_FALSE(debate_id_.empty());
}

void CliTest::TearDownTestSuite() {
  server_.reset();
  dir_.reset();
}

std::string CliTest::MarkInDebate(const std::string& needle, const std::string& quote) {
  const int ordinal = OrdinalOf(ParseJson(Cli(ben_, {"show", debate_id_, "--json"})), needle);
  EXPECT_GE(ordinal, 0) << needle;
  const ProcessResult added = Cli(ben_, {"claim", "add", "--transcript", debate_id_, "--ordinal",
                                         std::to_string(ordinal + 1), "--quote", quote, "--json"});
  EXPECT_EQ(added.exit_code, 0) << Describe(added);
  const nlohmann::json claim = ParseJson(added);
  return claim.is_object() ? claim.value("id", std::string()) : std::string();
}

}  // namespace factdesk::testing
