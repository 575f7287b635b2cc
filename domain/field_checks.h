#pragma once

#include <cstdint>
#include <string_view>

#include "common/status.h"

// Checks of the request fields that are not text: ids and versions.
namespace factdesk::domain {

// OK, or INVALID_ARGUMENT "claim_id: must be a positive id".
Status RequireId(std::string_view field, std::int64_t id);

// OK, or INVALID_ARGUMENT "expected_version: must be the version you read (got 0)".
Status RequireVersion(std::int64_t expected_version);

}  // namespace factdesk::domain
