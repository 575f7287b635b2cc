#pragma once

#include <cstdint>
#include <vector>

#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/live.pb.h"

namespace factdesk::rpc {

// A claim's history from its events (oldest first): who did what and when, with old
// and new values of the claim's fields. Review verdicts are left out unless the viewer
// may see them (`see_reviews`) or the review is the viewer's own.
v1::GetClaimHistoryResponse BuildClaimHistory(const std::vector<v1::Event>& events,
                                              std::int64_t viewer_id, bool see_reviews);

}  // namespace factdesk::rpc
