#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "factdesk/v1/source.pb.h"
#include "server/store/db.h"
#include "server/store/statement.h"

namespace factdesk::store {

std::span<const Statement> SourceStatements();

// `source` carries the validated, normalised fields; ids and times are assigned here.
Result<v1::Source> InsertSource(Tx& tx, std::int64_t workspace_id, const v1::Source& source,
                                std::int64_t added_by);
Result<v1::Source> GetSource(Tx& tx, std::int64_t source_id);
Result<std::vector<v1::Source>> ListSources(Tx& tx, std::int64_t claim_id, bool include_removed);
// Active sources of several claims, by claim (exports).
Result<std::unordered_map<std::int64_t, std::vector<v1::Source>>> ActiveSourcesOf(
    Tx& tx, const std::vector<std::int64_t>& claim_ids);
// Marks it removed (kept for the history).
Result<v1::Source> MarkSourceRemoved(Tx& tx, std::int64_t source_id, std::int64_t removed_by);
int CountActiveSources(Tx& tx, std::int64_t claim_id);

}  // namespace factdesk::store
