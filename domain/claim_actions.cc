#include "domain/claim_actions.h"

namespace factdesk::domain {
namespace {

// "ben", "ben, cara".
std::string JoinHandles(const std::vector<std::string>& handles) {
  std::string out;
  for (const std::string& h : handles) out.append(out.empty() ? "" : ", ").append(h);
  return out;
}

// The rules that look past the role and the state.
Status CheckFacts(Action action, const ClaimFacts& claim) {
  switch (action) {
    case Action::kTakeClaim:
      if (claim.assignees.empty()) return Status::Ok();
      return Status::FailedPrecondition(
          "claim " + std::to_string(claim.id) + " is already assigned to " +
          JoinHandles(claim.assignees) +
          "; only an unassigned claim can be taken (an editor can reassign it)");
    case Action::kSubmitReview:
      return CheckSourceRule(claim.policy, claim.active_sources);
    case Action::kDecideDispute:
      return claim.votes ? CheckCanDecide(claim.policy, *claim.votes) : Status::Ok();
    default:
      return Status::Ok();
  }
}

}  // namespace

Status CheckClaimAction(Role role, Action action, const ClaimFacts& claim) {
  FD_RETURN_IF_ERROR(CheckRole(role, action));
  FD_RETURN_IF_ERROR(CheckState(claim.state, action));
  return CheckFacts(action, claim);
}

FactsNeeded FactsNeededFor(Action action) {
  return {.policy = action == Action::kSubmitReview || action == Action::kDecideDispute,
          .votes = action == Action::kDecideDispute};
}

Status CheckAssignee(std::int64_t user_id, std::optional<Role> role) {
  if (role && HasAtLeast(*role, Role::kChecker)) return Status::Ok();
  return Status::InvalidArgument(
      "assignee_ids",
      "user " + std::to_string(user_id) + " is not a member with the checker role or above");
}

}  // namespace factdesk::domain
