#include "server/store/token_store.h"

#include <array>
#include <ctime>

#include <fmt/format.h>
#include <pqxx/binarystring>

#include "server/store/digest.h"
#include "server/store/rows.h"

namespace factdesk::store {
namespace {

// A token row with its user.
struct TokenColumns {
  explicit TokenColumns(ColumnLookup& c)
      : id(c("id")),
        user(c, "user"),
        created_at(c("created_at")),
        expires_at(c("expires_at")),
        revoked_at(c("revoked_at")),
        expired(c("expired")) {}
  ColumnIndex id;
  UserColumns user;
  ColumnIndex created_at, expires_at, revoked_at, expired;
};

#define FD_TOKEN_COLUMNS                                                                  \
  "t.id, u.id AS user_id, u.handle AS user_handle, u.display_name AS user_display_name, " \
  "fd_us(t.created_at) AS created_at, fd_us(t.expires_at) AS expires_at, "                \
  "fd_us(t.revoked_at) AS revoked_at, t.expires_at <= now() AS expired "

constexpr std::array kTokenStatements = {
    Statement{"tokens.insert",
              "INSERT INTO api_tokens (user_id, token_sha256, expires_at) "
              "VALUES ($1, $2, now() + $3 * interval '1 second') RETURNING id",
              RowsAs<Column<"id">>},
    Statement{"tokens.get",
              "SELECT " FD_TOKEN_COLUMNS
              "FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1",
              RowsAs<TokenColumns>},
    Statement{"tokens.by_digest",
              "SELECT " FD_TOKEN_COLUMNS
              "FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_sha256 = $1",
              RowsAs<TokenColumns>},
    // Per user, the newest `limit`; everyone's (user 0) by handle.
    Statement{"tokens.list",
              "SELECT " FD_TOKEN_COLUMNS "FROM api_tokens t JOIN users u ON u.id = t.user_id "
              "WHERE ($1::bigint = 0 OR t.user_id = $1::bigint) "
              "AND ($2 OR (t.revoked_at IS NULL AND t.expires_at > now())) "
              "ORDER BY u.handle, t.id DESC LIMIT $3",
              RowsAs<TokenColumns>},
    Statement{"tokens.revoke",
              "UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL "
              "AND expires_at > now()"},
    Statement{"tokens.live_of_user",
              "SELECT id FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL "
              "AND expires_at > now() ORDER BY id",
              RowsAs<Column<"id">>},
    Statement{"tokens.notify_revoked", "SELECT pg_notify('factdesk_tokens', $1)"},
    Statement{"tokens.ended_among",
              "SELECT id FROM api_tokens WHERE id = ANY($1::bigint[]) "
              "AND (revoked_at IS NOT NULL OR expires_at <= now())",
              RowsAs<Column<"id">>},
};

#undef FD_TOKEN_COLUMNS

struct TokenRow {
  v1::ApiToken token;
  bool expired = false;
};

TokenRow TokenFromRow(const pqxx::row& row, const TokenColumns& col) {
  TokenRow out;
  out.token.set_id(row[col.id].as<std::int64_t>());
  SetUser(row, col.user, [&] { return out.token.mutable_user(); });
  SetTime(row[col.created_at], [&] { return out.token.mutable_created_at(); });
  SetTime(row[col.expires_at], [&] { return out.token.mutable_expires_at(); });
  SetTime(row[col.revoked_at], [&] { return out.token.mutable_revoked_at(); });
  out.expired = row[col.expired].as<bool>();
  return out;
}

// The first row of a token result.
TokenRow FirstToken(const pqxx::result& r) {
  return TokenFromRow(r[0], MapColumns<TokenColumns>(r));
}

// The ids of a one-column id result.
std::vector<std::int64_t> IdsOf(const pqxx::result& r) {
  return ColumnValues<std::int64_t, "id">(r);
}

Result<TokenRow> GetToken(Tx& tx, std::int64_t token_id) {
  const pqxx::result r = tx.Exec("tokens.get", token_id);
  if (r.empty()) return Status::NotFound(fmt::format("there is no token {}", token_id));
  return FirstToken(r);
}

}  // namespace

std::string TokenTime(const google::protobuf::Timestamp& ts) {
  const std::time_t t = ts.seconds();
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02} UTC", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min);
}

std::span<const Statement> TokenStatements() {
  return kTokenStatements;
}

Result<IssuedToken> IssueToken(Tx& tx, std::int64_t user_id, std::chrono::seconds lifetime) {
  FD_ASSIGN_OR_RETURN(std::string token, NewToken());
  const std::string digest = Sha256(token);
  const pqxx::result r =
      tx.Exec("tokens.insert", user_id, pqxx::binarystring(digest.data(), digest.size()),
              static_cast<std::int64_t>(lifetime.count()));
  FD_ASSIGN_OR_RETURN(TokenRow row, GetToken(tx, FirstValue<std::int64_t, "id">(r)));
  return IssuedToken{std::move(token), std::move(row.token)};
}

Result<v1::ApiToken> Authenticate(Tx& tx, const std::string& token) {
  const std::string digest = Sha256(token);
  const pqxx::result r =
      tx.Exec("tokens.by_digest", pqxx::binarystring(digest.data(), digest.size()));
  if (r.empty()) return Status::Unauthenticated("the token is not valid (unknown or revoked)");
  TokenRow row = FirstToken(r);
  if (row.token.has_revoked_at()) {
    return Status::Unauthenticated(
        fmt::format("the token was revoked on {}; log in with a new one (an admin issues it "
                    "with `factdesk-server admin issue-token`)",
                    TokenTime(row.token.revoked_at())));
  }
  if (row.expired) {
    return Status::Unauthenticated(
        fmt::format("the token expired on {}; log in with a new one (an admin issues it with "
                    "`factdesk-server admin issue-token`)",
                    TokenTime(row.token.expires_at())));
  }
  return std::move(row.token);
}

std::vector<v1::ApiToken> ListTokens(Tx& tx, std::int64_t user_id, bool include_ended, int limit) {
  std::vector<v1::ApiToken> out;
  const pqxx::result r = tx.Exec("tokens.list", user_id, include_ended, limit);
  const auto col = MapColumns<TokenColumns>(r);
  for (const auto& row : r) out.push_back(TokenFromRow(row, col).token);
  return out;
}

Result<v1::ApiToken> RevokeToken(Tx& tx, std::int64_t token_id, std::int64_t owner_id) {
  auto found = GetToken(tx, token_id);
  if (!found.ok() || (owner_id != 0 && found->token.user().id() != owner_id)) {
    return Status::NotFound(fmt::format("you have no token {}", token_id));
  }
  if (found->token.has_revoked_at()) {
    return Status::FailedPrecondition(fmt::format("token {} was already revoked on {}", token_id,
                                                  TokenTime(found->token.revoked_at())));
  }
  if (tx.Exec("tokens.revoke", token_id).affected_rows() == 0) {
    return Status::FailedPrecondition(fmt::format("token {} expired on {}; it is refused already",
                                                  token_id, TokenTime(found->token.expires_at())));
  }
  tx.Exec("tokens.notify_revoked", std::to_string(token_id));
  FD_ASSIGN_OR_RETURN(TokenRow revoked, GetToken(tx, token_id));
  return std::move(revoked.token);
}

std::vector<v1::ApiToken> RevokeTokensOf(Tx& tx, std::int64_t user_id) {
  std::vector<v1::ApiToken> out;
  for (const std::int64_t id : IdsOf(tx.Exec("tokens.live_of_user", user_id))) {
    if (auto revoked = RevokeToken(tx, id, user_id); revoked.ok()) {
      out.push_back(std::move(*revoked));
    }
  }
  return out;
}

std::vector<std::int64_t> EndedTokens(Tx& tx, const std::vector<std::int64_t>& token_ids) {
  if (token_ids.empty()) return {};
  return IdsOf(tx.Exec("tokens.ended_among", IdArray(token_ids)));
}

}  // namespace factdesk::store
