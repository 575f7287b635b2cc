// Issue 17.2 as it was found: a user who belongs to no workspace sent ImportTranscript
// with 16 MiB of "A: x" lines and was refused only after the server had parsed it
// (3.1 s and +440-817 MiB). Against a factdesk-server process, its memory read from
// /proc: the refusal comes before the parse, so the server grows by little more than the
// request it received.
#include <fstream>
#include <iostream>
#include <map>

#include <gtest/gtest.h>

#include "tests/e2e/cli_fixture.h"
#include "tests/support/test_server.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

// What the refused import may add to the server's resident memory: the 16 MiB request
// as gRPC received it, and a copy in flight. Parsing it cost 440 MiB or more.
constexpr long kMaxGrowthKiB = 64L * 1024;

// ASan's quarantine would count freed memory as growth; a small one keeps RSS honest.
const std::map<std::string, std::string> kSmallQuarantine = {
    {"ASAN_OPTIONS", "quarantine_size_mb=8:detect_leaks=1"}};

long RssKiB(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  ADD_FAILURE() << "no VmRSS in /proc/" << pid << "/status";
  return 0;
}

std::string Admin(const std::string& data_dir, std::vector<std::string> args) {
  ProcessOptions o;
  o.argv = {ServerBinary(), "admin", "--data-dir", data_dir};
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  const ProcessResult r = RunProcess(o, 120s);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string out = r.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

TEST(ImportMemoryTest, ANonMembers16MiBImportIsRefusedWithoutBeingParsed) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  ServerProcess server({"--data-dir", data, "--unsafe-no-fsync"}, 0, kSmallQuarantine);
  Admin(data, {"create-user", "ana", "--name", "Ana"});
  Admin(data, {"create-workspace", "desk", "--name", "Desk", "--owner", "ana"});
  Admin(data, {"create-user", "mal", "--name", "Mal"});
  const std::string outsider = Admin(data, {"issue-token", "mal"});
  const std::string owner = Admin(data, {"issue-token", "ana"});
  v1::GetWorkspaceRequest get;
  get.set_slug("desk");
  v1::Workspace ws;
  auto channel = grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials());
  ASSERT_TRUE(
      v1::WorkspaceService::NewStub(channel)->GetWorkspace(Ctx(owner).get(), get, &ws).ok());

  v1::ImportTranscriptRequest req;
  req.set_workspace_id(ws.id());
  req.set_filename("flood.txt");
  std::string content;
  content.reserve(16U << 20U);
  while (content.size() + 5 <= (16U << 20U)) content += "A: x\n";
  req.set_content(std::move(content));
  const long before = RssKiB(server.pid());
  v1::ImportTranscriptResponse resp;
  const grpc::Status refused =
      v1::TranscriptService::NewStub(channel)->ImportTranscript(Ctx(outsider).get(), req, &resp);
  const long after = RssKiB(server.pid());
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::PERMISSION_DENIED) << refused.error_message();
  EXPECT_NE(refused.error_message().find("not a member of workspace"), std::string::npos)
      << refused.error_message();
  EXPECT_LT(after - before, kMaxGrowthKiB) << "RSS " << before << " -> " << after << " KiB";
  std::cout << "RSS " << before << " -> " << after << " KiB\n";
}

}  // namespace
}  // namespace factdesk::testing
