// "Checked before?" through the product keeps the quality measured in memory: the
// claim-retrieval data's verified claims (../shared/data/claim-retrieval-2020, read in
// place) imported with the real `factdesk archive import` into a server process, and
// every held-out tweet (id divisible by 5) sent through MatchChecks, the RPC `factdesk
// match` calls, rank the same checks in the same order as the in-process index that
// eval_matching scores, so the held-out MAP@5 is the same figure.
#include <fstream>
#include <map>

#include <grpcpp/grpcpp.h>

#include "archive/tools/claim_retrieval_data.h"
#include "archive/tools/retrieval_eval.h"
#include "factdesk/v1/archive.grpc.pb.h"
#include "tests/e2e/cli_fixture.h"
#include "tests/support/test_server.h"

namespace factdesk::testing {
namespace {

// A server of its own, with one workspace whose archive holds nothing but the feed (the
// scores depend on every check in the archive), and a checker logged in.
class ArchiveQualityTest : public CliTest {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    data_dir_ = dir_->path() + "/data";
    server_ = std::make_unique<ServerProcess>(data_dir_, 0);
    ana_ = CreateUser("ana", "Ana Moreno");
    ben_ = CreateUser("ben", "Ben Okafor");
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"create-workspace", "evals", "--name", "Evals", "--owner",
                                   "ana"},
          std::vector<std::string>{"add-member", "evals", "ben", "--role", "checker"}}) {
      const ProcessResult r = Admin(args);
      ASSERT_EQ(r.exit_code, 0) << Describe(r);
    }
    const ProcessResult login =
        Cli(ben_, {"login", "--server", server_->address(), "--token", ben_.token});
    ASSERT_EQ(login.exit_code, 0) << Describe(login);
  }
  void SetUp() override { ASSERT_TRUE(server_ != nullptr) << "the suite's setup failed"; }

  static std::string DataDir() { return SharedPath("data/claim-retrieval-2020"); }

  // The workspace's id, from `workspaces --json` (64-bit ids print as strings).
  static std::int64_t WorkspaceId(const std::string& slug) {
    const auto list = ParseJson(Cli(ben_, {"workspaces", "--json"}));
    for (const auto& ws : list) {
      if (ws.value("slug", "") == slug) return std::stoll(ws.value("id", std::string("0")));
    }
    ADD_FAILURE() << "no workspace " << slug << " in " << list.dump();
    return 0;
  }
};

// The server's top 5 for a tweet, as verified claim ids (from the checks' urls).
std::vector<std::int64_t> ServerTopFive(v1::ArchiveService::Stub& stub, const std::string& token,
                                        std::int64_t workspace, const std::string& text) {
  v1::MatchChecksRequest req;
  req.set_workspace_id(workspace);
  req.set_text(text);
  req.set_limit(5);
  v1::MatchChecksResponse resp;
  const grpc::Status status = stub.MatchChecks(Ctx(token).get(), req, &resp);
  EXPECT_TRUE(status.ok()) << status.error_message();
  std::vector<std::int64_t> ids;
  for (const v1::CheckMatch& m : resp.matches()) {
    ids.push_back(archive::ClaimIdOfUrl(m.check().url()));
  }
  return ids;
}

TEST_F(ArchiveQualityTest, HeldOutTweetsRankAsTheInProcessIndexRanksThem) {
  const std::string feed = archive::ClaimRetrievalFeed(DataDir());
  const archive::MatchIndex ours = archive::IndexFeed(feed, {});
  const std::string file = dir_->path() + "/claim-retrieval-feed.json";
  std::ofstream(file, std::ios::binary) << feed;

  const ProcessResult imported = Cli(ben_, {"archive", "import", file, "-w", "evals", "--json"});
  ASSERT_CLI_OK(imported);
  const auto counts = ParseJson(imported);
  EXPECT_EQ(counts.value("created", 0), static_cast<int>(ours.size())) << counts.dump();
  EXPECT_EQ(counts.value("malformed", -1), 0) << counts.dump();

  const std::int64_t workspace = WorkspaceId("evals");
  const auto queries = archive::ClaimRetrievalQueries(DataDir());
  auto stub = v1::ArchiveService::NewStub(
      grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials()));
  std::map<std::int64_t, std::vector<std::int64_t>> served;
  const archive::RetrievalScores via_server = archive::Evaluate(
      [&](const archive::RetrievalQuery& q) {
        return served[q.id] = ServerTopFive(*stub, ben_.token, workspace, q.text);
      },
      queries, archive::Split::kHeldOut);
  const archive::RetrievalScores in_process =
      archive::Evaluate(ours, queries, archive::Split::kHeldOut);

  ASSERT_EQ(via_server.queries, in_process.queries);
  ASSERT_GT(via_server.queries, 100u);
  int differ = 0;
  for (const auto& q : queries) {
    if (!archive::InSplit(q, archive::Split::kHeldOut)) continue;
    if (served[q.id] != archive::TopFive(ours, q) && ++differ <= 5) {
      ADD_FAILURE() << "tweet " << q.id << " ranks differently through the server: " << q.text;
    }
  }
  EXPECT_EQ(differ, 0);
  EXPECT_DOUBLE_EQ(via_server.map5, in_process.map5);
  EXPECT_DOUBLE_EQ(via_server.map1, in_process.map1);
  EXPECT_DOUBLE_EQ(via_server.recall5, in_process.recall5);
  // And it is worth having: above the plain BM25 the task's organisers quote.
  EXPECT_GT(
      via_server.map5,
      archive::Evaluate(archive::PlainBm25Index(feed), queries, archive::Split::kHeldOut).map5);
}

}  // namespace
}  // namespace factdesk::testing
