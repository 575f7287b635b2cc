// The clients' one API client (client/net/api_client) against a real server: listings
// read page after page, the current record after a stale update, and failures worded
// the same for the desktop and the CLI: a server that cannot be reached, and a server
// that answers with its own UNAVAILABLE because its database is down.
#include "client/net/api_client.h"

#include <regex>
#include <set>
#include <thread>

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/integration/lock_helpers.h"
#include "tests/support/test_postgres.h"
#include "tests/support/test_server.h"

namespace factdesk::testing {
namespace {

using CS = v1::ClaimService::Stub;
using TS = v1::TranscriptService::Stub;
using WS = v1::WorkspaceService::Stub;

// A loopback port nothing listens on (bound, read back, released).
int ClosedPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

std::unique_ptr<client::ApiClient> ClientOf(TestServer& server, const std::string& token) {
  client::ConnectionOptions o;
  o.address = server.address();
  o.token = token;
  auto opened = client::ApiClient::Open(o);
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  return std::move(opened).value();
}

class ApiClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = std::make_unique<TestServer>();
    ana_ = server_->AddUser("ana");
    ws_ = server_->CreateWorkspace("desk", ana_);
  }
  static void TearDownTestSuite() { server_.reset(); }

  // A transcript of the test's own: the seed podcast, imported again.
  static v1::Transcript ImportSeed(client::ApiClient& api) {
    v1::ImportTranscriptRequest req;
    req.set_workspace_id(ws_);
    req.set_filename("000_964967168d34df55.txt");
    req.set_content(ReadFile(SharedPath("seeds/000_964967168d34df55.txt")));
    auto imported = api.Call(&TS::ImportTranscript, req);
    EXPECT_TRUE(imported.ok()) << imported.status().ToString();
    return imported.ok() ? imported->transcript() : v1::Transcript();
  }

  // Marks the first 10 bytes of `count` speech segments of a new transcript as claims.
  static std::vector<std::int64_t> MarkClaims(client::ApiClient& api, std::int64_t transcript_id,
                                              std::size_t count) {
    v1::ListSegmentsRequest list;
    list.set_transcript_id(transcript_id);
    auto segments = api.All(&TS::ListSegments, list, &v1::ListSegmentsResponse::segments);
    std::vector<std::int64_t> ids;
    if (!segments.ok()) {
      ADD_FAILURE() << segments.status().ToString();
      return ids;
    }
    for (const v1::Segment& s : *segments) {
      if (ids.size() == count) break;
      if (s.kind() != v1::SEGMENT_KIND_SPEECH || s.text().size() < 20) continue;
      v1::CreateClaimRequest req;
      req.set_segment_id(s.id());
      req.set_start_byte(0);
      req.set_end_byte(10);
      auto claim = api.Call(&CS::CreateClaim, req);
      EXPECT_TRUE(claim.ok()) << claim.status().ToString();
      if (claim.ok()) ids.push_back(claim->id());
    }
    EXPECT_EQ(ids.size(), count);
    return ids;
  }

  static std::unique_ptr<TestServer> server_;
  static TestUser ana_;
  static std::int64_t ws_;
};

std::unique_ptr<TestServer> ApiClientTest::server_;
TestUser ApiClientTest::ana_;
std::int64_t ApiClientTest::ws_ = 0;

TEST_F(ApiClientTest, ListingsReadEveryPageInOrder) {
  auto api = ClientOf(*server_, ana_.token);
  const v1::Transcript transcript = ImportSeed(*api);
  const std::vector<std::int64_t> marked = MarkClaims(*api, transcript.id(), 7);
  v1::ListClaimsRequest req;
  req.set_workspace_id(ws_);
  req.set_transcript_id(transcript.id());
  req.set_page_size(3);

  std::vector<int> page_sizes;
  std::vector<std::int64_t> seen;
  ASSERT_TRUE(api->Pages(&CS::ListClaims, req,
                         [&](const v1::ListClaimsResponse& page) {
                           page_sizes.push_back(page.claims_size());
                           for (const auto& c : page.claims()) seen.push_back(c.id());
                           return true;
                         })
                  .ok());
  EXPECT_EQ(page_sizes, (std::vector<int>{3, 3, 1}));
  EXPECT_EQ(std::set<std::int64_t>(seen.begin(), seen.end()),
            std::set<std::int64_t>(marked.begin(), marked.end()));
  EXPECT_EQ(seen.size(), marked.size()) << "a claim came twice";

  auto all = api->All(&CS::ListClaims, req, &v1::ListClaimsResponse::claims);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), seen.size());
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ((*all)[i].id(), seen[i]);

  // A caller that has enough stops after the first page.
  int pages = 0;
  ASSERT_TRUE(api->Pages(&CS::ListClaims, req,
                         [&](const v1::ListClaimsResponse&) {
                           ++pages;
                           return false;
                         })
                  .ok());
  EXPECT_EQ(pages, 1);
}

TEST_F(ApiClientTest, AStaleUpdateHandsBackTheClaimAsItNowStands) {
  auto api = ClientOf(*server_, ana_.token);
  const std::int64_t id = MarkClaims(*api, ImportSeed(*api).id(), 1).at(0);
  v1::UpdateClaimRequest first;
  first.set_claim_id(id);
  first.set_expected_version(1);
  first.set_summary("Ana's summary");
  std::string current_bin = "left over";
  auto updated = api->Call(&CS::UpdateClaim, first, {.current_bin = &current_bin});
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(current_bin, "left over") << "a call that succeeds has no current record";

  v1::UpdateClaimRequest stale = first;
  stale.set_summary("written over version 1");
  auto refused = api->Call(&CS::UpdateClaim, stale, {.current_bin = &current_bin});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), Code::kAborted);
  EXPECT_NE(refused.status().message().find("you read version 1; it is now version 2"),
            std::string::npos)
      << refused.status().message();
  v1::Claim current;
  ASSERT_TRUE(current.ParseFromString(current_bin));
  EXPECT_EQ(current.id(), id);
  EXPECT_EQ(current.version(), 2);
  EXPECT_EQ(current.summary(), "Ana's summary");
}

TEST_F(ApiClientTest, AServerNobodyRunsCannotBeReached) {
  const std::string address = "127.0.0.1:" + std::to_string(ClosedPort());
  client::ConnectionOptions o;
  o.address = address;
  o.token = "fd_whatever";
  auto plain = client::ApiClient::Open(o);
  ASSERT_TRUE(plain.ok());
  auto r = (*plain)->Call(&WS::WhoAmI, v1::WhoAmIRequest());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_EQ(r.status().message(), "cannot reach the server at " + address +
                                      " (is it running? if it uses TLS, use https:// and give "
                                      "its CA file)");

  // Over TLS the hint about TLS is moot.
  o.address = "https://" + address;
  auto tls = client::ApiClient::Open(o);
  ASSERT_TRUE(tls.ok());
  r = (*tls)->Call(&WS::WhoAmI, v1::WhoAmIRequest());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kUnavailable);
  EXPECT_EQ(r.status().message(), "cannot reach the server at " + address + " (is it running?)");
}

TEST_F(ApiClientTest, RefusalsKeepTheServersWords) {
  auto stranger = ClientOf(*server_, "fd_not-a-real-token");
  auto who = stranger->Call(&WS::WhoAmI, v1::WhoAmIRequest());
  ASSERT_FALSE(who.ok());
  EXPECT_EQ(who.status().code(), Code::kUnauthenticated);
  EXPECT_EQ(who.status().message(), "the token was refused by the server at " + server_->address() +
                                        ": the token is not valid (unknown or revoked); check "
                                        "it, or ask an admin for a new one");

  const TestUser outsider = server_->AddUser("olga");
  auto api = ClientOf(*server_, outsider.token);
  v1::ListClaimsRequest req;
  req.set_workspace_id(ws_);
  auto claims = api->Call(&CS::ListClaims, req);
  ASSERT_FALSE(claims.ok());
  EXPECT_EQ(claims.status().code(), Code::kPermissionDenied);
  EXPECT_EQ(claims.status().message(), "you are not a member of workspace " + std::to_string(ws_));
}

TEST_F(ApiClientTest, ACallPastItsDeadlineSaysTheServerDidNotAnswer) {
  auto api = ClientOf(*server_, ana_.token);
  // A deadline already a second gone: gRPC rounds a deadline up to its next millisecond,
  // so one of "now" was now and then met by a fast answer. One try, for the same reason.
  auto r = api->Call(&WS::WhoAmI, v1::WhoAmIRequest(),
                     {.timeout = std::chrono::milliseconds(-1000), .attempts = 1});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kDeadlineExceeded);
  EXPECT_EQ(r.status().message(),
            "the server at " + server_->address() + " did not answer in time");
}

TEST_F(ApiClientTest, TheServersRefusalsComeWithItsMetadataAndTransportFailuresDoNot) {
  v1::WhoAmIResponse who;
  auto refused = Ctx("fd_not-a-real-token");
  ASSERT_EQ(server_->workspaces()->WhoAmI(refused.get(), v1::WhoAmIRequest(), &who).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(client::ServerAnswered(*refused));

  auto nobody = v1::WorkspaceService::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string(ClosedPort()), grpc::InsecureChannelCredentials()));
  auto unreached = Ctx(ana_.token);
  const grpc::Status status = nobody->WhoAmI(unreached.get(), v1::WhoAmIRequest(), &who);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_FALSE(client::ServerAnswered(*unreached));
  EXPECT_TRUE(client::IsTransportFailure(status, false)) << status.error_message();
}

TEST(ApiClientDatabaseDownTest, TheServersUnavailableIsNotTakenForAnUnreachableServer) {
  const std::regex kDatabaseUnavailable(
      R"(the database "factdesk" \(local socket\) is unavailable; try again \(error id [0-9a-f]+\))");
  PrivatePostgres pg;
  TestServer server(pg.Url(), nullptr);
  const TestUser ana = server.AddUser("ana");
  server.CreateWorkspace("desk", ana);
  auto api = ClientOf(server, ana.token);
  ASSERT_TRUE(api->Call(&WS::ListWorkspaces, v1::ListWorkspacesRequest()).ok());

  pg.Stop();
  auto listed = api->Call(&WS::ListWorkspaces, v1::ListWorkspacesRequest());
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.status().code(), Code::kUnavailable);
  // The server names the database it could not reach (never the password), then says what
  // to do and which error id its log holds.
  EXPECT_TRUE(std::regex_match(listed.status().message(), kDatabaseUnavailable))
      << listed.status().message();
  // A token the server has not seen yet needs the database too, and says so.
  auto who = ClientOf(server, "fd_never-seen")->Call(&WS::WhoAmI, v1::WhoAmIRequest());
  ASSERT_FALSE(who.ok());
  EXPECT_EQ(who.status().code(), Code::kUnavailable);
  EXPECT_TRUE(std::regex_match(who.status().message(), kDatabaseUnavailable))
      << who.status().message();
}

}  // namespace
}  // namespace factdesk::testing

namespace factdesk::testing {
namespace {

// A mutation that outlives its deadline is tried again, with the same idempotency key,
// until the server is free: the user's one import lands once.
TEST_F(ApiClientTest, AnImportThatTimesOutIsRetriedAndLandsOnce) {
  const std::int64_t ws = server_->CreateWorkspace("retry-desk", ana_);
  auto api = ClientOf(*server_, ana_.token);
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(ws);
  req.set_filename("retried.txt");
  req.set_title("Retried interview");
  req.set_content("ANA: The budget grew by four percent.\n");
  client::CallOptions options;
  options.timeout = std::chrono::seconds(2);
  WorkspaceLock lock(server_->database_url(), ws);
  Result<v1::ImportTranscriptResponse> imported = Status::Internal("the import did not run");
  std::thread importing([&] { imported = api->Call(&TS::ImportTranscript, req, options); });
  // The first try waits on the lock until its deadline cancels it; then a retry waits.
  const std::string first_try = LockWaiterStart(server_->database_url());
  ASSERT_NE(first_try, "");
  EXPECT_TRUE(WaitUntilAnotherStatementWaitsForALock(server_->database_url(), first_try));
  lock.Release();
  importing.join();
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(imported->transcript().title(), "Retried interview");
  EXPECT_EQ(
      server_->QueryValue("SELECT count(*) FROM transcripts WHERE title = 'Retried interview'"),
      "1");
}

}  // namespace
}  // namespace factdesk::testing
