#include "server/rpc/authenticator.h"

#include <strings.h>

#include "proto/factdesk/v1/metadata.h"
#include "server/store/account_store.h"
#include "server/store/digest.h"

namespace factdesk::rpc {
namespace {

constexpr std::size_t kMaxCachedTokens = 10000;

}  // namespace

Result<std::string> BearerToken(std::string_view authorization, bool present) {
  if (!present) {
    return Status::Unauthenticated(
        "missing credentials: send the metadata 'authorization: Bearer <token>'");
  }
  constexpr std::string_view kScheme = v1::kBearerPrefix;  // compared ignoring case
  if (authorization.size() <= kScheme.size() ||
      strncasecmp(authorization.data(), kScheme.data(), kScheme.size()) != 0) {
    return Status::Unauthenticated("the authorization metadata must be 'Bearer <token>'");
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty()) {
    return Status::Unauthenticated("the authorization metadata must be 'Bearer <token>'");
  }
  return std::string(token);
}

Result<v1::User> Authenticator::Authenticate(std::string_view authorization, bool present) {
  FD_ASSIGN_OR_RETURN(const std::string token, BearerToken(authorization, present));
  const std::string key = store::Sha256(token);
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mu_);
    if (auto it = cache_.find(key); it != cache_.end() && it->second.expires > now) {
      return it->second.user;
    }
  }
  v1::User user;
  FD_RETURN_IF_ERROR(db_.Read("authenticating", [&](store::Tx& tx) -> Status {
    FD_ASSIGN_OR_RETURN(user, store::Authenticate(tx, token));
    return Status::Ok();
  }));
  std::lock_guard lock(mu_);
  if (cache_.size() >= kMaxCachedTokens) cache_.clear();
  cache_[key] = {user, now + ttl_};
  return user;
}

}  // namespace factdesk::rpc
