#pragma once

#include <cstdint>

#include "common/result.h"
#include "factdesk/v1/dashboard.pb.h"
#include "server/store/db.h"
#include "server/store/statement.h"

namespace factdesk::store {

std::span<const Statement> DashboardStatements();

// Every figure of the dashboard, computed in SQL. Run it in a Db::Read transaction
// (one REPEATABLE READ snapshot) so the figures agree with each other and with
// `as_of_seq` while others write. transcript_id 0 = the whole workspace.
Result<v1::Dashboard> ComputeDashboard(Tx& tx, std::int64_t workspace_id,
                                       std::int64_t transcript_id);

}  // namespace factdesk::store
