#include "domain/claim_actions.h"

#include <string>

#include <gtest/gtest.h>

namespace factdesk::domain {
namespace {

constexpr auto& kRoles = kAllRoles;
constexpr auto& kStates = kAllClaimStates;
// Every action taken on an existing claim.
constexpr Action kClaimActions[] = {
    Action::kEditClaim,     Action::kAddSource,    Action::kRemoveSource, Action::kAddNote,
    Action::kEditNote,      Action::kSubmitReview, Action::kTakeClaim,    Action::kAssignClaim,
    Action::kDecideDispute, Action::kPublish,      Action::kDismiss,      Action::kReopen,
    Action::kCorrect,       Action::kTagClaim,
};

// A claim whose facts allow everything the role and the state allow.
ClaimFacts Claim(ClaimState state) {
  ClaimFacts c;
  c.id = 7;
  c.state = state;
  c.active_sources = 1;
  return c;
}

// With facts that refuse nothing, the answer is the role's, then the state's: the same
// tables the server applied before (CheckRole, CheckState), in that order.
TEST(CheckClaimAction, IsTheRoleThenTheStateWhenTheFactsAllow) {
  for (const Role role : kRoles) {
    for (const ClaimState state : kStates) {
      for (const Action action : kClaimActions) {
        SCOPED_TRACE(std::string(RoleName(role)) + " / " + std::string(StateName(state)) + " / " +
                     std::string(ActionName(action)));
        const Status got = CheckClaimAction(role, action, Claim(state));
        Status want = CheckRole(role, action);
        if (want.ok()) want = CheckState(state, action);
        EXPECT_EQ(got.code(), want.code()) << got.ToString();
        EXPECT_EQ(got.message(), want.message());
      }
    }
  }
}

TEST(CheckClaimAction, ADismissedClaimsSummaryIsNotEditable) {
  // The case: the desktop offered this edit and the server refused it.
  const Status s =
      CheckClaimAction(Role::kChecker, Action::kEditClaim, Claim(ClaimState::kDismissed));
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_EQ(s.message(),
            "claim is DISMISSED: claims can be edited only while a claim is OPEN, IN_REVIEW, "
            "DISPUTED or RESOLVED; reopen it first");
}

TEST(CheckClaimAction, TheRoleIsRefusedBeforeTheStateIsNamed) {
  // A viewer learns nothing about a state it may not change.
  const Status s =
      CheckClaimAction(Role::kViewer, Action::kTakeClaim, Claim(ClaimState::kPublished));
  EXPECT_EQ(s.code(), Code::kPermissionDenied);
  EXPECT_EQ(s.message(), "a viewer may not take a claim; it needs the checker role");
}

TEST(CheckClaimAction, OnlyAnUnassignedClaimIsTaken) {
  ClaimFacts c = Claim(ClaimState::kInReview);
  EXPECT_TRUE(CheckClaimAction(Role::kChecker, Action::kTakeClaim, c).ok());
  c.assignees = {"ben", "cara"};
  const Status s = CheckClaimAction(Role::kChecker, Action::kTakeClaim, c);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_EQ(s.message(),
            "claim 7 is already assigned to ben, cara; only an unassigned claim can be taken (an "
            "editor can reassign it)");
  // Being one of the assignees does not make it takeable either; an editor may reassign.
  c.assignees = {"ben"};
  EXPECT_EQ(CheckClaimAction(Role::kChecker, Action::kTakeClaim, c).message(),
            "claim 7 is already assigned to ben; only an unassigned claim can be taken (an editor "
            "can reassign it)");
  EXPECT_TRUE(CheckClaimAction(Role::kEditor, Action::kAssignClaim, c).ok());
}

TEST(CheckClaimAction, AReviewNeedsASourceWhenThePolicySaysSo) {
  ClaimFacts c = Claim(ClaimState::kOpen);
  c.active_sources = 0;
  const Status s = CheckClaimAction(Role::kChecker, Action::kSubmitReview, c);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_EQ(s.message(),
            "claim has no source: this workspace requires at least one source before a verdict");
  c.policy.require_source = false;
  EXPECT_TRUE(CheckClaimAction(Role::kChecker, Action::kSubmitReview, c).ok());
  // Only reviews need one: the claim is otherwise workable without.
  c.policy.require_source = true;
  EXPECT_TRUE(CheckClaimAction(Role::kChecker, Action::kEditClaim, c).ok());
  EXPECT_TRUE(CheckClaimAction(Role::kChecker, Action::kAddSource, c).ok());
}

TEST(CheckClaimAction, TheStateIsNamedBeforeTheMissingSource) {
  ClaimFacts c = Claim(ClaimState::kResolved);
  c.active_sources = 0;
  EXPECT_EQ(CheckClaimAction(Role::kChecker, Action::kSubmitReview, c).message(),
            "claim is RESOLVED: reviews can be submitted only while a claim is OPEN, IN_REVIEW or "
            "DISPUTED");
}

TEST(CheckClaimAction, UnderMajorityAnEditorDecidesOnlyATie) {
  ClaimFacts c = Claim(ClaimState::kDisputed);
  c.policy.dispute_rule = DisputeRule::kMajority;
  // Votes not known to the caller: that rule is left to the server.
  EXPECT_TRUE(CheckClaimAction(Role::kEditor, Action::kDecideDispute, c).ok());
  c.votes = std::vector<Vote>{{1, "True"}, {2, "False"}};
  Status s = CheckClaimAction(Role::kEditor, Action::kDecideDispute, c);
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_EQ(s.message(),
            "dispute rule MAJORITY: an editor decides only a tie; the panel has 2 of 3 reviews");
  c.votes->push_back({3, "Half true"});
  EXPECT_TRUE(CheckClaimAction(Role::kEditor, Action::kDecideDispute, c).ok());
  c.votes->back().verdict = "False";
  s = CheckClaimAction(Role::kEditor, Action::kDecideDispute, c);
  EXPECT_EQ(s.message(),
            "dispute rule MAJORITY: an editor decides only a tie; the majority chose 'False' "
            "(2\u20131)");
  // An editor decides every dispute under EDITOR_DECIDES, whatever the votes.
  c.policy.dispute_rule = DisputeRule::kEditorDecides;
  EXPECT_TRUE(CheckClaimAction(Role::kEditor, Action::kDecideDispute, c).ok());
  // A checker is refused for the role, before any vote is counted.
  c.policy.dispute_rule = DisputeRule::kMajority;
  EXPECT_EQ(CheckClaimAction(Role::kChecker, Action::kDecideDispute, c).code(),
            Code::kPermissionDenied);
}

TEST(FactsNeededFor, OnlyReviewsAndDecisionsReadPastTheClaim) {
  for (const Action action : kClaimActions) {
    const FactsNeeded needed = FactsNeededFor(action);
    EXPECT_EQ(needed.policy, action == Action::kSubmitReview || action == Action::kDecideDispute);
    EXPECT_EQ(needed.votes, action == Action::kDecideDispute);
  }
}

TEST(CheckAssignee, CheckersAndAboveCanBeAssigned) {
  for (const Role role : {Role::kChecker, Role::kEditor, Role::kAdmin}) {
    EXPECT_TRUE(CheckAssignee(4, role).ok()) << RoleName(role);
  }
  for (const std::optional<Role> role :
       {std::optional<Role>(Role::kViewer), std::optional<Role>()}) {
    const Status s = CheckAssignee(4, role);
    EXPECT_EQ(s.code(), Code::kInvalidArgument);
    EXPECT_EQ(s.message(), "assignee_ids: user 4 is not a member with the checker role or above");
  }
}

TEST(NotAMember, NamesTheWorkspace) {
  const Status s = NotAMember(12);
  EXPECT_EQ(s.code(), Code::kPermissionDenied);
  EXPECT_EQ(s.message(), "you are not a member of workspace 12");
}

}  // namespace
}  // namespace factdesk::domain
