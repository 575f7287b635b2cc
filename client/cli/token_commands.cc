// logout, tokens list, tokens revoke: the caller's own API tokens.
#include <chrono>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "client/cli/context.h"
#include "client/cli/output.h"
#include "client/net/credentials_file.h"

namespace factdesk::cli {
namespace {

using TokenStub = v1::TokenService::Stub;

std::string StateOf(const v1::ApiToken& t) {
  if (IsSet(t.revoked_at())) return "revoked " + IsoDateTime(t.revoked_at());
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch());
  return t.expires_at().seconds() <= now.count() ? "expired" : "live";
}

// Forgets the saved login when it holds `token`; returns the file removed ("" if none).
Result<std::string> ForgetSavedToken(const std::string& token) {
  FD_ASSIGN_OR_RETURN(const std::string path, client::CredentialsPath());
  auto saved = client::LoadCredentials(path);
  // A file we cannot read holds nothing we could use: leave it for the user to look at.
  if (!saved.ok() || saved->token.empty() || saved->token != token) return std::string();
  std::error_code ec;
  if (!std::filesystem::remove(path, ec) && ec) {
    return Status::InvalidArgument("credentials", "cannot remove " + path + ": " + ec.message());
  }
  return path;
}

Status Logout(Context& ctx) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  const std::string token = api->options().token;
  // 0: the token this request is made with.
  const auto revoked = api->Call(&TokenStub::RevokeToken, v1::RevokeTokenRequest());
  FD_ASSIGN_OR_RETURN(const std::string removed, ForgetSavedToken(token));
  const std::string forgot = removed.empty() ? "" : "; removed the saved login " + removed;
  if (revoked.ok()) {
    std::cout << fmt::format("logged out: revoked token {} of {}{}\n", revoked->token().id(),
                             revoked->token().user().handle(), forgot);
    return Status::Ok();
  }
  if (revoked.status().code() == Code::kUnauthenticated) {
    // Revoked or expired already: nothing is left to revoke.
    std::cout << fmt::format("logged out: the server no longer accepts this token ({}){}\n",
                             revoked.status().message(), forgot);
    return Status::Ok();
  }
  return Status(
      revoked.status().code(),
      fmt::format("could not revoke the token: {}{}{}", revoked.status().message(), forgot,
                  removed.empty() ? "" : " (the token stays valid until revoked)"));
}

Status ListTokens(Context& ctx, bool include_ended) {
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::ListTokensRequest req;
  req.set_include_ended(include_ended);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&TokenStub::ListTokens, req));
  if (ctx.json()) {
    PrintJson(ToJsonArray(resp.tokens()));
    return Status::Ok();
  }
  Table table({"ID", "CREATED", "EXPIRES", "STATE", ""});
  for (const auto& t : resp.tokens()) {
    table.Add({std::to_string(t.id()), IsoDateTime(t.created_at()), IsoDateTime(t.expires_at()),
               StateOf(t), t.current() ? "(this one)" : ""});
  }
  table.Print(std::cout);
  return Status::Ok();
}

Status RevokeToken(Context& ctx, std::int64_t id) {
  if (id <= 0)
    return Status::InvalidArgument("TOKEN_ID", "must be a positive id (see tokens list)");
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::RevokeTokenRequest req;
  req.set_token_id(id);
  FD_ASSIGN_OR_RETURN(const auto resp, api->Call(&TokenStub::RevokeToken, req));
  std::string forgot;
  if (resp.token().current()) {
    FD_ASSIGN_OR_RETURN(const std::string removed, ForgetSavedToken(api->options().token));
    if (!removed.empty()) forgot = "; it was the saved login, removed " + removed;
  }
  std::cout << fmt::format("revoked token {}{}\n", resp.token().id(), forgot);
  return Status::Ok();
}

}  // namespace

void AddTokenCommands(Context& ctx, CLI::App& app) {
  ctx.Command(app, "logout",
              "Revoke the token in use (on every server at once) and forget the saved login",
              [&ctx] { return Logout(ctx); });
  auto* tokens = ctx.Group(app, "tokens", "Your API tokens");
  auto include_ended = std::make_shared<bool>(false);
  auto* list = ctx.Command(*tokens, "list", "Your live tokens, newest first",
                           [&ctx, include_ended] { return ListTokens(ctx, *include_ended); });
  list->add_flag("--all", *include_ended, "Also revoked and expired ones");
  ctx.AddJsonFlag(list);
  auto id = std::make_shared<std::int64_t>(0);
  auto* revoke = ctx.Command(*tokens, "revoke", "Revoke one of your tokens, at once",
                             [&ctx, id] { return RevokeToken(ctx, *id); });
  revoke->add_option("TOKEN_ID", *id, "From `factdesk tokens list`")->required();
}

}  // namespace factdesk::cli
