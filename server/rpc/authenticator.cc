#include "server/rpc/authenticator.h"

#include <strings.h>

#include "proto/factdesk/v1/metadata.h"
#include "server/store/account_store.h"
#include "server/store/digest.h"
#include "server/store/token_store.h"

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

std::chrono::system_clock::time_point ExpiryOf(const v1::ApiToken& token) {
  // To the microsecond, as stored: a stream must not end before the database refuses it.
  const auto& at = token.expires_at();
  return std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::seconds(at.seconds()) + std::chrono::nanoseconds(at.nanos())));
}

Result<v1::ApiToken> Authenticator::Authenticate(std::string_view authorization, bool present) {
  FD_ASSIGN_OR_RETURN(const std::string token, BearerToken(authorization, present));
  const std::string key = store::Sha256(token);
  const auto now = std::chrono::steady_clock::now();
  std::uint64_t generation = 0;
  {
    std::lock_guard lock(mu_);
    generation = generation_;
    if (auto it = cache_.find(key); it != cache_.end()) {
      if (it->second.until > now && it->second.token_expires > std::chrono::system_clock::now()) {
        return it->second.token;
      }
      cache_.erase(it);  // stale, or the token expired: ask the database, which says which
    }
  }
  v1::ApiToken found;
  FD_RETURN_IF_ERROR(db_.Read("authenticating", [&](store::Tx& tx) -> Status {
    FD_ASSIGN_OR_RETURN(found, store::Authenticate(tx, token));
    return Status::Ok();
  }));
  std::lock_guard lock(mu_);
  if (generation != generation_) return found;  // revoked meanwhile, maybe this very one
  if (cache_.size() >= kMaxCachedTokens) cache_.clear();
  cache_[key] = {found, now + ttl_, ExpiryOf(found)};
  return found;
}

void Authenticator::Forget() {
  std::lock_guard lock(mu_);
  cache_.clear();
  ++generation_;
}

}  // namespace factdesk::rpc
