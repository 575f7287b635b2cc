#pragma once

#include <cstdint>

#include "common/result.h"
#include "domain/roles.h"
#include "domain/workflow.h"
#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/live.pb.h"
#include "server/rpc/call.h"
#include "server/store/db.h"

namespace factdesk::rpc {

// The caller's role in the workspace if it may take `action` there:
// PERMISSION_DENIED for non-members and for roles below the action's minimum.
Result<domain::Role> Authorize(store::Tx& tx, std::int64_t workspace_id, const Call& call,
                               domain::Action action);

// Both the role and the claim's state allow `action` (role first: a viewer learns
// nothing about states it may not change).
Status CheckClaimAction(domain::Role role, const v1::Claim& claim, domain::Action action);

domain::ClaimState ToDomainState(v1::ClaimStatus status);
v1::ClaimStatus ToProtoStatus(domain::ClaimState state);

// An event of `kind` about `claim_id` (0 when none), records to be set by the caller.
v1::Event NewEvent(v1::EventKind kind, std::int64_t claim_id = 0);

}  // namespace factdesk::rpc
