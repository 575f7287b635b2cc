#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace factdesk::store {

// SHA-256 of `data`: 32 raw bytes, or 64 lowercase hex digits.
std::string Sha256(std::string_view data);
std::string Sha256Hex(std::string_view data);

// A new API token: "fd_" and 43 URL-safe base64 characters (256 random bits).
Result<std::string> NewToken();

}  // namespace factdesk::store
