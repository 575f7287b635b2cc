// Every workflow action, for every role and in every state: allowed, PERMISSION_DENIED
// naming the role, or FAILED_PRECONDITION naming the state and the rule.
#include <set>

#include "tests/integration/workflow_fixture.h"

namespace factdesk::testing {
namespace {

enum class Act {
  kEdit,
  kAddSource,
  kAddNote,
  kReview,
  kTake,
  kAssign,
  kDismiss,
  kReopen,
  kPublish,
  kCorrect,
  kDecide
};

const char* Name(Act a) {
  switch (a) {
    case Act::kEdit:
      return "edit";
    case Act::kAddSource:
      return "add source";
    case Act::kAddNote:
      return "add note";
    case Act::kReview:
      return "review";
    case Act::kTake:
      return "take";
    case Act::kAssign:
      return "assign";
    case Act::kDismiss:
      return "dismiss";
    case Act::kReopen:
      return "reopen";
    case Act::kPublish:
      return "publish";
    case Act::kCorrect:
      return "correct";
    case Act::kDecide:
      return "decide";
  }
  return "?";
}

class TransitionTest : public WorkflowTest {
 protected:
  grpc::Status Do(Act act, const TestUser& who, const v1::Claim& c) {
    switch (act) {
      case Act::kEdit: {
        v1::UpdateClaimRequest req;
        req.set_claim_id(c.id());
        req.set_expected_version(c.version());
        req.set_summary("Edited summary");
        v1::Claim out;
        return server_->claims()->UpdateClaim(Ctx(who.token).get(), req, &out);
      }
      case Act::kAddSource: {
        v1::AddSourceRequest req;
        req.set_claim_id(c.id());
        req.set_url("https://example.org/more");
        req.set_stance(v1::STANCE_CONTEXT);
        v1::Source out;
        return server_->sources()->AddSource(Ctx(who.token).get(), req, &out);
      }
      case Act::kAddNote: {
        v1::AddNoteRequest req;
        req.set_claim_id(c.id());
        req.set_body("A note.");
        v1::Note out;
        return server_->notes()->AddNote(Ctx(who.token).get(), req, &out);
      }
      case Act::kReview:
        return Review(who, c.id(), "Mostly false");
      case Act::kTake: {
        v1::TakeClaimRequest req;
        req.set_claim_id(c.id());
        v1::Claim out;
        return server_->claims()->TakeClaim(Ctx(who.token).get(), req, &out);
      }
      case Act::kAssign: {
        v1::AssignClaimRequest req;
        req.set_claim_id(c.id());
        req.set_expected_version(c.version());
        req.add_assignee_ids(dan_.user.id());
        v1::Claim out;
        return server_->claims()->AssignClaim(Ctx(who.token).get(), req, &out);
      }
      case Act::kDismiss:
        return Dismiss(who, c);
      case Act::kReopen:
        return Reopen(who, c, "New evidence arrived.");
      case Act::kPublish:
        return Publish(who, c);
      case Act::kCorrect: {
        v1::CorrectClaimRequest req;
        req.set_claim_id(c.id());
        req.set_expected_version(c.version());
        req.set_verdict("Mostly false");
        req.set_reason("The agency revised its series.");
        v1::Claim out;
        return server_->claims()->CorrectClaim(Ctx(who.token).get(), req, &out);
      }
      case Act::kDecide: {
        v1::GetDisputeRequest get;
        get.set_claim_id(c.id());
        v1::Dispute d;
        if (!server_->reviews()->GetDispute(Ctx(eve_.token).get(), get, &d).ok()) {
          return {grpc::StatusCode::NOT_FOUND, "no dispute"};
        }
        return Decide(who, d.id(), "False");
      }
    }
    return {grpc::StatusCode::INTERNAL, "unknown act"};
  }

  // A claim in which `act` is allowed by the state rules, so only the role decides.
  v1::Claim ClaimFor(Act act, int n) {
    switch (act) {
      case Act::kReopen:
        return DismissedClaim(n);
      case Act::kPublish:
        return ResolvedClaim(n);
      case Act::kCorrect:
        return PublishedClaim(n);
      case Act::kDecide:
        return DisputedClaim(n);
      default:
        return OpenClaim(n);
    }
  }
};

TEST_F(TransitionTest, EveryActionForEveryRole) {
  const std::vector<std::pair<Act, v1::Role>> minimum = {
      {Act::kEdit, v1::ROLE_CHECKER},    {Act::kAddSource, v1::ROLE_CHECKER},
      {Act::kAddNote, v1::ROLE_CHECKER}, {Act::kReview, v1::ROLE_CHECKER},
      {Act::kTake, v1::ROLE_CHECKER},    {Act::kAssign, v1::ROLE_EDITOR},
      {Act::kDismiss, v1::ROLE_EDITOR},  {Act::kReopen, v1::ROLE_EDITOR},
      {Act::kPublish, v1::ROLE_EDITOR},  {Act::kCorrect, v1::ROLE_EDITOR},
      {Act::kDecide, v1::ROLE_EDITOR}};
  const std::vector<std::pair<const TestUser*, v1::Role>> roles = {{&vic_, v1::ROLE_VIEWER},
                                                                   {&dan_, v1::ROLE_CHECKER},
                                                                   {&eve_, v1::ROLE_EDITOR},
                                                                   {&ana_, v1::ROLE_ADMIN}};
  const std::map<v1::Role, std::string> role_name = {{v1::ROLE_VIEWER, "viewer"},
                                                     {v1::ROLE_CHECKER, "checker"}};
  int n = 0;
  for (const auto& [act, needed] : minimum) {
    for (const auto& [who, role] : roles) {
      const v1::Claim claim = ClaimFor(act, n++ % 30);
      const auto before = server_->Snapshot();
      const grpc::Status status = Do(act, *who, claim);
      if (role >= needed) {
        EXPECT_TRUE(status.ok()) << Name(act) << " as " << who->user.handle() << ": "
                                 << status.error_message();
      } else {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED)
            << Name(act) << " as " << who->user.handle();
        EXPECT_NE(status.error_message().find("a " + role_name.at(role) + " may not"),
                  std::string::npos)
            << status.error_message();
        EXPECT_EQ(server_->Snapshot(), before) << Name(act) << " wrote something";
      }
    }
  }
}

TEST_F(TransitionTest, EveryActionInEveryState) {
  using S = v1::ClaimStatus;
  const std::vector<S> states = {v1::CLAIM_STATUS_OPEN,      v1::CLAIM_STATUS_IN_REVIEW,
                                 v1::CLAIM_STATUS_DISPUTED,  v1::CLAIM_STATUS_RESOLVED,
                                 v1::CLAIM_STATUS_PUBLISHED, v1::CLAIM_STATUS_DISMISSED};
  const std::map<Act, std::set<S>> allowed = {
      {Act::kEdit,
       {v1::CLAIM_STATUS_OPEN, v1::CLAIM_STATUS_IN_REVIEW, v1::CLAIM_STATUS_DISPUTED,
        v1::CLAIM_STATUS_RESOLVED}},
      {Act::kAddSource,
       {v1::CLAIM_STATUS_OPEN, v1::CLAIM_STATUS_IN_REVIEW, v1::CLAIM_STATUS_DISPUTED,
        v1::CLAIM_STATUS_RESOLVED}},
      {Act::kAddNote, {states.begin(), states.end()}},
      {Act::kReview,
       {v1::CLAIM_STATUS_OPEN, v1::CLAIM_STATUS_IN_REVIEW, v1::CLAIM_STATUS_DISPUTED}},
      {Act::kTake, {v1::CLAIM_STATUS_OPEN, v1::CLAIM_STATUS_IN_REVIEW}},
      {Act::kAssign,
       {v1::CLAIM_STATUS_OPEN, v1::CLAIM_STATUS_IN_REVIEW, v1::CLAIM_STATUS_DISPUTED}},
      {Act::kDismiss, {v1::CLAIM_STATUS_OPEN, v1::CLAIM_STATUS_IN_REVIEW}},
      {Act::kReopen,
       {v1::CLAIM_STATUS_RESOLVED, v1::CLAIM_STATUS_PUBLISHED, v1::CLAIM_STATUS_DISMISSED}},
      {Act::kPublish, {v1::CLAIM_STATUS_RESOLVED}},
      {Act::kCorrect, {v1::CLAIM_STATUS_PUBLISHED}}};
  int n = 0;
  for (const auto& [act, ok_states] : allowed) {
    for (const S state : states) {
      v1::Claim claim;
      switch (state) {
        case v1::CLAIM_STATUS_OPEN:
          claim = OpenClaim(n++ % 30);
          break;
        case v1::CLAIM_STATUS_IN_REVIEW:
          claim = InReviewClaim(n++ % 30);
          break;
        case v1::CLAIM_STATUS_DISPUTED:
          claim = DisputedClaim(n++ % 30);
          break;
        case v1::CLAIM_STATUS_RESOLVED:
          claim = ResolvedClaim(n++ % 30);
          break;
        case v1::CLAIM_STATUS_PUBLISHED:
          claim = PublishedClaim(n++ % 30);
          break;
        default:
          claim = DismissedClaim(n++ % 30);
          break;
      }
      ASSERT_EQ(claim.status(), state);
      // Editors may do everything by role; eve has reviewed none of these claims.
      const auto before = server_->Snapshot();
      const grpc::Status status = Do(act, eve_, claim);
      const std::string where = std::string(Name(act)) + " in " + v1::ClaimStatus_Name(state);
      if (ok_states.contains(state)) {
        EXPECT_TRUE(status.ok()) << where << ": " << status.error_message();
      } else {
        EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION) << where;
        const std::string named = "claim is " + v1::ClaimStatus_Name(state).substr(13);
        EXPECT_NE(status.error_message().find(named), std::string::npos)
            << where << ": " << status.error_message();
        EXPECT_EQ(server_->Snapshot(), before) << where << " wrote something";
      }
    }
  }
}

TEST_F(TransitionTest, DecidingNeedsAnOpenDispute) {
  const v1::Claim disputed = DisputedClaim(0);
  const v1::Dispute dispute = DisputeOf(disputed.id(), eve_);
  ASSERT_TRUE(Decide(eve_, dispute.id(), "False").ok());
  const auto before = server_->Snapshot();
  const auto again = Decide(eve_, dispute.id(), "True");
  EXPECT_EQ(again.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(again.error_message().find("claim is RESOLVED"), std::string::npos)
      << again.error_message();
  EXPECT_EQ(server_->Snapshot(), before);
}

TEST_F(TransitionTest, DismissingAndReopeningNeedReasons) {
  const v1::Claim claim = OpenClaim(1);
  v1::DismissClaimRequest dismiss;
  dismiss.set_claim_id(claim.id());
  dismiss.set_expected_version(claim.version());
  v1::Claim out;
  auto status = server_->claims()->DismissClaim(Ctx(eve_.token).get(), dismiss, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("reason: must be OPINION"), std::string::npos);
  dismiss.set_reason(v1::DISMISS_REASON_PREDICTION);
  ASSERT_TRUE(server_->claims()->DismissClaim(Ctx(eve_.token).get(), dismiss, &out).ok());
  EXPECT_EQ(out.status(), v1::CLAIM_STATUS_DISMISSED);
  EXPECT_EQ(out.dismiss_reason(), v1::DISMISS_REASON_PREDICTION);
  status = Reopen(eve_, out, "  ");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("reason: must not be empty"), std::string::npos);
  v1::Claim reopened;
  ASSERT_TRUE(Reopen(eve_, out, "It is a factual forecast after all.", &reopened).ok());
  EXPECT_EQ(reopened.status(), v1::CLAIM_STATUS_OPEN);
  EXPECT_EQ(reopened.status_reason(), "It is a factual forecast after all.");
}

TEST_F(TransitionTest, AssignmentAndTaking) {
  const v1::Claim claim = OpenClaim(2);
  v1::AssignClaimRequest assign;
  assign.set_claim_id(claim.id());
  assign.set_expected_version(claim.version());
  assign.add_assignee_ids(ben_.user.id());
  assign.add_assignee_ids(cat_.user.id());
  v1::Claim assigned;
  ASSERT_TRUE(server_->claims()->AssignClaim(Ctx(eve_.token).get(), assign, &assigned).ok());
  EXPECT_EQ(assigned.status(), v1::CLAIM_STATUS_IN_REVIEW);
  ASSERT_EQ(assigned.assignees_size(), 2);
  v1::TakeClaimRequest take;
  take.set_claim_id(claim.id());
  v1::Claim out;
  const auto status = server_->claims()->TakeClaim(Ctx(dan_.token).get(), take, &out);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(status.error_message().find("already assigned to ben, cat"), std::string::npos)
      << status.error_message();
  // A viewer cannot be assigned.
  assign.set_expected_version(assigned.version());
  assign.clear_assignee_ids();
  assign.add_assignee_ids(vic_.user.id());
  const auto viewer = server_->claims()->AssignClaim(Ctx(eve_.token).get(), assign, &out);
  EXPECT_EQ(viewer.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(viewer.error_message().find("is not a member with the checker role"),
            std::string::npos);
  // Unassigning an unreviewed claim takes it back to OPEN; then a checker may take it.
  assign.clear_assignee_ids();
  ASSERT_TRUE(server_->claims()->AssignClaim(Ctx(eve_.token).get(), assign, &out).ok());
  EXPECT_EQ(out.status(), v1::CLAIM_STATUS_OPEN);
  ASSERT_TRUE(server_->claims()->TakeClaim(Ctx(dan_.token).get(), take, &out).ok());
  EXPECT_EQ(out.assignees(0).handle(), "dan");
  EXPECT_EQ(out.status(), v1::CLAIM_STATUS_IN_REVIEW);
}

TEST_F(TransitionTest, AssignedCheckersStayCheckersUntilTheirClaimsAreReassigned) {
  const v1::Claim claim = OpenClaim(3);
  v1::TakeClaimRequest take;
  take.set_claim_id(claim.id());
  v1::Claim taken;
  ASSERT_TRUE(server_->claims()->TakeClaim(Ctx(dan_.token).get(), take, &taken).ok());

  const auto before = server_->Snapshot();
  v1::RemoveMemberRequest remove;
  remove.set_workspace_id(ws_);
  remove.set_handle("dan");
  v1::RemoveMemberResponse removed;
  EXPECT_REFUSED(server_->workspaces()->RemoveMember(Ctx(ana_.token).get(), remove, &removed),
                 grpc::StatusCode::FAILED_PRECONDITION,
                 "dan is assigned to claims still under review (" + std::to_string(claim.id()) +
                     "); reassign them before dan can be removed");
  v1::SetMemberRequest demote;
  demote.set_workspace_id(ws_);
  demote.set_handle("dan");
  demote.set_role(v1::ROLE_VIEWER);
  v1::Member member;
  EXPECT_REFUSED(server_->workspaces()->SetMember(Ctx(ana_.token).get(), demote, &member),
                 grpc::StatusCode::FAILED_PRECONDITION, "before dan can become a viewer");
  EXPECT_EQ(server_->Snapshot(), before);
  // Promoting is no problem.
  demote.set_role(v1::ROLE_EDITOR);
  ASSERT_TRUE(server_->workspaces()->SetMember(Ctx(ana_.token).get(), demote, &member).ok());

  // Once the claim is someone else's, dan can go.
  v1::AssignClaimRequest assign;
  assign.set_claim_id(claim.id());
  assign.set_expected_version(taken.version());
  assign.add_assignee_ids(cat_.user.id());
  v1::Claim reassigned;
  ASSERT_TRUE(server_->claims()->AssignClaim(Ctx(eve_.token).get(), assign, &reassigned).ok());
  ASSERT_TRUE(server_->workspaces()->RemoveMember(Ctx(ana_.token).get(), remove, &removed).ok());
}

}  // namespace
}  // namespace factdesk::testing
