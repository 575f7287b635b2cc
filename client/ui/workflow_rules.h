#pragma once

#include <cstdint>

#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/common.pb.h"

namespace factdesk::ui {

// Which workflow buttons the inspector offers for a claim to a member of `role`. The
// server decides (these only mirror its rules so people are not offered refusals).
struct WorkflowOptions {
  bool take = false;
  bool assign = false;
  bool dismiss = false;
  bool reopen = false;
  bool publish = false;
  bool review = false;
  bool edit = false;
  bool add_source = false;
  bool add_note = false;
};

WorkflowOptions AllowedWorkflow(const v1::Claim& claim, v1::Role role, std::int64_t self_user_id);

}  // namespace factdesk::ui
