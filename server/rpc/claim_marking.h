#pragma once

#include <cstdint>
#include <string>

#include "common/result.h"
#include "factdesk/v1/claim.pb.h"
#include "server/rpc/call.h"
#include "server/store/db.h"
#include "server/store/transcript_store.h"

namespace factdesk::rpc {

// Marks the byte range [start, end) of a speech segment as a claim, as `call`'s user:
// anchors it (domain::AnchorRange: code point boundaries, quote, prefix, suffix) and
// inserts the claim with its defaults (the quote as summary, the speaker as claimant).
// CreateClaim and AcceptSuggestion both mark claims through it, so a suggestion becomes
// a claim by the same rules. The caller has authorized the call, taken the workspace's
// seq (CreateClaim at commit: a new claim is its only record; AcceptSuggestion at once)
// and appends the event.
Result<v1::Claim> MarkClaim(store::Tx& tx, const Call& call, const store::SegmentInfo& seg,
                            std::int32_t start, std::int32_t end, const std::string& summary,
                            const std::string& claimant);

}  // namespace factdesk::rpc
