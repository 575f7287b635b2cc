// A gRPC client nobody here wrote: Node's @grpc/grpc-js with grpc-reflection-js
// (tests/interop/reflection_client.mjs) against a real factdesk-server process. It lists
// the services through server reflection, builds a WorkspaceService client from the file
// descriptor the server sends, calls WhoAmI with a bearer token, and asks the standard
// health service whether the server is serving.
//
// The Node packages are pinned by tests/interop/package-lock.json and installed with
// `npm ci` into tests/interop/node_modules when that is missing or out of date (the build
// downloads nothing). Without node or npm the test fails and says what to install.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fcntl.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/file.h>
#include <unistd.h>

#include "tests/e2e/cli_fixture.h"
#include "tests/support/process.h"
#include "tests/support/test_postgres.h"

namespace factdesk::testing {
namespace {

using nlohmann::json;

const std::string kInteropDir = FACTDESK_SOURCE_DIR "/tests/interop";

std::string FindProgram(const std::string& name) {
  const char* path = std::getenv("PATH");
  const std::string dirs = std::string(path != nullptr ? path : "") + ":/usr/bin:/usr/local/bin";
  for (std::size_t at = 0; at <= dirs.size();) {
    const std::size_t colon = std::min(dirs.find(':', at), dirs.size());
    const std::string candidate = dirs.substr(at, colon - at) + "/" + name;
    if (colon > at && access(candidate.c_str(), X_OK) == 0) return candidate;
    at = colon + 1;
  }
  return "";
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Installs the locked packages unless node_modules already holds exactly them (a stamp,
// the package-lock.json they came from, is written after a successful `npm ci`). Runs
// under a lock, so two test runs sharing the source tree do not install at once.
::testing::AssertionResult EnsureNodeModules(const std::string& npm) {
  const std::string lock_path = kInteropDir + "/package-lock.json";
  const std::string stamp_path = kInteropDir + "/node_modules/.factdesk-package-lock.json";
  const int fd = open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ::testing::AssertionFailure() << "cannot open " << lock_path;
  flock(fd, LOCK_EX);
  const std::string lock = Slurp(lock_path);
  ::testing::AssertionResult result = ::testing::AssertionSuccess();
  if (Slurp(stamp_path) != lock ||
      !std::filesystem::exists(kInteropDir + "/node_modules/@grpc/grpc-js/package.json")) {
    ProcessOptions o;
    o.argv = {npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"};
    o.cwd = kInteropDir;
    const ProcessResult r = RunProcess(o, std::chrono::minutes(10));
    if (r.exit_code != 0) {
      result = ::testing::AssertionFailure()
               << "npm ci in " << kInteropDir << " failed (the npm registry must be reachable, "
               << "or the packages in npm's cache): " << Describe(r);
    } else {
      std::ofstream(stamp_path, std::ios::binary) << lock;
    }
  }
  flock(fd, LOCK_UN);
  close(fd);
  return result;
}

TEST(InteropTest, NodeClientDiscoversAndCallsTheApiThroughReflectionAndHealth) {
  const std::string node = FindProgram("node");
  const std::string npm = FindProgram("npm");
  ASSERT_FALSE(node.empty()) << "node is not installed: install Debian's nodejs and npm "
                                "(scripts/test.sh does)";
  ASSERT_FALSE(npm.empty()) << "npm is not installed: install Debian's npm (scripts/test.sh does)";
  ASSERT_TRUE(EnsureNodeModules(npm));

  TempDir dir;
  const std::string data = dir.path() + "/data";
  ServerProcess server(data, 0);
  auto admin = [&](const std::vector<std::string>& args) {
    ProcessOptions o;
    o.argv = {ServerBinary(), "admin", "--data-dir", data};
    o.argv.insert(o.argv.end(), args.begin(), args.end());
    const ProcessResult r = RunProcess(o, std::chrono::seconds(120));
    EXPECT_EQ(r.exit_code, 0) << Describe(r);
    return r.out.substr(0, r.out.find('\n'));
  };
  admin({"create-user", "grace", "--name", "Grace Ho"});
  const std::string token = admin({"issue-token", "grace"});
  ASSERT_FALSE(token.empty());

  ProcessOptions o;
  o.argv = {node, kInteropDir + "/reflection_client.mjs", server.address(), token, "grace"};
  o.cwd = kInteropDir;
  const ProcessResult r = RunProcess(o, std::chrono::minutes(2));
  ASSERT_EQ(r.exit_code, 0) << Describe(r);

  // The client's own checks passed; what it reports is checked again here.
  const json report = json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(report.is_object()) << Describe(r);
  const auto services = report.value("services", std::vector<std::string>());
  for (const char* name :
       {"factdesk.v1.WorkspaceService", "factdesk.v1.ClaimService", "factdesk.v1.TranscriptService",
        "factdesk.v1.ExportService", "factdesk.v1.LiveService", "factdesk.v1.WebhookService",
        "grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection"}) {
    EXPECT_NE(std::find(services.begin(), services.end(), name), services.end())
        << name << " not listed: " << r.out;
  }
  // Every listed service was described through reflection, the standard ones included.
  const json& described = report["described"];
  for (const std::string& name : services) {
    EXPECT_TRUE(described.contains(name)) << name << " not described: " << r.out;
  }
  EXPECT_EQ(described["grpc.health.v1.Health"], json({"Check", "Watch"})) << r.out;
  EXPECT_EQ(described["grpc.reflection.v1alpha.ServerReflection"], json({"ServerReflectionInfo"}))
      << r.out;
  const auto methods = report.value("workspace_methods", std::vector<std::string>());
  for (const char* name : {"WhoAmI", "ListWorkspaces", "GetWorkspace", "UpdatePublisher"}) {
    EXPECT_NE(std::find(methods.begin(), methods.end(), name), methods.end()) << name;
  }
  EXPECT_EQ(report["whoami"]["user"]["handle"], "grace") << r.out;
  EXPECT_EQ(report["whoami"]["user"]["display_name"], "Grace Ho") << r.out;
  EXPECT_EQ(report["anonymous_code"], 16) << r.out;  // UNAUTHENTICATED
  EXPECT_EQ(report["health"], "SERVING") << r.out;
  // The server logged the foreign client's call like any other.
  EXPECT_NE(server.log().find("WhoAmI user=grace status=OK"), std::string::npos) << server.log();
}

}  // namespace
}  // namespace factdesk::testing
