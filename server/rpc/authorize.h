#pragma once

#include <cstdint>

#include "common/result.h"
#include "domain/roles.h"
#include "domain/workflow.h"
#include "factdesk/v1/live.pb.h"
#include "server/rpc/call.h"
#include "server/store/db.h"

namespace factdesk::rpc {

// The caller's role in the workspace if it may take `action` there:
// PERMISSION_DENIED for non-members and for roles below the action's minimum. (An action
// on a claim is then checked against the claim by domain::CheckClaimAction, in
// MutateClaim.)
Result<domain::Role> Authorize(store::Tx& tx, std::int64_t workspace_id, const Call& call,
                               domain::Action action);

// An event of `kind` about `claim_id` (0 when none), records to be set by the caller.
v1::Event NewEvent(v1::EventKind kind, std::int64_t claim_id = 0);

}  // namespace factdesk::rpc
