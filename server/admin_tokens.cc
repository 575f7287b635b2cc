#include "server/admin_tokens.h"

#include <fmt/format.h>

#include "domain/text_validation.h"
#include "server/store/account_store.h"

namespace factdesk::server {
namespace {

using store::TokenTime;
using store::Tx;

constexpr int kMaxListed = 1000;

std::string StateOf(const v1::ApiToken& t) {
  if (t.has_revoked_at()) return "revoked " + TokenTime(t.revoked_at());
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  if (t.expires_at().seconds() <= std::chrono::duration_cast<std::chrono::seconds>(now).count()) {
    return "expired";
  }
  return "live";
}

}  // namespace

Result<store::IssuedToken> AdminNewToken(store::Db& db, const std::string& handle,
                                         std::chrono::seconds lifetime) {
  FD_RETURN_IF_ERROR(domain::ValidateHandle(handle));
  store::IssuedToken issued;
  FD_RETURN_IF_ERROR(db.Write("admin issue-token", 0, [&](Tx& tx) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::User user, store::FindUser(tx, handle));
    FD_ASSIGN_OR_RETURN(issued, store::IssueToken(tx, user.id(), lifetime));
    return Status::Ok();
  }));
  return issued;
}

Result<std::string> AdminListTokens(store::Db& db, const std::string& handle, bool include_ended) {
  if (!handle.empty()) FD_RETURN_IF_ERROR(domain::ValidateHandle(handle));
  std::vector<v1::ApiToken> tokens;
  FD_RETURN_IF_ERROR(db.Read("admin list-tokens", [&](Tx& tx) -> Status {
    std::int64_t user_id = 0;
    if (!handle.empty()) {
      FD_ASSIGN_OR_RETURN(const v1::User user, store::FindUser(tx, handle));
      user_id = user.id();
    }
    tokens = store::ListTokens(tx, user_id, include_ended, kMaxListed);
    return Status::Ok();
  }));
  if (tokens.empty()) return std::string(include_ended ? "no tokens" : "no live tokens");
  std::string out =
      fmt::format("{:<8} {:<20} {:<20} {:<20} {}", "ID", "USER", "CREATED", "EXPIRES", "STATE");
  for (const auto& t : tokens) {
    out += fmt::format("\n{:<8} {:<20} {:<20} {:<20} {}", t.id(), t.user().handle(),
                       TokenTime(t.created_at()), TokenTime(t.expires_at()), StateOf(t));
  }
  return out;
}

Result<std::string> AdminRevokeToken(store::Db& db, std::int64_t token_id) {
  if (token_id <= 0) return Status::InvalidArgument("TOKEN_ID", "must be a positive id");
  v1::ApiToken revoked;
  FD_RETURN_IF_ERROR(db.Write("admin revoke-token", 0, [&](Tx& tx) -> Status {
    auto r = store::RevokeToken(tx, token_id, 0);
    if (!r.ok() && r.status().code() == Code::kNotFound) {
      return Status::NotFound(fmt::format("there is no token {}", token_id));
    }
    FD_ASSIGN_OR_RETURN(revoked, std::move(r));
    return Status::Ok();
  }));
  return fmt::format("revoked token {} of {}", revoked.id(), revoked.user().handle());
}

Result<std::string> AdminRevokeTokensOf(store::Db& db, const std::string& handle) {
  FD_RETURN_IF_ERROR(domain::ValidateHandle(handle));
  std::vector<v1::ApiToken> revoked;
  FD_RETURN_IF_ERROR(db.Write("admin revoke-token", 0, [&](Tx& tx) -> Status {
    FD_ASSIGN_OR_RETURN(const v1::User user, store::FindUser(tx, handle));
    revoked = store::RevokeTokensOf(tx, user.id());
    return Status::Ok();
  }));
  std::string ids;
  for (const auto& t : revoked) ids += (ids.empty() ? "" : ", ") + std::to_string(t.id());
  if (revoked.empty()) return fmt::format("{} has no live tokens", handle);
  return fmt::format("revoked {} token{} of {} ({})", revoked.size(),
                     revoked.size() == 1 ? "" : "s", handle, ids);
}

}  // namespace factdesk::server
