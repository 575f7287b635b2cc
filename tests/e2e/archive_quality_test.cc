// "Checked before?" through the product keeps the quality measured in memory: the
// claim-retrieval data's verified claims (../shared/data/claim-retrieval-2020, read in
// place) imported with the real `factdesk archive import` into a server process, and
// every held-out tweet (id divisible by 5) sent through MatchChecks, the RPC `factdesk
// match` calls, rank the same checks in the same order as the in-process index that
// eval_matching scores, so the held-out MAP@5 is the same figure.
#include <chrono>
#include <fstream>
#include <map>
#include <thread>

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

  // `archive import` of the verified claims' feed into "evals" (a second import changes
  // nothing: each test may be the first to run).
  static ProcessResult ImportFeed(const std::string& feed) {
    const std::string file = dir_->path() + "/claim-retrieval-feed.json";
    std::ofstream(file, std::ios::binary) << feed;
    return Cli(ben_, {"archive", "import", file, "-w", "evals", "--json"});
  }

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
  const ProcessResult imported = ImportFeed(feed);
  ASSERT_CLI_OK(imported);
  const auto counts = ParseJson(imported);
  EXPECT_EQ(counts.value("created", 0) + counts.value("unchanged", 0),
            static_cast<int>(ours.size()))
      << counts.dump();
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

// `factdesk suggest` shows, under a suggested sentence, the best earlier check the server
// matched to it in the background, and --json carries the matches.
TEST_F(ArchiveQualityTest, SuggestShowsTheCheckThatAnswersASentence) {
  ASSERT_CLI_OK(ImportFeed(archive::ClaimRetrievalFeed(DataDir())));
  const std::string transcript = dir_->path() + "/senate.txt";
  // Verified claim 0: "122 detainees released from confinement at Guantanamo Bay under
  // President Obama have re-engaged in terrorist activities."
  std::ofstream(transcript, std::ios::binary)
      << "Ana: Under President Obama, 122 prisoners let out of Guantanamo Bay went back to "
         "terrorism, the senator told the crowd.\n\n"
         "Ben: Thank you all for coming out tonight, it is good to see so many of you.\n";
  const ProcessResult imported =
      Cli(ben_, {"import", transcript, "-w", "evals", "--title", "Senate", "--json"});
  ASSERT_CLI_OK(imported);
  const std::string t = ParseJson(imported).value("id", std::string());
  ASSERT_FALSE(t.empty());

  const std::string check_url = std::string(archive::kClaimRetrievalUrlPrefix) + "0";
  // The CLI's JSON prints every field, an empty list of matches too.
  const auto matches = [](const nlohmann::json& s) {
    return s.contains("matches") ? s["matches"] : nlohmann::json::array();
  };
  const auto matched = [&](const nlohmann::json& s) {
    const nlohmann::json m = matches(s);
    return !m.empty() &&
           m[0].value("check", nlohmann::json::object()).value("url", "") == check_url;
  };
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(180);
  nlohmann::json listed;
  bool found = false;
  while (!found && std::chrono::steady_clock::now() < give_up) {
    listed = ParseJson(Cli(ben_, {"suggest", "-t", t, "--json"}));
    for (const auto& s : listed.value("suggestions", nlohmann::json::array())) {
      found = found || matched(s);
    }
    if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  ASSERT_TRUE(found) << "no sentence was matched to " << check_url << ": " << listed.dump();
  for (const auto& s : listed["suggestions"]) {
    if (s.value("quote", "").starts_with("Thank you")) {
      EXPECT_TRUE(matches(s).empty()) << "a greeting was matched: " << s.dump();
    }
  }

  const ProcessResult shown = Cli(ben_, {"suggest", "-t", t});
  ASSERT_CLI_OK(shown);
  EXPECT_NE(shown.out.find("checked before: "), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find("122 detainees released"), std::string::npos) << shown.out;
  EXPECT_NE(shown.out.find(check_url), std::string::npos) << shown.out;
}

}  // namespace
}  // namespace factdesk::testing
