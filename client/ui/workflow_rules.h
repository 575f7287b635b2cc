#pragma once

#include <vector>

#include "common/status.h"
#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/review.pb.h"
#include "factdesk/v1/workspace.pb.h"

namespace factdesk::ui {

// What the inspector offers on a claim, each action's answer from the rules the server
// applies (v1::CheckClaimAction over domain/): OK when the server would accept it now,
// else the server's own refusal, which the disabled control shows as its tooltip.
struct WorkflowOptions {
  Status edit;  // the summary and the claimant
  Status take;
  Status tag;  // adding or removing a tag
  Status assign;
  Status dismiss;
  Status reopen;
  Status publish;
  Status correct;
  Status review;
  Status add_source;
  Status remove_source;
  Status add_note;
  Status decide;  // the claim's open dispute (the disputes queue)
};

// For the caller, a member of `workspace` as its my_role. `reviews` are the claim's
// reviews once loaded (the votes a decision is checked against), else null.
WorkflowOptions AllowedWorkflow(const v1::Workspace& workspace, const v1::Claim& claim,
                                const std::vector<const v1::Review*>* reviews);

// Whether `member` can be given claims (the assign list offers only them).
bool Assignable(const v1::Member& member);

}  // namespace factdesk::ui
