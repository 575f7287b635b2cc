#include "client/ui/workflow_rules.h"

namespace factdesk::ui {

WorkflowOptions AllowedWorkflow(const v1::Claim& claim, v1::Role role, std::int64_t self_user_id) {
  WorkflowOptions o;
  const bool checker = role >= v1::ROLE_CHECKER;
  const bool editor = role >= v1::ROLE_EDITOR;
  const auto s = claim.status();
  const bool active = s == v1::CLAIM_STATUS_OPEN || s == v1::CLAIM_STATUS_IN_REVIEW ||
                      s == v1::CLAIM_STATUS_DISPUTED;
  bool assigned_to_me = false;
  for (const auto& u : claim.assignees()) assigned_to_me |= u.id() == self_user_id;
  o.take = checker && claim.assignees().empty() && !assigned_to_me &&
           (s == v1::CLAIM_STATUS_OPEN || s == v1::CLAIM_STATUS_IN_REVIEW);
  o.assign = editor && active;
  o.dismiss = editor && (s == v1::CLAIM_STATUS_OPEN || s == v1::CLAIM_STATUS_IN_REVIEW);
  o.reopen = editor && (s == v1::CLAIM_STATUS_DISMISSED || s == v1::CLAIM_STATUS_RESOLVED ||
                        s == v1::CLAIM_STATUS_PUBLISHED);
  o.publish = editor && s == v1::CLAIM_STATUS_RESOLVED;
  o.review = checker && active;
  o.edit = checker && s != v1::CLAIM_STATUS_PUBLISHED;
  o.add_source = checker && s != v1::CLAIM_STATUS_PUBLISHED && s != v1::CLAIM_STATUS_DISMISSED;
  o.add_note = checker;
  return o;
}

}  // namespace factdesk::ui
