#pragma once

#include <string>

#include "domain/waiting_for.h"
#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/review.pb.h"
#include "factdesk/v1/workspace.pb.h"

// domain::WaitingFor over the records a client holds, so the CLI and the desktop say the
// same words about what a claim waits for.
namespace factdesk::v1 {

// What the claim's progress reads from its record, its reviews (as the caller sees them:
// a hidden review still names its reviewer) and its open dispute (nullptr when none).
domain::ClaimProgress ProgressOf(const Claim& claim, const ReviewPolicy& policy,
                                 const google::protobuf::RepeatedPtrField<Review>& reviews,
                                 const Dispute* open_dispute);

// domain::WaitingFor(ProgressOf(...)).
std::string WaitingFor(const Claim& claim, const ReviewPolicy& policy,
                       const google::protobuf::RepeatedPtrField<Review>& reviews,
                       const Dispute* open_dispute);

}  // namespace factdesk::v1
