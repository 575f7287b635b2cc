#pragma once

#include <optional>
#include <string_view>

#include "common/status.h"
#include "domain/roles.h"

// The review workflow (DESIGN 5): claim states, the actions members take, which role each
// action needs and in which states it is allowed. The server checks both before any write.
namespace factdesk::domain {

enum class ClaimState { kOpen, kInReview, kDisputed, kResolved, kPublished, kDismissed };
// Every state, in workflow order: for code and tests that walk them all.
inline constexpr ClaimState kAllClaimStates[] = {ClaimState::kOpen,      ClaimState::kInReview,
                                                 ClaimState::kDisputed,  ClaimState::kResolved,
                                                 ClaimState::kPublished, ClaimState::kDismissed};

// "OPEN", "IN_REVIEW", "DISPUTED", "RESOLVED", "PUBLISHED", "DISMISSED".
std::string_view StateName(ClaimState state);
// The state a name denotes, ignoring ASCII case; nullopt otherwise.
std::optional<ClaimState> ParseState(std::string_view name);

enum class Action {
  kRead,
  kImportTranscript,
  kMarkClaim,
  kEditClaim,
  kAddSource,
  kRemoveSource,
  kAddNote,
  kEditNote,
  kSubmitReview,
  kTakeClaim,
  kTagClaim,
  kAssignClaim,
  kDecideDispute,
  kPublish,
  kDismiss,
  kReopen,
  kCorrect,
  kManageMembers,
  kManagePolicy,
  kManageScale,
  kImportChecks,
  kRemoveCheck,
  // Suggestions (issue 14): accepting one is kMarkClaim.
  kDismissSuggestion,
  kRescoreTranscript,
  // Live transcripts (issue 13): opening, appending to and closing one; correcting a
  // segment's text.
  kFeedTranscript,
  kCorrectSegment,
};

// A verb phrase for messages: "publish a claim", "decide a dispute", "manage members".
std::string_view ActionName(Action action);

// The least role that may take `action`: viewers read; checkers import, mark, edit claims,
// add and remove sources, add and edit notes, review, take and tag claims, import past
// checks into the archive; editors assign, decide disputes, publish, dismiss, reopen,
// correct and remove archived checks; checkers dismiss suggestions (triage, as marking
// is) and editors rescore a transcript (it replaces everyone's open suggestions); checkers
// feed live transcripts and correct segments' text (a feed runs with a checker's token); admins
// manage members, the review
// policy and the rating scale. (DESIGN 5 lists the rating scale under editors; the issue
// this implements gives it to admins with the other workspace settings.)
Role MinimumRole(Action action);

// OK, or PERMISSION_DENIED "a checker may not publish a claim; it needs the editor role".
// Ownership rules (editing someone else's note) are the caller's.
Status CheckRole(Role role, Action action);

// OK, or FAILED_PRECONDITION naming the state and the rule:
//   "claim is RESOLVED: reviews can be submitted only while a claim is OPEN, IN_REVIEW or
//   DISPUTED".
// Actions that do not depend on a claim's state (read, import, mark, notes, managing the
// workspace) are allowed in every state.
Status CheckState(ClaimState state, Action action);

// The state a reopened claim returns to: a dismissed claim to OPEN, or IN_REVIEW when it
// has reviews; a resolved or published one to IN_REVIEW. Other states are not reopened
// (CheckState refuses) and are returned unchanged.
ClaimState ReopenTarget(ClaimState from, bool has_reviews);

// Why a claim was dismissed as not checkable.
enum class DismissReason { kOpinion, kPrediction, kNotCheckable, kNotAClaim, kDuplicate };

// "OPINION", "PREDICTION", "NOT_CHECKABLE", "NOT_A_CLAIM", "DUPLICATE".
std::string_view DismissReasonName(DismissReason reason);
// The reason a name denotes, ignoring ASCII case; nullopt otherwise.
std::optional<DismissReason> ParseDismissReason(std::string_view name);

}  // namespace factdesk::domain
