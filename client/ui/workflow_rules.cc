#include "client/ui/workflow_rules.h"

#include <optional>

#include "domain/claim_actions.h"
#include "proto/claim_checks.h"
#include "proto/domain_enums.h"

namespace factdesk::ui {

WorkflowOptions AllowedWorkflow(const v1::Workspace& workspace, const v1::Claim& claim,
                                const std::vector<const v1::Review*>* reviews) {
  using domain::Action;
  auto check = [&](Action action) { return v1::CheckClaimAction(workspace, claim, action); };
  WorkflowOptions o;
  o.edit = check(Action::kEditClaim);
  o.take = check(Action::kTakeClaim);
  o.tag = check(Action::kTagClaim);
  o.assign = check(Action::kAssignClaim);
  o.dismiss = check(Action::kDismiss);
  o.reopen = check(Action::kReopen);
  o.publish = check(Action::kPublish);
  o.correct = check(Action::kCorrect);
  o.review = check(Action::kSubmitReview);
  o.add_source = check(Action::kAddSource);
  o.remove_source = check(Action::kRemoveSource);
  o.add_note = check(Action::kAddNote);
  std::optional<std::vector<domain::Vote>> votes;
  if (reviews != nullptr) votes = v1::VotesOf(*reviews);
  o.decide = v1::CheckClaimAction(workspace, claim, Action::kDecideDispute, std::move(votes));
  return o;
}

bool Assignable(const v1::Member& member) {
  return domain::CheckAssignee(member.user().id(), v1::ToDomain(member.role())).ok();
}

}  // namespace factdesk::ui
