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
#include "tests/e2e/server_process_helpers.h"
#include "tests/support/test_server.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

// What the refused import may add to the server's resident memory: the 16 MiB request
// as gRPC received it, and a copy in flight. Parsing it cost 440 MiB or more.
constexpr long kMaxGrowthKiB = 64L * 1024;

TEST(ImportMemoryTest, ANonMembers16MiBImportIsRefusedWithoutBeingParsed) {
  TempDir dir;
  const std::string data = dir.path() + "/data";
  ServerProcess server({"--data-dir", data, "--unsafe-no-fsync"}, 0, SmallQuarantine());
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
