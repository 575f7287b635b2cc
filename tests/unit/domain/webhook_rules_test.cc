#include "domain/webhook_rules.h"

#include <array>

#include <arpa/inet.h>
#include <gtest/gtest.h>

namespace factdesk::domain {
namespace {

TEST(WebhookRulesTest, EditorsAndAdminsManageWebhooks) {
  EXPECT_TRUE(CheckCanManageWebhooks(Role::kEditor).ok());
  EXPECT_TRUE(CheckCanManageWebhooks(Role::kAdmin).ok());
  const Status checker = CheckCanManageWebhooks(Role::kChecker);
  EXPECT_EQ(checker.code(), Code::kPermissionDenied);
  EXPECT_EQ(checker.message(), "a checker may not manage webhooks; it needs the editor role");
  EXPECT_EQ(CheckCanManageWebhooks(Role::kViewer).message(),
            "a viewer may not manage webhooks; it needs the editor role");
}

TEST(WebhookRulesTest, EventsAreKnownNamesLowercasedOnce) {
  auto events = CheckWebhookEvents({"Published", "corrected", "published"});
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(*events, (std::vector<std::string>{"published", "corrected"}));
  EXPECT_EQ(CheckWebhookEvents({}).status().message(),
            "events: name at least one of published, corrected, reopened, dismissed");
  EXPECT_EQ(CheckWebhookEvents({"ping"}).status().message(),
            "events: there is no event 'ping'; choose from published, corrected, reopened, "
            "dismissed");
  EXPECT_EQ(WebhookEventOfKind("claim.corrected"), "corrected");
  EXPECT_EQ(WebhookEventOfKind("source.added"), "");
}

TEST(WebhookRulesTest, UrlsAreHttpAndPublicUnlessAllowed) {
  EXPECT_EQ(*CheckWebhookUrl(" HTTPS://CMS.Example.org:443/hook ", false),
            "https://cms.example.org/hook");
  EXPECT_EQ(CheckWebhookUrl("ftp://cms.example.org/", false).status().message(),
            "url: only http and https URLs are accepted (got 'ftp')");
  EXPECT_EQ(CheckWebhookUrl("https://cms.example.org/#top", false).status().message(),
            "url: must not have a fragment (#...): it is never sent");
  for (const char* url :
       {"http://127.0.0.1/", "http://localhost:8080/", "http://[::1]/", "http://10.0.0.1/",
        "http://172.20.1.1/", "http://192.168.1.1/", "http://169.254.169.254/latest",
        "http://[fd00::1]/", "http://[::ffff:127.0.0.1]/", "http://0.0.0.0/"}) {
    SCOPED_TRACE(url);
    const auto refused = CheckWebhookUrl(url, false);
    EXPECT_EQ(refused.status().code(), Code::kInvalidArgument);
    EXPECT_NE(refused.status().message().find("is a loopback or private address"),
              std::string::npos);
    EXPECT_TRUE(CheckWebhookUrl(url, true).ok());
  }
  EXPECT_TRUE(CheckWebhookUrl("http://172.32.0.1/", false).ok());
  EXPECT_TRUE(CheckWebhookUrl("https://203.0.113.10/hook", false).ok());
  EXPECT_EQ(WebhookHost("http://[fd00::1]:8080/x"), "fd00::1");
  EXPECT_EQ(WebhookHost("https://cms.example.org:8443/x?y"), "cms.example.org");
}

TEST(WebhookRulesTest, InternalAddresses) {
  std::array<unsigned char, 16> a{};
  ASSERT_EQ(inet_pton(AF_INET6, "2001:db8::1", a.data()), 1);
  EXPECT_FALSE(IsInternalAddress(a.data(), 16));
  ASSERT_EQ(inet_pton(AF_INET6, "fe80::1", a.data()), 1);
  EXPECT_TRUE(IsInternalAddress(a.data(), 16));
  ASSERT_EQ(inet_pton(AF_INET, "100.64.0.1", a.data()), 1);
  EXPECT_TRUE(IsInternalAddress(a.data(), 4));
  ASSERT_EQ(inet_pton(AF_INET, "8.8.8.8", a.data()), 1);
  EXPECT_FALSE(IsInternalAddress(a.data(), 4));
}

}  // namespace
}  // namespace factdesk::domain
