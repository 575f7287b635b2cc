#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "factdesk/v1/export.pb.h"
#include "server/store/db.h"
#include "server/store/statement.h"

// What exports read about claims besides the claims themselves: their corrections and
// the editors' decisions of their disputes, for a page of claims at once.
namespace factdesk::store {

std::span<const Statement> ExportStatements();

// Corrections of several claims, by claim, oldest first.
Result<std::unordered_map<std::int64_t, std::vector<v1::ClaimCorrection>>> CorrectionsOf(
    Tx& tx, const std::vector<std::int64_t>& claim_ids);

// The reasoning of the latest dispute an editor decided, by claim (claims without one are
// absent).
Result<std::unordered_map<std::int64_t, std::string>> DecisionsOf(
    Tx& tx, const std::vector<std::int64_t>& claim_ids);

}  // namespace factdesk::store
