#pragma once

#include <optional>

#include "domain/review_rules.h"
#include "domain/roles.h"
#include "domain/workflow.h"
#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/common.pb.h"
#include "factdesk/v1/workspace.pb.h"

// The one mapping between factdesk.v1's enums and the domain's, for the server and both
// clients. Proto enums are open (a request may carry any number), so the way in is
// nullopt for UNSPECIFIED and unknown values; the way out is total.
namespace factdesk::v1 {

std::optional<domain::ClaimState> ToDomain(ClaimStatus status);
ClaimStatus ToProto(domain::ClaimState state);

std::optional<domain::Role> ToDomain(Role role);
Role ToProto(domain::Role role);

std::optional<domain::DismissReason> ToDomain(DismissReason reason);
DismissReason ToProto(domain::DismissReason reason);

std::optional<domain::DisputeRule> ToDomain(DisputeRule rule);
DisputeRule ToProto(domain::DisputeRule rule);

// A workspace's review policy as the rules read it. An unknown dispute rule reads as
// EDITOR_DECIDES, the default (stored policies are validated, so only a newer peer's
// value could be unknown).
domain::Policy ToDomain(const ReviewPolicy& policy);

}  // namespace factdesk::v1
