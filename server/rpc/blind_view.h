#pragma once

#include <cstdint>
#include <memory>
#include <unordered_set>

#include "domain/roles.h"
#include "factdesk/v1/live.pb.h"
#include "factdesk/v1/review.pb.h"
#include "server/live/subscription_stream.h"

namespace factdesk::rpc {

// Clears a review's content for a reader the blind rule keeps from it.
void RedactReview(v1::Review* review);

// The stream view of one subscriber: applies the blind rule to review events, follows
// the subscriber's own reviews (after which the claim's others are visible) and role
// changes, and ends the stream if the subscriber is removed from the workspace.
live::StreamConfig::Verdict ViewEvent(std::int64_t viewer_id, domain::Role* role,
                                      std::unordered_set<std::int64_t>* reviewed,
                                      const v1::Event& in, v1::Event* out, Status* end_status);

}  // namespace factdesk::rpc
