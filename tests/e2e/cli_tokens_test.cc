// Issue 17.4 from the command line: `factdesk logout`, `factdesk tokens list|revoke`, and
// the operator's `factdesk-server admin issue-token --expires-in|list-tokens|revoke-token`.
#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "tests/e2e/cli_fixture.h"

namespace factdesk::testing {
namespace {

std::string FirstLine(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

std::string CredentialsOf(const CliUser& u) {
  return u.home + "/config/factdesk/credentials";
}

// The id of the user's token that is not the one in use.
std::string OtherTokenId(const nlohmann::json& listed) {
  for (const auto& t : listed) {
    if (!t["current"].get<bool>()) return t["id"].get<std::string>();
  }
  ADD_FAILURE() << "no other token in " << listed.dump();
  return "";
}

TEST_F(CliTest, LogoutRevokesTheTokenInUseAndForgetsTheSavedLogin) {
  const CliUser lou = CreateUser("lou", "Lou Park");
  ASSERT_CLI_OK(Cli(lou, {"login", "--server", server_->address(), "--token", lou.token}));
  ASSERT_TRUE(std::filesystem::exists(CredentialsOf(lou)));
  const auto listed = ParseJson(Cli(lou, {"tokens", "list", "--json"}));
  ASSERT_EQ(listed.size(), 1U) << listed.dump();
  EXPECT_TRUE(listed[0]["current"].get<bool>());

  const ProcessResult out = Cli(lou, {"logout"});
  ASSERT_CLI_OK(out);
  EXPECT_NE(out.out.find("logged out: revoked token " + listed[0]["id"].get<std::string>() +
                         " of lou; removed the saved login"),
            std::string::npos)
      << out.out;
  EXPECT_FALSE(std::filesystem::exists(CredentialsOf(lou)));
  // The token is refused from now on, wherever it was copied.
  EXPECT_TRUE(
      FailsWith(Cli(Anonymous(), {"whoami", "--server", server_->address(), "--token", lou.token}),
                "UNAUTHENTICATED", "the token was revoked on "));
}

TEST_F(CliTest, TokensRevokeEndsOneOfYourOwnTokensOnly) {
  const CliUser tia = CreateUser("tia", "Tia Ruiz");
  const ProcessResult second = Admin({"issue-token", "tia", "--expires-in", "12h"});
  ASSERT_EQ(second.exit_code, 0) << Describe(second);
  EXPECT_NE(second.err.find("valid until "), std::string::npos) << second.err;
  const std::string second_token = FirstLine(second.out);
  ASSERT_CLI_OK(Cli(tia, {"login", "--server", server_->address(), "--token", tia.token}));
  const auto listed = ParseJson(Cli(tia, {"tokens", "list", "--json"}));
  ASSERT_EQ(listed.size(), 2U) << listed.dump();
  const std::string other = OtherTokenId(listed);

  const ProcessResult revoked = Cli(tia, {"tokens", "revoke", other});
  ASSERT_CLI_OK(revoked);
  EXPECT_EQ(revoked.out, "revoked token " + other + "\n");
  EXPECT_TRUE(FailsWith(Cli(tia, {"tokens", "revoke", other}), "FAILED_PRECONDITION",
                        "token " + other + " was already revoked on "));
  EXPECT_TRUE(FailsWith(
      Cli(Anonymous(), {"whoami", "--server", server_->address(), "--token", second_token}),
      "UNAUTHENTICATED", "the token was revoked on "));
  // Someone else's token is not yours to revoke, nor to know of.
  const auto anas = ParseJson(Cli(ana_, {"tokens", "list", "--json"}));
  ASSERT_FALSE(anas.empty());
  const std::string anas_id = anas[0]["id"].get<std::string>();
  EXPECT_TRUE(FailsWith(Cli(tia, {"tokens", "revoke", anas_id}), "NOT_FOUND",
                        "you have no token " + anas_id));
  EXPECT_TRUE(FailsWith(Cli(tia, {"tokens", "revoke", "0"}), "INVALID_ARGUMENT", "TOKEN_ID"));
  ASSERT_CLI_OK(Cli(ana_, {"whoami"}));
  // The token in use still works; --all lists the revoked one too.
  const auto all = ParseJson(Cli(tia, {"tokens", "list", "--all", "--json"}));
  EXPECT_EQ(all.size(), 2U) << all.dump();
  EXPECT_EQ(ParseJson(Cli(tia, {"tokens", "list", "--json"})).size(), 1U);
}

TEST_F(CliTest, AdminIssuesTokensWithAnExpiryListsAndRevokesThem) {
  CreateUser("max", "Max Berg");
  const ProcessResult month = Admin({"issue-token", "max", "--expires-in", "30d"});
  ASSERT_EQ(month.exit_code, 0) << Describe(month);
  const ProcessResult too_long = Admin({"issue-token", "max", "--expires-in", "2y"});
  EXPECT_NE(too_long.exit_code, 0);
  EXPECT_NE(too_long.err.find("--expires-in: '2y' needs a unit: h (hours), d (days) or w "
                              "(weeks)"),
            std::string::npos)
      << too_long.err;
  const ProcessResult year = Admin({"issue-token", "max", "--expires-in", "400d"});
  EXPECT_NE(year.exit_code, 0);
  EXPECT_NE(year.err.find("is longer than the limit of 366 days"), std::string::npos) << year.err;

  const ProcessResult listed = Admin({"list-tokens", "max"});
  ASSERT_EQ(listed.exit_code, 0) << Describe(listed);
  EXPECT_EQ(std::count(listed.out.begin(), listed.out.end(), '\n'), 3)  // header and two
      << listed.out;
  EXPECT_NE(listed.out.find(" live"), std::string::npos) << listed.out;

  const ProcessResult revoked = Admin({"revoke-token", "--user", "max"});
  ASSERT_EQ(revoked.exit_code, 0) << Describe(revoked);
  EXPECT_NE(revoked.out.find("revoked 2 tokens of max"), std::string::npos) << revoked.out;
  EXPECT_EQ(Admin({"list-tokens", "max"}).out, "no live tokens\n");
  const ProcessResult all = Admin({"list-tokens", "max", "--all"});
  EXPECT_EQ(std::count(all.out.begin(), all.out.end(), '\n'), 3) << all.out;
  EXPECT_NE(all.out.find("revoked "), std::string::npos) << all.out;
  const ProcessResult none = Admin({"revoke-token", "999999"});
  EXPECT_NE(none.exit_code, 0);
  EXPECT_NE(none.err.find("there is no token 999999"), std::string::npos) << none.err;
}

}  // namespace
}  // namespace factdesk::testing
