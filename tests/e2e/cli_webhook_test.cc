// `factdesk webhook add|list|deliveries|remove` against a server process, and its refusals.
#include <gtest/gtest.h>

#include "tests/e2e/cli_fixture.h"

namespace factdesk::testing {
namespace {

// TEST-NET-3 (RFC 5737): a public address that no test ever reaches.
constexpr char kCmsUrl[] = "https://203.0.113.10/hooks/factdesk";

TEST_F(CliTest, WebhookAddShowsTheSecretOnceAndListRemoveFollow) {
  const ProcessResult added = Cli(
      ana_, {"webhook", "add", "-w", "desk", "--url", kCmsUrl, "--events", "published,corrected"});
  ASSERT_CLI_OK(added);
  EXPECT_NE(added.out.find("on published,corrected\nsigning secret (shown once; store it now): "
                           "whsec_"),
            std::string::npos)
      << added.out;
  const auto listed = ParseJson(Cli(ana_, {"webhook", "list", "-w", "desk", "--json"}));
  ASSERT_EQ(listed.size(), 1U) << listed.dump();
  EXPECT_EQ(listed[0]["url"], kCmsUrl);
  EXPECT_EQ(listed[0]["events"], nlohmann::json({"published", "corrected"}));
  EXPECT_FALSE(listed[0].contains("secret"));
  const std::string id = listed[0]["id"].get<std::string>();

  const auto deliveries = ParseJson(Cli(ana_, {"webhook", "deliveries", id, "--json"}));
  EXPECT_TRUE(deliveries.is_array() && deliveries.empty()) << deliveries.dump();
  const ProcessResult removed = Cli(ana_, {"webhook", "remove", id});
  ASSERT_CLI_OK(removed);
  EXPECT_EQ(removed.out, "removed webhook " + id + " (" + kCmsUrl + ")\n");
  EXPECT_TRUE(FailsWith(Cli(ana_, {"webhook", "remove", id}), "NOT_FOUND",
                        "webhook " + id + " does not exist"));
}

TEST_F(CliTest, WebhookAddRefusesABadUrlAnUnknownEventAndACheckerSaysWhy) {
  EXPECT_TRUE(FailsWith(Cli(ana_, {"webhook", "add", "-w", "desk", "--url",
                                   "ftp://203.0.113.10/hook", "--events", "published"}),
                        "INVALID_ARGUMENT",
                        "url: only http and https URLs are accepted (got 'ftp')"));
  EXPECT_TRUE(FailsWith(Cli(ana_, {"webhook", "add", "-w", "desk", "--url",
                                   "http://127.0.0.1:9/hook", "--events", "published"}),
                        "INVALID_ARGUMENT", "url: '127.0.0.1' is a loopback or private address"));
  EXPECT_TRUE(FailsWith(
      Cli(ana_, {"webhook", "add", "-w", "desk", "--url", kCmsUrl, "--events", "retracted"}),
      "INVALID_ARGUMENT", "events: there is no event 'retracted'"));
  EXPECT_TRUE(FailsWith(
      Cli(ben_, {"webhook", "add", "-w", "desk", "--url", kCmsUrl, "--events", "published"}),
      "PERMISSION_DENIED", "a checker may not manage webhooks; it needs the editor role"));
  const auto listed = ParseJson(Cli(ana_, {"webhook", "list", "-w", "desk", "--json"}));
  EXPECT_TRUE(listed.is_array() && listed.empty()) << listed.dump();
}

}  // namespace
}  // namespace factdesk::testing
