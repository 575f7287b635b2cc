#include "domain/workflow.h"

#include <array>
#include <string>

#include "domain/unicode.h"

namespace factdesk::domain {
namespace {

constexpr std::array kStates = {ClaimState::kOpen,      ClaimState::kInReview,
                                ClaimState::kDisputed,  ClaimState::kResolved,
                                ClaimState::kPublished, ClaimState::kDismissed};

constexpr std::array kDismissReasons = {DismissReason::kOpinion, DismissReason::kPrediction,
                                        DismissReason::kNotCheckable, DismissReason::kNotAClaim,
                                        DismissReason::kDuplicate};

// A set of states as bits, so each rule below reads as one line.
using StateSet = unsigned;
constexpr StateSet Bit(ClaimState s) {
  return 1U << static_cast<unsigned>(s);
}
constexpr StateSet kOpen = Bit(ClaimState::kOpen);
constexpr StateSet kInReview = Bit(ClaimState::kInReview);
constexpr StateSet kDisputed = Bit(ClaimState::kDisputed);
constexpr StateSet kResolved = Bit(ClaimState::kResolved);
constexpr StateSet kPublished = Bit(ClaimState::kPublished);
constexpr StateSet kDismissed = Bit(ClaimState::kDismissed);
constexpr StateSet kAnyState = kOpen | kInReview | kDisputed | kResolved | kPublished | kDismissed;

struct StateRule {
  StateSet allowed;
  std::string_view what;  // subject of the message: "<what> only while a claim is ..."
};

StateRule RuleFor(Action action) {
  switch (action) {
    case Action::kEditClaim:
      return {kOpen | kInReview | kDisputed | kResolved, "claims can be edited"};
    case Action::kAddSource:
      return {kOpen | kInReview | kDisputed | kResolved, "sources can be added"};
    case Action::kRemoveSource:
      return {kOpen | kInReview | kDisputed | kResolved, "sources can be removed"};
    case Action::kSubmitReview:
      return {kOpen | kInReview | kDisputed, "reviews can be submitted"};
    case Action::kTakeClaim:
      return {kOpen | kInReview, "claims can be taken"};
    case Action::kAssignClaim:
      return {kOpen | kInReview | kDisputed, "claims can be assigned"};
    case Action::kDecideDispute:
      return {kDisputed, "disputes can be decided"};
    case Action::kPublish:
      return {kResolved, "claims can be published"};
    case Action::kDismiss:
      return {kOpen | kInReview, "claims can be dismissed"};
    case Action::kReopen:
      return {kDismissed | kResolved | kPublished, "claims can be reopened"};
    case Action::kCorrect:
      return {kPublished, "corrections can be made"};
    // No claim, or not bound to the claim's state.
    case Action::kRead:
    case Action::kImportTranscript:
    case Action::kMarkClaim:
    case Action::kTagClaim:
    case Action::kAddNote:
    case Action::kEditNote:
    case Action::kManageMembers:
    case Action::kManagePolicy:
    case Action::kManageScale:
    case Action::kImportChecks:
    case Action::kRemoveCheck:
    case Action::kDismissSuggestion:
    case Action::kRescoreTranscript:
    case Action::kFeedTranscript:
    case Action::kCorrectSegment:
      return {kAnyState, ""};
  }
  return {kAnyState, ""};
}

// "OPEN", "OPEN or IN_REVIEW", "OPEN, IN_REVIEW or DISPUTED".
std::string ListStates(StateSet set) {
  std::string out;
  int remaining = 0;
  for (const ClaimState s : kStates) remaining += (set & Bit(s)) != 0 ? 1 : 0;
  for (const ClaimState s : kStates) {
    if ((set & Bit(s)) == 0) continue;
    out.append(StateName(s));
    --remaining;
    if (remaining > 1) out.append(", ");
    if (remaining == 1) out.append(" or ");
  }
  return out;
}

// "a viewer", "a checker", "an editor", "an admin".
std::string_view Article(Role role) {
  return role == Role::kEditor || role == Role::kAdmin ? "an" : "a";
}

}  // namespace

std::string_view StateName(ClaimState state) {
  switch (state) {
    case ClaimState::kOpen:
      return "OPEN";
    case ClaimState::kInReview:
      return "IN_REVIEW";
    case ClaimState::kDisputed:
      return "DISPUTED";
    case ClaimState::kResolved:
      return "RESOLVED";
    case ClaimState::kPublished:
      return "PUBLISHED";
    case ClaimState::kDismissed:
      return "DISMISSED";
  }
  return "UNKNOWN_STATE";
}

std::optional<ClaimState> ParseState(std::string_view name) {
  for (const ClaimState state : kStates) {
    if (unicode::EqualsIgnoringAsciiCase(name, StateName(state))) return state;
  }
  return std::nullopt;
}

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kRead:
      return "read the workspace";
    case Action::kImportTranscript:
      return "import a transcript";
    case Action::kMarkClaim:
      return "mark a claim";
    case Action::kEditClaim:
      return "edit a claim";
    case Action::kAddSource:
      return "add a source";
    case Action::kRemoveSource:
      return "remove a source";
    case Action::kAddNote:
      return "add a note";
    case Action::kEditNote:
      return "edit a note";
    case Action::kSubmitReview:
      return "submit a review";
    case Action::kTakeClaim:
      return "take a claim";
    case Action::kTagClaim:
      return "tag a claim";
    case Action::kAssignClaim:
      return "assign a claim";
    case Action::kDecideDispute:
      return "decide a dispute";
    case Action::kPublish:
      return "publish a claim";
    case Action::kDismiss:
      return "dismiss a claim";
    case Action::kReopen:
      return "reopen a claim";
    case Action::kCorrect:
      return "correct a published claim";
    case Action::kManageMembers:
      return "manage members";
    case Action::kManagePolicy:
      return "change the review policy";
    case Action::kManageScale:
      return "change the rating scale";
    case Action::kImportChecks:
      return "import past checks";
    case Action::kRemoveCheck:
      return "remove an archived check";
    case Action::kDismissSuggestion:
      return "dismiss a suggestion";
    case Action::kRescoreTranscript:
      return "rescore a transcript";
    case Action::kFeedTranscript:
      return "feed a live transcript";
    case Action::kCorrectSegment:
      return "correct a segment";
  }
  return "do an unknown action";
}

Role MinimumRole(Action action) {
  switch (action) {
    case Action::kRead:
      return Role::kViewer;
    case Action::kImportTranscript:
    case Action::kMarkClaim:
    case Action::kEditClaim:
    case Action::kAddSource:
    case Action::kRemoveSource:
    case Action::kAddNote:
    case Action::kEditNote:
    case Action::kSubmitReview:
    case Action::kTakeClaim:
    case Action::kImportChecks:
    case Action::kTagClaim:
    case Action::kDismissSuggestion:
    case Action::kFeedTranscript:
    case Action::kCorrectSegment:
      return Role::kChecker;
    case Action::kAssignClaim:
    case Action::kDecideDispute:
    case Action::kPublish:
    case Action::kDismiss:
    case Action::kReopen:
    case Action::kCorrect:
    case Action::kRemoveCheck:
    case Action::kRescoreTranscript:
      return Role::kEditor;
    case Action::kManageMembers:
    case Action::kManagePolicy:
    case Action::kManageScale:
      return Role::kAdmin;
  }
  return Role::kAdmin;  // an unknown action needs the highest role
}

Status CheckRole(Role role, Action action) {
  const Role needed = MinimumRole(action);
  if (HasAtLeast(role, needed)) return Status::Ok();
  std::string message;
  message.append(Article(role)).append(" ").append(RoleName(role));
  message.append(" may not ").append(ActionName(action));
  message.append("; it needs the ").append(RoleName(needed)).append(" role");
  return Status::PermissionDenied(std::move(message));
}

Status CheckState(ClaimState state, Action action) {
  const StateRule rule = RuleFor(action);
  if ((rule.allowed & Bit(state)) != 0) return Status::Ok();
  std::string message = "claim is ";
  message.append(StateName(state)).append(": ").append(rule.what);
  message.append(" only while a claim is ").append(ListStates(rule.allowed));
  if (action == Action::kEditClaim && state == ClaimState::kPublished) {
    message.append("; a published claim changes only by a correction with a reason");
  } else if (state == ClaimState::kDismissed && (rule.allowed & kOpen) != 0) {
    message.append("; reopen it first");
  }
  return Status::FailedPrecondition(std::move(message));
}

ClaimState ReopenTarget(ClaimState from, bool has_reviews) {
  switch (from) {
    case ClaimState::kDismissed:
      return has_reviews ? ClaimState::kInReview : ClaimState::kOpen;
    case ClaimState::kResolved:
    case ClaimState::kPublished:
      return ClaimState::kInReview;
    case ClaimState::kOpen:
    case ClaimState::kInReview:
    case ClaimState::kDisputed:
      return from;
  }
  return from;
}

std::string_view DismissReasonName(DismissReason reason) {
  switch (reason) {
    case DismissReason::kOpinion:
      return "OPINION";
    case DismissReason::kPrediction:
      return "PREDICTION";
    case DismissReason::kNotCheckable:
      return "NOT_CHECKABLE";
    case DismissReason::kNotAClaim:
      return "NOT_A_CLAIM";
    case DismissReason::kDuplicate:
      return "DUPLICATE";
  }
  return "UNKNOWN_REASON";
}

std::optional<DismissReason> ParseDismissReason(std::string_view name) {
  for (const DismissReason reason : kDismissReasons) {
    if (unicode::EqualsIgnoringAsciiCase(name, DismissReasonName(reason))) return reason;
  }
  return std::nullopt;
}

}  // namespace factdesk::domain
