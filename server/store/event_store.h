#pragma once

#include <cstdint>
#include <vector>

#include "common/result.h"
#include "factdesk/v1/live.pb.h"
#include "server/store/db.h"
#include "server/store/statement.h"

namespace factdesk::store {

std::span<const Statement> EventStatements();

// Events of a workspace with seq > after_seq, oldest first, at most `limit`, with
// their envelope (seq, kind, actor, time) filled from the row.
Result<std::vector<v1::Event>> ReadEventsAfter(Tx& tx, std::int64_t workspace_id,
                                               std::int64_t after_seq, int limit);

// Every event that concerns a claim, oldest first (claim history).
Result<std::vector<v1::Event>> ReadClaimEvents(Tx& tx, std::int64_t claim_id);

// The workspace's newest seq.
Result<std::int64_t> LastSeq(Tx& tx, std::int64_t workspace_id);

}  // namespace factdesk::store
