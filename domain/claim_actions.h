#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "domain/review_rules.h"
#include "domain/roles.h"
#include "domain/workflow.h"

// The one answer to "may this member take this action on this claim now?": the server
// asks it under the claim's lock before it writes, the desktop to enable a button, the
// CLI before it sends. The role and state tables it applies are in workflow.cc.
namespace factdesk::domain {

// What the rules read about a claim: its state, and the facts beyond the state that some
// actions depend on. All of it is on the claim record a client holds, or on its workspace.
struct ClaimFacts {
  std::int64_t id = 0;
  ClaimState state = ClaimState::kOpen;
  // Handles of the assignees, in the claim's order: only an unassigned claim is taken.
  std::vector<std::string> assignees;
  // Sources not removed: the policy may require one before a verdict.
  int active_sources = 0;
  // The workspace's review policy (read by a review and a dispute's decision).
  Policy policy;
  // Each reviewer's latest verdict, for a dispute's decision under MAJORITY. A client
  // that cannot see them leaves this empty and that one rule unchecked; the server
  // always knows them.
  std::optional<std::vector<Vote>> votes;
};

// OK, or the refusal the server sends, checked in this order (the first refusal wins):
//   1. the role: PERMISSION_DENIED "a checker may not publish a claim; it needs the editor
//      role" (CheckRole);
//   2. the state: FAILED_PRECONDITION "claim is OPEN: claims can be published only while a
//      claim is RESOLVED" (CheckState);
//   3. the claim's facts: taking needs an unassigned claim ("claim 7 is already assigned
//      to ben; ..."), a review needs a source when the policy requires one
//      (CheckSourceRule), a decision under MAJORITY needs a tie (CheckCanDecide).
// What the request itself carries (a verdict on the scale, the assignees' roles, the
// version read) is checked by the server after this.
Status CheckClaimAction(Role role, Action action, const ClaimFacts& claim);

// Which facts beyond the claim record CheckClaimAction reads for `action`, so the server
// fetches them only when they count: the policy for a review or a decision, the votes for
// a decision.
struct FactsNeeded {
  bool policy = false;
  bool votes = false;
};
FactsNeeded FactsNeededFor(Action action);

// OK when a member with `role` (nullopt: not a member) can be assigned a claim, else
// INVALID_ARGUMENT "assignee_ids: user 7 is not a member with the checker role or above".
Status CheckAssignee(std::int64_t user_id, std::optional<Role> role);

}  // namespace factdesk::domain
