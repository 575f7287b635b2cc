#include "domain/workflow.h"

#include <cctype>
#include <iterator>
#include <set>
#include <string>
#include <tuple>

#include <gtest/gtest.h>

namespace factdesk::domain {
namespace {

constexpr auto& kRoles = kAllRoles;
constexpr auto& kStates = kAllClaimStates;
constexpr Action kActions[] = {
    Action::kRead,           Action::kImportTranscript,  Action::kMarkClaim,
    Action::kEditClaim,      Action::kAddSource,         Action::kRemoveSource,
    Action::kAddNote,        Action::kEditNote,          Action::kSubmitReview,
    Action::kTakeClaim,      Action::kAssignClaim,       Action::kDecideDispute,
    Action::kTagClaim,       Action::kPublish,           Action::kDismiss,
    Action::kReopen,         Action::kCorrect,           Action::kManageMembers,
    Action::kManagePolicy,   Action::kManageScale,       Action::kImportChecks,
    Action::kRemoveCheck,    Action::kDismissSuggestion, Action::kRescoreTranscript,
    Action::kFeedTranscript, Action::kCorrectSegment,
};

// Identifier-safe names for parameterised test names.
std::string Id(std::string_view words) {
  std::string out;
  bool upper = true;
  for (const char c : words) {
    if (c == ' ' || c == '_') {
      upper = true;
      continue;
    }
    out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                        : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    upper = false;
  }
  return out;
}

// The permission table of the issue, written out independently of MinimumRole.
Role ExpectedMinimumRole(Action action) {
  static const std::set<Action> kChecker = {
      Action::kImportTranscript, Action::kMarkClaim,     Action::kEditClaim,
      Action::kAddSource,        Action::kRemoveSource,  Action::kAddNote,
      Action::kEditNote,         Action::kSubmitReview,  Action::kTakeClaim,
      Action::kTagClaim,         Action::kImportChecks,  Action::kDismissSuggestion,
      Action::kFeedTranscript,   Action::kCorrectSegment};
  static const std::set<Action> kEditor = {Action::kAssignClaim, Action::kDecideDispute,
                                           Action::kPublish,     Action::kDismiss,
                                           Action::kReopen,      Action::kCorrect,
                                           Action::kRemoveCheck, Action::kRescoreTranscript};
  static const std::set<Action> kAdmin = {Action::kManageMembers, Action::kManagePolicy,
                                          Action::kManageScale};
  if (kChecker.count(action) != 0) return Role::kChecker;
  if (kEditor.count(action) != 0) return Role::kEditor;
  if (kAdmin.count(action) != 0) return Role::kAdmin;
  return Role::kViewer;
}

class CheckRoleTest : public testing::TestWithParam<std::tuple<Role, Action>> {};

TEST_P(CheckRoleTest, AllowsExactlyTheRolesAtOrAboveTheMinimum) {
  const auto [role, action] = GetParam();
  const Role needed = ExpectedMinimumRole(action);
  EXPECT_EQ(MinimumRole(action), needed);
  const Status status = CheckRole(role, action);
  if (role >= needed) {
    EXPECT_TRUE(status.ok()) << status.ToString();
    return;
  }
  EXPECT_EQ(status.code(), Code::kPermissionDenied);
  const std::string article = role == Role::kEditor ? "an " : "a ";  // admins are never refused
  // Names the role held, the action and the role needed.
  EXPECT_EQ(status.message(), article + std::string(RoleName(role)) + " may not " +
                                  std::string(ActionName(action)) + "; it needs the " +
                                  std::string(RoleName(needed)) + " role");
}

INSTANTIATE_TEST_SUITE_P(EveryRoleAndAction, CheckRoleTest,
                         testing::Combine(testing::ValuesIn(kRoles), testing::ValuesIn(kActions)),
                         [](const testing::TestParamInfo<std::tuple<Role, Action>>& info) {
                           return Id(RoleName(std::get<0>(info.param))) + "_" +
                                  Id(ActionName(std::get<1>(info.param)));
                         });

TEST(CheckRole, MessagesReadNaturally) {
  EXPECT_EQ(CheckRole(Role::kChecker, Action::kPublish).message(),
            "a checker may not publish a claim; it needs the editor role");
  EXPECT_EQ(CheckRole(Role::kViewer, Action::kMarkClaim).message(),
            "a viewer may not mark a claim; it needs the checker role");
  EXPECT_EQ(CheckRole(Role::kEditor, Action::kManageScale).message(),
            "an editor may not change the rating scale; it needs the admin role");
  EXPECT_EQ(CheckRole(Role::kChecker, Action::kDecideDispute).message(),
            "a checker may not decide a dispute; it needs the editor role");
}

// Which states allow each action, written out from the issue: O=OPEN, I=IN_REVIEW,
// D=DISPUTED, R=RESOLVED, P=PUBLISHED, X=DISMISSED.
std::string_view ExpectedStates(Action action) {
  switch (action) {
    case Action::kEditClaim:
      return "OIDR";
    case Action::kAddSource:
      return "OIDR";
    case Action::kRemoveSource:
      return "OIDR";
    case Action::kSubmitReview:
      return "OID";
    case Action::kTakeClaim:
      return "OI";
    case Action::kAssignClaim:
      return "OID";
    case Action::kDecideDispute:
      return "D";
    case Action::kPublish:
      return "R";
    case Action::kDismiss:
      return "OI";
    case Action::kReopen:
      return "RPX";
    case Action::kCorrect:
      return "P";
    default:
      return "OIDRPX";
  }
}

char Letter(ClaimState state) {
  return "OIDRPX"[static_cast<int>(state)];
}

class CheckStateTest : public testing::TestWithParam<std::tuple<ClaimState, Action>> {};

TEST_P(CheckStateTest, AllowsExactlyTheStatesOfTheRule) {
  const auto [state, action] = GetParam();
  const bool allowed = ExpectedStates(action).find(Letter(state)) != std::string_view::npos;
  const Status status = CheckState(state, action);
  if (allowed) {
    EXPECT_TRUE(status.ok()) << status.ToString();
    return;
  }
  EXPECT_EQ(status.code(), Code::kFailedPrecondition);
  // Names the current state, then the rule with every allowed state.
  const std::string head = "claim is " + std::string(StateName(state)) + ": ";
  EXPECT_EQ(status.message().substr(0, head.size()), head) << status.message();
  EXPECT_NE(status.message().find(" only while a claim is "), std::string::npos);
  for (const ClaimState other : kStates) {
    const bool listed =
        status.message().find(std::string(StateName(other)), head.size()) != std::string::npos;
    const bool other_allowed = ExpectedStates(action).find(Letter(other)) != std::string_view::npos;
    // IN_REVIEW contains no other name, and no name contains another, so find() is exact.
    EXPECT_EQ(listed, other_allowed) << StateName(other) << " in: " << status.message();
  }
}

INSTANTIATE_TEST_SUITE_P(EveryStateAndAction, CheckStateTest,
                         testing::Combine(testing::ValuesIn(kStates), testing::ValuesIn(kActions)),
                         [](const testing::TestParamInfo<std::tuple<ClaimState, Action>>& info) {
                           return Id(StateName(std::get<0>(info.param))) + "_" +
                                  Id(ActionName(std::get<1>(info.param)));
                         });

TEST(CheckState, MessagesNameTheStateAndTheRule) {
  EXPECT_EQ(CheckState(ClaimState::kResolved, Action::kSubmitReview).message(),
            "claim is RESOLVED: reviews can be submitted only while a claim is OPEN, IN_REVIEW "
            "or DISPUTED");
  EXPECT_EQ(CheckState(ClaimState::kOpen, Action::kPublish).message(),
            "claim is OPEN: claims can be published only while a claim is RESOLVED");
  EXPECT_EQ(CheckState(ClaimState::kDisputed, Action::kDismiss).message(),
            "claim is DISPUTED: claims can be dismissed only while a claim is OPEN or IN_REVIEW");
  EXPECT_EQ(CheckState(ClaimState::kInReview, Action::kDecideDispute).message(),
            "claim is IN_REVIEW: disputes can be decided only while a claim is DISPUTED");
  EXPECT_EQ(CheckState(ClaimState::kOpen, Action::kReopen).message(),
            "claim is OPEN: claims can be reopened only while a claim is RESOLVED, PUBLISHED or "
            "DISMISSED");
  EXPECT_EQ(CheckState(ClaimState::kResolved, Action::kCorrect).message(),
            "claim is RESOLVED: corrections can be made only while a claim is PUBLISHED");
}

TEST(CheckState, EditingAPublishedClaimPointsToCorrections) {
  EXPECT_EQ(CheckState(ClaimState::kPublished, Action::kEditClaim).message(),
            "claim is PUBLISHED: claims can be edited only while a claim is OPEN, IN_REVIEW, "
            "DISPUTED or RESOLVED; a published claim changes only by a correction with a reason");
  EXPECT_TRUE(CheckState(ClaimState::kPublished, Action::kCorrect).ok());
}

TEST(CheckState, WorkOnADismissedClaimPointsToReopening) {
  EXPECT_EQ(CheckState(ClaimState::kDismissed, Action::kEditClaim).message(),
            "claim is DISMISSED: claims can be edited only while a claim is OPEN, IN_REVIEW, "
            "DISPUTED or RESOLVED; reopen it first");
  EXPECT_EQ(CheckState(ClaimState::kDismissed, Action::kSubmitReview).message(),
            "claim is DISMISSED: reviews can be submitted only while a claim is OPEN, IN_REVIEW "
            "or DISPUTED; reopen it first");
  EXPECT_TRUE(CheckState(ClaimState::kDismissed, Action::kReopen).ok());
}

TEST(ReopenTarget, DismissedClaimsGoBackToWhereTheyWere) {
  EXPECT_EQ(ReopenTarget(ClaimState::kDismissed, false), ClaimState::kOpen);
  EXPECT_EQ(ReopenTarget(ClaimState::kDismissed, true), ClaimState::kInReview);
}

TEST(ReopenTarget, ResolvedAndPublishedClaimsGoBackToReview) {
  for (const bool has_reviews : {false, true}) {
    EXPECT_EQ(ReopenTarget(ClaimState::kResolved, has_reviews), ClaimState::kInReview);
    EXPECT_EQ(ReopenTarget(ClaimState::kPublished, has_reviews), ClaimState::kInReview);
  }
}

TEST(ReopenTarget, EveryTargetIsAStateThatCanBeReopenedFrom) {
  for (const ClaimState from : kStates) {
    const ClaimState to = ReopenTarget(from, true);
    if (CheckState(from, Action::kReopen).ok()) {
      // A reopened claim can be reviewed again.
      EXPECT_TRUE(CheckState(to, Action::kSubmitReview).ok()) << StateName(from);
    } else {
      EXPECT_EQ(to, from) << StateName(from);
    }
  }
}

TEST(ClaimState, NamesAndParsing) {
  const char* const kNames[] = {"OPEN",     "IN_REVIEW", "DISPUTED",
                                "RESOLVED", "PUBLISHED", "DISMISSED"};
  for (std::size_t i = 0; i < std::size(kStates); ++i) {
    EXPECT_EQ(StateName(kStates[i]), kNames[i]);
    EXPECT_EQ(ParseState(kNames[i]), kStates[i]);
  }
  EXPECT_EQ(ParseState("in_review"), ClaimState::kInReview);
  EXPECT_FALSE(ParseState("IN REVIEW").has_value());
  EXPECT_FALSE(ParseState("").has_value());
}

TEST(Action, NamesAreDistinctVerbPhrases) {
  std::set<std::string_view> names;
  for (const Action action : kActions) {
    const std::string_view name = ActionName(action);
    EXPECT_FALSE(name.empty());
    EXPECT_TRUE(std::islower(static_cast<unsigned char>(name[0]))) << name;
    names.insert(name);
  }
  EXPECT_EQ(names.size(), std::size(kActions));
  EXPECT_EQ(ActionName(Action::kPublish), "publish a claim");
  EXPECT_EQ(ActionName(Action::kDecideDispute), "decide a dispute");
}

TEST(DismissReason, NamesAndParsing) {
  const std::pair<DismissReason, const char*> kReasons[] = {
      {DismissReason::kOpinion, "OPINION"},
      {DismissReason::kPrediction, "PREDICTION"},
      {DismissReason::kNotCheckable, "NOT_CHECKABLE"},
      {DismissReason::kNotAClaim, "NOT_A_CLAIM"},
      {DismissReason::kDuplicate, "DUPLICATE"},
  };
  for (const auto& [reason, name] : kReasons) {
    EXPECT_EQ(DismissReasonName(reason), name);
    EXPECT_EQ(ParseDismissReason(name), reason);
  }
  EXPECT_EQ(ParseDismissReason("opinion"), DismissReason::kOpinion);
  EXPECT_FALSE(ParseDismissReason("BORING").has_value());
}

}  // namespace
}  // namespace factdesk::domain
