#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/field_checks.h"

namespace factdesk::rpc {

// "claim_id: must be a positive id" unless id > 0 (shared with the clients).
using domain::RequireId;

// 0 means the default (100); larger than the maximum (500) is capped; negative is refused.
Result<int> PageSize(std::int32_t requested);

// Page tokens are opaque to clients; inside, a keyset position or an offset.
std::string EncodePageToken(std::int64_t position);
// 0 for an empty token; INVALID_ARGUMENT "page_token: ..." for one we did not issue.
Result<std::int64_t> DecodePageToken(std::string_view token);

}  // namespace factdesk::rpc
