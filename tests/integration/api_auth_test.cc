// Authentication and membership: every RPC needs a valid token and a membership.
#include "proto/factdesk/v1/metadata.h"
#include "tests/integration/api_fixture.h"

namespace factdesk::testing {
namespace {

TEST_F(ApiTest, NoTokenIsUnauthenticated) {
  v1::ListWorkspacesResponse resp;
  const auto status =
      server().workspaces()->ListWorkspaces(Ctx("").get(), v1::ListWorkspacesRequest(), &resp);
  EXPECT_REFUSED(status, grpc::StatusCode::UNAUTHENTICATED, "authorization: Bearer <token>");
}

TEST_F(ApiTest, WrongTokenIsUnauthenticated) {
  v1::ListWorkspacesResponse resp;
  const auto status = server().workspaces()->ListWorkspaces(Ctx("fd_not-a-real-token").get(),
                                                            v1::ListWorkspacesRequest(), &resp);
  EXPECT_REFUSED(status, grpc::StatusCode::UNAUTHENTICATED, "token is not valid");
}

TEST_F(ApiTest, MalformedAuthorizationIsUnauthenticated) {
  grpc::ClientContext ctx;
  ctx.AddMetadata(v1::kAuthorizationKey, "Basic YW5hOnNlY3JldA==");
  v1::WhoAmIResponse resp;
  const auto status = server().workspaces()->WhoAmI(&ctx, v1::WhoAmIRequest(), &resp);
  EXPECT_REFUSED(status, grpc::StatusCode::UNAUTHENTICATED, "must be 'Bearer <token>'");
}

TEST_F(ApiTest, WhoAmINamesTheTokensUser) {
  v1::WhoAmIResponse resp;
  ASSERT_TRUE(server().workspaces()->WhoAmI(Ctx(ben_.token).get(), {}, &resp).ok());
  EXPECT_EQ(resp.user().handle(), "ben");
}

TEST_F(ApiTest, WorkspacesListsOnlyMemberships) {
  v1::ListWorkspacesResponse mine;
  ASSERT_TRUE(server().workspaces()->ListWorkspaces(Ctx(vic_.token).get(), {}, &mine).ok());
  ASSERT_EQ(mine.workspaces_size(), 1);
  EXPECT_EQ(mine.workspaces(0).slug(), "desk");
  EXPECT_EQ(mine.workspaces(0).my_role(), v1::ROLE_VIEWER);
  EXPECT_EQ(mine.workspaces(0).policy().required_reviews(), 2);
  EXPECT_TRUE(mine.workspaces(0).policy().require_source());
  EXPECT_GE(mine.workspaces(0).rating_scale().labels_size(), 5);
  v1::ListWorkspacesResponse none;
  ASSERT_TRUE(server().workspaces()->ListWorkspaces(Ctx(out_.token).get(), {}, &none).ok());
  EXPECT_EQ(none.workspaces_size(), 0);
}

TEST_F(ApiTest, NonMemberIsPermissionDenied) {
  v1::ListTranscriptsRequest req;
  req.set_workspace_id(ws_);
  v1::ListTranscriptsResponse resp;
  EXPECT_REFUSED(server().transcripts()->ListTranscripts(Ctx(out_.token).get(), req, &resp),
                 grpc::StatusCode::PERMISSION_DENIED, "not a member of workspace");
  EXPECT_EQ(resp.transcripts_size(), 0);
  v1::GetTranscriptRequest get;
  get.set_transcript_id(seed_.id());
  v1::Transcript t;
  // A record of a workspace one is not in answers as a missing one (17.10).
  EXPECT_REFUSED(server().transcripts()->GetTranscript(Ctx(out_.token).get(), get, &t),
                 grpc::StatusCode::NOT_FOUND,
                 "transcript " + std::to_string(seed_.id()) + " does not exist");
  EXPECT_TRUE(t.title().empty());
}

TEST_F(ApiTest, NonMemberCannotReadAClaimItGuessed) {
  const v1::Claim claim = Mark("per capita GDP grew six-fold in a decade");
  v1::GetClaimRequest req;
  req.set_claim_id(claim.id());
  v1::Claim got;
  EXPECT_REFUSED(server().claims()->GetClaim(Ctx(out_.token).get(), req, &got),
                 grpc::StatusCode::NOT_FOUND,
                 "claim " + std::to_string(claim.id()) + " does not exist");
  EXPECT_TRUE(got.quote().empty());
}

// A missing workspace answers as one the caller is not in, so ids do not leak (17.10).
TEST_F(ApiTest, UnknownWorkspaceAnswersAsNotAMember) {
  v1::ListTranscriptsRequest req;
  req.set_workspace_id(987654);
  v1::ListTranscriptsResponse resp;
  EXPECT_REFUSED(server().transcripts()->ListTranscripts(Ctx(ben_.token).get(), req, &resp),
                 grpc::StatusCode::PERMISSION_DENIED, "you are not a member of workspace 987654");
}

TEST_F(ApiTest, ViewerWritingIsPermissionDeniedAndWritesNothing) {
  int offset = 0;
  const v1::Segment seg = SegmentWith(seed_.id(), "Shenzhen started out", &offset);
  const auto before = server().Snapshot();
  v1::CreateClaimRequest req;
  req.set_segment_id(seg.id());
  req.set_start_byte(offset);
  req.set_end_byte(offset + 20);
  v1::Claim claim;
  EXPECT_REFUSED(server().claims()->CreateClaim(Ctx(vic_.token).get(), req, &claim),
                 grpc::StatusCode::PERMISSION_DENIED, "a viewer may not");
  v1::ImportTranscriptResponse imported;
  EXPECT_REFUSED(Import(vic_, ws_, "x.txt", "Some text.", &imported),
                 grpc::StatusCode::PERMISSION_DENIED, "a viewer may not");
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(ApiTest, OnlyAdminsManageMembers) {
  v1::SetMemberRequest req;
  req.set_workspace_id(ws_);
  req.set_handle("out");
  req.set_role(v1::ROLE_CHECKER);
  v1::Member member;
  const auto before = server().Snapshot();
  EXPECT_REFUSED(server().workspaces()->SetMember(Ctx(eve_.token).get(), req, &member),
                 grpc::StatusCode::PERMISSION_DENIED, "needs the admin role");
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(ApiTest, LastAdminCannotStepDown) {
  v1::SetMemberRequest req;
  req.set_workspace_id(ws_);
  req.set_handle("ana");
  req.set_role(v1::ROLE_EDITOR);
  v1::Member member;
  EXPECT_REFUSED(server().workspaces()->SetMember(Ctx(ana_.token).get(), req, &member),
                 grpc::StatusCode::FAILED_PRECONDITION, "last admin");
}

TEST_F(ApiTest, ListMembersShowsRoles) {
  v1::ListMembersRequest req;
  req.set_workspace_id(ws_);
  v1::ListMembersResponse resp;
  ASSERT_TRUE(server().workspaces()->ListMembers(Ctx(vic_.token).get(), req, &resp).ok());
  std::map<std::string, v1::Role> roles;
  for (const auto& m : resp.members()) roles[m.user().handle()] = m.role();
  EXPECT_EQ(roles["ana"], v1::ROLE_ADMIN);
  EXPECT_EQ(roles["eve"], v1::ROLE_EDITOR);
  EXPECT_EQ(roles["ben"], v1::ROLE_CHECKER);
  EXPECT_EQ(roles["vic"], v1::ROLE_VIEWER);
  EXPECT_FALSE(roles.contains("out"));
}

}  // namespace
}  // namespace factdesk::testing
