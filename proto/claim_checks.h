#pragma once

#include <optional>
#include <vector>

#include "common/status.h"
#include "domain/claim_actions.h"
#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/review.pb.h"
#include "factdesk/v1/workspace.pb.h"

// domain::CheckClaimAction over the records the server and the clients hold. The server
// asks it under the claim's lock; the desktop and the CLI ask it of their copies before
// they send, and get the answer the server would give. A stale copy can only make a
// client ask in vain: the server still decides.
namespace factdesk::v1 {

// The claim's state; an unknown status (a newer server's) reads as OPEN.
domain::ClaimState StateOf(const Claim& claim);

// What the rules read from a claim record, with the workspace's review policy.
domain::ClaimFacts FactsOf(const Claim& claim, const ReviewPolicy& policy);

// The verdicts of the reviews the caller can see (hidden ones are skipped): the votes an
// editor's decision is checked against.
std::vector<domain::Vote> VotesOf(const std::vector<const Review*>& reviews);

// May the caller, a member of `workspace` as `workspace.my_role()`, take `action` on
// `claim` now? `votes` are the claim's votes when the caller has them (see
// domain::ClaimFacts::votes). ROLE_UNSPECIFIED (not a member) is refused as the server
// refuses it.
Status CheckClaimAction(const Workspace& workspace, const Claim& claim, domain::Action action,
                        std::optional<std::vector<domain::Vote>> votes = std::nullopt);

// May the caller, as `workspace.my_role()`, take `action` in the workspace (the role alone:
// importing, marking a claim, deciding disputes at all)?
Status CheckRole(const Workspace& workspace, domain::Action action);

}  // namespace factdesk::v1
