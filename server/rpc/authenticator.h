#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/result.h"
#include "factdesk/v1/token.pb.h"
#include "server/store/db.h"

namespace factdesk::rpc {

// The token in an "authorization: Bearer <token>" value, or UNAUTHENTICATED saying
// what is wrong with it. Pure, so it is tested without a server.
Result<std::string> BearerToken(std::string_view authorization, bool present);

// Resolves tokens to their records (user, id, expiry), remembering answers briefly so a
// busy client does not cost a query per request. A remembered answer never outlives its
// token's expiry, and Forget() drops them all: every replica calls it when a token is
// revoked anywhere (the revocation's NOTIFY), so revoking takes effect at once.
class Authenticator {
 public:
  Authenticator(store::Db& db, std::chrono::seconds cache_ttl) : db_(db), ttl_(cache_ttl) {}
  Result<v1::ApiToken> Authenticate(std::string_view authorization, bool present);
  void Forget();

 private:
  struct Entry {
    v1::ApiToken token;
    std::chrono::steady_clock::time_point until;          // the cache's own limit
    std::chrono::system_clock::time_point token_expires;  // the token's
  };
  store::Db& db_;
  const std::chrono::seconds ttl_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> cache_;  // keyed by the token's SHA-256
  // Bumped by Forget: an answer read before a revocation is not cached after it.
  std::uint64_t generation_ = 0;
};

// When the token expires, as a time point.
std::chrono::system_clock::time_point ExpiryOf(const v1::ApiToken& token);

}  // namespace factdesk::rpc
