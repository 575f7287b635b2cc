// A factdesk-server process killed with -9 while a delivery was on its way: the delivery
// is durable (the outbox in PostgreSQL) and the next process sends it once the lease of
// the dead one has run out.
#include <nlohmann/json.hpp>

#include "tests/e2e/cli_fixture.h"
#include "tests/integration/webhook_fixture.h"

namespace factdesk::testing {
namespace {

// The in-process server only takes the requests (it sends no webhooks); server processes
// over the same database send them.
class WebhookRestartTest : public WebhookTest {
 protected:
  WebhookRestartTest() {
    server_options_ = [](server::ServerOptions& o) {
      WebhookServerOptions(o);
      o.webhooks.senders = 0;
    };
  }

  std::vector<std::string> SenderFlags() const {
    return {"--database",
            server_->database_url(),
            "--allow-private-webhooks",
            "--webhook-poll",
            "0.05",
            "--webhook-lease",
            "1",
            "--webhook-timeout",
            "60",
            "--webhook-retry-base",
            "0.05"};
  }
};

TEST_F(WebhookRestartTest, AServerKilledBetweenCommitAndDeliveryDeliversAfterRestart) {
  // The first request is never answered: the sender is killed while it waits. (Its
  // timeout is above its lease here only so that it cannot finish before the kill.)
  WebhookReceiver receiver([](int n) { return n == 0 ? 0 : 200; });
  v1::AddWebhookResponse hook;
  ASSERT_TRUE(AddHook(eve_, receiver.url(), {"published"}, &hook).ok());
  auto first = std::make_unique<ServerProcess>(SenderFlags(), 0);
  const v1::Claim claim = PublishedClaim(7);
  ASSERT_TRUE(receiver.WaitForRequests(1));
  first->Kill();
  first.reset();

  auto pending = Deliveries(hook.webhook().id());
  ASSERT_EQ(pending.size(), 1U);
  EXPECT_EQ(pending[0].state(), v1::DELIVERY_STATE_PENDING);

  ServerProcess second(SenderFlags(), 0);
  const auto settled = WaitSettled(hook.webhook().id(), 1);
  ASSERT_EQ(settled.size(), 1U);
  EXPECT_EQ(settled[0].state(), v1::DELIVERY_STATE_DELIVERED);
  EXPECT_EQ(settled[0].claim_id(), claim.id());
  const auto requests = receiver.requests();
  ASSERT_GE(requests.size(), 2U);
  for (const auto& r : requests) {
    EXPECT_EQ(r.headers.at("factdesk-delivery"), settled[0].delivery_uid());
    EXPECT_EQ(r.body, requests[0].body);
    EXPECT_TRUE(SignatureIsValid(hook.secret(), r));
  }
  EXPECT_EQ(nlohmann::json::parse(requests.back().body)["event"], "published");
}

}  // namespace
}  // namespace factdesk::testing
