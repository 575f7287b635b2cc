#pragma once

#include <cstdint>
#include <span>

#include "common/status.h"
#include "server/store/db.h"
#include "server/store/statement.h"

// "Same claim as ...": the earlier check a claim is linked to (claims.linked_*, migration
// 0012). The claim as read (claim_store) carries the link.
namespace factdesk::store {

std::span<const Statement> ClaimLinkStatements();

// What a claim may be linked to: exactly one of an archived check and another claim.
struct LinkTarget {
  std::int64_t check_id = 0;
  std::int64_t claim_id = 0;
};

// OK when the target is in the claim's workspace (a check not removed; a claim other than
// the claim itself), else NOT_FOUND naming it ("there is no archived check 9 in this
// workspace") or INVALID_ARGUMENT for the claim itself.
Status CheckLinkTarget(Tx& tx, std::int64_t workspace_id, std::int64_t claim_id,
                       const LinkTarget& target);

// Sets the link (replacing any) and bumps the claim's version; an empty target clears it.
void SetClaimLink(Tx& tx, std::int64_t claim_id, const LinkTarget& target, std::int64_t user_id);

}  // namespace factdesk::store
