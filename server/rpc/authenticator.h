#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/result.h"
#include "factdesk/v1/common.pb.h"
#include "server/store/db.h"

namespace factdesk::rpc {

// The token in an "authorization: Bearer <token>" value, or UNAUTHENTICATED saying
// what is wrong with it. Pure, so it is tested without a server.
Result<std::string> BearerToken(std::string_view authorization, bool present);

// Resolves tokens to users, remembering answers briefly so a busy client does not
// cost a query per request.
class Authenticator {
 public:
  Authenticator(store::Db& db, std::chrono::seconds cache_ttl) : db_(db), ttl_(cache_ttl) {}
  Result<v1::User> Authenticate(std::string_view authorization, bool present);

 private:
  struct Entry {
    v1::User user;
    std::chrono::steady_clock::time_point expires;
  };
  store::Db& db_;
  const std::chrono::seconds ttl_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> cache_;  // keyed by the token's SHA-256
};

}  // namespace factdesk::rpc
