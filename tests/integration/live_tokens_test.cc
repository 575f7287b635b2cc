// Issue 17.4: tokens that expire and can be revoked. A revocation takes effect at once on
// every replica (its NOTIFY empties each replica's cache of answers) and ends the token's
// open streams there with UNAUTHENTICATED; an expired token is refused saying so.
#include <thread>

#include <gtest/gtest.h>

#include "factdesk/v1/token.grpc.pb.h"
#include "server/admin_tokens.h"
#include "server/store/token_store.h"
#include "tests/integration/live_helpers.h"
#include "tests/support/test_server.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

std::string NewToken(TestServer& server, const TestUser& user, std::chrono::seconds lifetime) {
  store::IssuedToken issued;
  EXPECT_TRUE(server.db()
                  .Write("test", 0,
                         [&](store::Tx& tx) -> Status {
                           FD_ASSIGN_OR_RETURN(issued,
                                               store::IssueToken(tx, user.user.id(), lifetime));
                           return Status::Ok();
                         })
                  .ok());
  return issued.token;
}

grpc::Status WhoAmI(TestServer& server, const std::string& token, v1::User* who = nullptr) {
  v1::WhoAmIResponse resp;
  const auto status = server.workspaces()->WhoAmI(Ctx(token).get(), {}, &resp);
  if (who != nullptr) *who = resp.user();
  return status;
}

std::unique_ptr<v1::TokenService::Stub> Tokens(TestServer& server) {
  return v1::TokenService::NewStub(server.channel());
}

TEST(TokenTest, RevokingATokenOnOneReplicaEndsItsStreamOnAnotherAtOnce) {
  TestServer a;
  TestServer b(a, nullptr);
  const TestUser ana = a.AddUser("ana");
  const TestUser ben = a.AddUser("ben");
  const auto ws = a.CreateWorkspace("desk", ana);
  const std::string laptop = NewToken(a, ana, std::chrono::hours(24));
  // Both tokens in use on replica b: answers cached, a stream open with each.
  ASSERT_TRUE(WhoAmI(b, ana.token).ok());
  ASSERT_TRUE(WhoAmI(b, laptop).ok());
  StreamCollector doomed(b.channel(), ana.token, ws, 0);
  StreamCollector kept(b.channel(), laptop, ws, 0);
  ASSERT_TRUE(doomed.WaitForSeq(1, 30s));
  ASSERT_TRUE(kept.WaitForSeq(1, 30s));

  // Ana logs out on replica a: the token she used is revoked.
  v1::RevokeTokenResponse revoked;
  ASSERT_TRUE(Tokens(a)->RevokeToken(Ctx(ana.token).get(), {}, &revoked).ok());
  EXPECT_TRUE(revoked.token().current());
  EXPECT_TRUE(revoked.token().has_revoked_at());

  const grpc::Status ended = doomed.Finish(30s);
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::UNAUTHENTICATED) << ended.error_message();
  EXPECT_NE(ended.error_message().find("was revoked"), std::string::npos);
  // Replica b forgot its cached answer with the same notification: refused now.
  v1::WhoAmIResponse none;
  const auto refused = b.workspaces()->WhoAmI(Ctx(ana.token).get(), {}, &none);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(refused.error_message().find("the token was revoked on "), std::string::npos);
  EXPECT_FALSE(none.has_user());
  // Her other token, and its stream, go on.
  a.AddMember("desk", ben, "checker");
  EXPECT_TRUE(kept.WaitForSeq(2, 30s));
  EXPECT_TRUE(WhoAmI(b, laptop).ok());
}

TEST(TokenTest, AnExpiredTokenIsRefusedSayingItExpiredAndItsStreamEnds) {
  TestServer server;
  const TestUser ana = server.AddUser("ana");
  const auto ws = server.CreateWorkspace("desk", ana);
  const std::string brief = NewToken(server, ana, 3s);
  ASSERT_TRUE(WhoAmI(server, brief).ok());  // cached: the cache must not outlive the token
  StreamCollector stream(server.channel(), brief, ws, 0);
  ASSERT_TRUE(stream.WaitForSeq(1, 30s));
  const grpc::Status ended = stream.Finish(60s);
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::UNAUTHENTICATED) << ended.error_message();
  EXPECT_NE(ended.error_message().find("has expired"), std::string::npos);

  const auto before = server.Snapshot();
  v1::CreateClaimRequest req;
  req.set_segment_id(1);
  req.set_end_byte(4);
  v1::Claim claim;
  const auto refused = server.claims()->CreateClaim(Ctx(brief).get(), req, &claim);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_NE(refused.error_message().find("the token expired on "), std::string::npos)
      << refused.error_message();
  EXPECT_NE(refused.error_message().find("issue-token"), std::string::npos);
  EXPECT_EQ(server.Snapshot(), before);
  // A new stream with it is refused the same way.
  StreamCollector again(server.channel(), brief, ws, 0);
  EXPECT_EQ(again.Finish(30s).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST(TokenTest, ListAndRevokeYourOwnTokensOnly) {
  TestServer server;
  const TestUser ana = server.AddUser("ana");
  const TestUser ben = server.AddUser("ben");
  const std::string laptop = NewToken(server, ana, std::chrono::hours(1));
  auto tokens = Tokens(server);

  v1::ListTokensResponse listed;
  ASSERT_TRUE(tokens->ListTokens(Ctx(ana.token).get(), {}, &listed).ok());
  ASSERT_EQ(listed.tokens_size(), 2);
  EXPECT_FALSE(listed.tokens(0).current());  // newest first: the laptop's
  EXPECT_TRUE(listed.tokens(1).current());
  for (const auto& t : listed.tokens()) {
    EXPECT_EQ(t.user().handle(), "ana");
    EXPECT_GT(t.expires_at().seconds(), t.created_at().seconds());
  }
  const std::int64_t laptop_id = listed.tokens(0).id();

  // Ben cannot revoke Ana's token, nor learn that it exists.
  const auto before = server.Snapshot();
  v1::RevokeTokenRequest req;
  req.set_token_id(laptop_id);
  v1::RevokeTokenResponse resp;
  auto status = tokens->RevokeToken(Ctx(ben.token).get(), req, &resp);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(status.error_message(), "you have no token " + std::to_string(laptop_id));
  req.set_token_id(-4);
  status = tokens->RevokeToken(Ctx(ben.token).get(), req, &resp);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("token_id"), std::string::npos);
  EXPECT_EQ(server.Snapshot(), before);
  EXPECT_TRUE(WhoAmI(server, laptop).ok());

  req.set_token_id(laptop_id);
  ASSERT_TRUE(tokens->RevokeToken(Ctx(ana.token).get(), req, &resp).ok());
  EXPECT_FALSE(resp.token().current());
  status = tokens->RevokeToken(Ctx(ana.token).get(), req, &resp);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("already revoked"), std::string::npos);
  ASSERT_TRUE(tokens->ListTokens(Ctx(ana.token).get(), {}, &listed).ok());
  EXPECT_EQ(listed.tokens_size(), 1);  // live ones only, unless asked
  v1::ListTokensRequest all;
  all.set_include_ended(true);
  ASSERT_TRUE(tokens->ListTokens(Ctx(ana.token).get(), all, &listed).ok());
  EXPECT_EQ(listed.tokens_size(), 2);
}

TEST(TokenTest, AdminRevocationOfAUsersTokensReachesARunningServer) {
  TestServer server;
  const TestUser ana = server.AddUser("ana");
  const auto ws = server.CreateWorkspace("desk", ana);
  StreamCollector stream(server.channel(), ana.token, ws, 0);
  ASSERT_TRUE(stream.WaitForSeq(1, 30s));
  // The operator's command, run against the database like `factdesk-server admin`.
  auto out = server::AdminRevokeTokensOf(server.db(), "ana");
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_NE(out->find("revoked 1 token of ana"), std::string::npos) << *out;
  EXPECT_EQ(stream.Finish(30s).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(WhoAmI(server, ana.token).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  auto listed = server::AdminListTokens(server.db(), "ana", true);
  ASSERT_TRUE(listed.ok());
  EXPECT_NE(listed->find("revoked "), std::string::npos) << *listed;
  EXPECT_EQ(server::AdminRevokeToken(server.db(), 987654).status().message(),
            "there is no token 987654");
}

}  // namespace
}  // namespace factdesk::testing
