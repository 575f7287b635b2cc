#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "factdesk/v1/token.pb.h"
#include "server/store/db.h"
#include "server/store/statement.h"

namespace factdesk::store {

std::span<const Statement> TokenStatements();

// The NOTIFY channel a revocation is announced on (payload: the token's id), so every
// replica forgets what it cached about tokens and ends the token's streams at once.
inline constexpr char kTokenRevokedChannel[] = "factdesk_tokens";

struct IssuedToken {
  std::string token;  // shown once; only its SHA-256 is stored
  v1::ApiToken info;
};
// A new token for the user, valid for `lifetime`.
Result<IssuedToken> IssueToken(Tx& tx, std::int64_t user_id, std::chrono::seconds lifetime);

// The token's record (its user, id and expiry). UNAUTHENTICATED, saying which, for a
// token that is unknown, revoked or expired.
Result<v1::ApiToken> Authenticate(Tx& tx, const std::string& token);

// A user's tokens (user_id 0: everyone's), newest first; with `include_ended`, revoked
// and expired ones too. At most `limit`.
std::vector<v1::ApiToken> ListTokens(Tx& tx, std::int64_t user_id, bool include_ended, int limit);

// Revokes the token and announces it on kTokenRevokedChannel (delivered at commit).
// NOT_FOUND for an unknown id, or one not `owner_id`'s when owner_id is not 0;
// FAILED_PRECONDITION when it is already revoked or has expired.
Result<v1::ApiToken> RevokeToken(Tx& tx, std::int64_t token_id, std::int64_t owner_id);
// Revokes every live token of the user (announcing each); returns them.
std::vector<v1::ApiToken> RevokeTokensOf(Tx& tx, std::int64_t user_id);

// A token's time as messages and listings show it: "2026-03-01 14:05 UTC".
std::string TokenTime(const google::protobuf::Timestamp& ts);

// Which of these tokens are revoked or expired (for streams after a missed NOTIFY).
std::vector<std::int64_t> EndedTokens(Tx& tx, const std::vector<std::int64_t>& token_ids);

}  // namespace factdesk::store
