#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "common/result.h"
#include "server/store/db.h"
#include "server/store/token_store.h"

namespace factdesk::server {

// The operator's token commands (factdesk-server admin issue-token | list-tokens |
// revoke-token), run straight against the database. A revocation reaches every running
// replica through its NOTIFY, so it takes effect at once.

// A new token for the user, valid for `lifetime`.
Result<store::IssuedToken> AdminNewToken(store::Db& db, const std::string& handle,
                                         std::chrono::seconds lifetime);
// The live tokens of one user (or everyone's, handle empty), as a table; with
// `include_ended`, revoked and expired ones too.
Result<std::string> AdminListTokens(store::Db& db, const std::string& handle, bool include_ended);
// Revokes one token by id.
Result<std::string> AdminRevokeToken(store::Db& db, std::int64_t token_id);
// Revokes every live token of the user (someone leaves, a laptop is lost).
Result<std::string> AdminRevokeTokensOf(store::Db& db, const std::string& handle);

}  // namespace factdesk::server
