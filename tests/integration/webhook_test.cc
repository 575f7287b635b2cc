// Outbound webhooks through a real server and a real HTTP receiver: what arrives, signed;
// retries; two replicas; the refusals.
#include <set>

#include <nlohmann/json.hpp>

#include "tests/integration/webhook_fixture.h"

namespace factdesk::testing {
namespace {

using json = nlohmann::json;

TEST_F(WebhookTest, PublishedAndCorrectedChecksArriveSignedWithClaimAndClaimReview) {
  WebhookReceiver receiver;
  v1::AddWebhookResponse hook;
  ASSERT_TRUE(AddHook(eve_, receiver.url(), {"published", "Corrected"}, &hook).ok());
  EXPECT_EQ(hook.webhook().events_size(), 2);
  EXPECT_EQ(hook.secret().rfind("whsec_", 0), 0U);
  EXPECT_EQ(hook.secret().size(), 70U);

  const v1::Claim published = PublishedClaim(3);
  Dismiss(eve_, Mark(5));  // not asked for: never sent
  v1::CorrectClaimRequest correct;
  correct.set_claim_id(published.id());
  correct.set_expected_version(published.version());
  correct.set_summary("The rate fell by 4 percent, not 40.");
  correct.set_reason("We misread the survey table.");
  v1::Claim corrected;
  ASSERT_TRUE(server_->claims()->CorrectClaim(Ctx(eve_.token).get(), correct, &corrected).ok());

  const auto deliveries = WaitSettled(hook.webhook().id(), 2);
  ASSERT_EQ(deliveries.size(), 2U);
  ASSERT_TRUE(receiver.WaitForRequests(2));
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 2U);
  const char* expected_events[] = {"published", "corrected"};
  for (std::size_t i = 0; i < 2; ++i) {
    const ReceivedRequest& r = requests[i];
    SCOPED_TRACE(expected_events[i]);
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.path, "/hooks/factdesk");
    EXPECT_EQ(r.headers.at("content-type"), "application/json");
    EXPECT_TRUE(SignatureIsValid(hook.secret(), r));
    EXPECT_FALSE(SignatureIsValid("whsec_not_the_secret_of_this_hook_at_all_0000000000", r));
    const json body = json::parse(r.body);
    EXPECT_EQ(body["event"], expected_events[i]);
    EXPECT_EQ(r.headers.at("factdesk-event"), expected_events[i]);
    EXPECT_EQ(body["id"], r.headers.at("factdesk-delivery"));
    EXPECT_EQ(body["kind"], std::string("claim.") + expected_events[i]);
    EXPECT_EQ(body["workspace"]["slug"], "desk");
    EXPECT_EQ(body["actor"]["handle"], "eve");
    EXPECT_EQ(body["claim"]["id"], std::to_string(published.id()));  // ProtoJSON int64
    EXPECT_EQ(body["claim"]["status"], "CLAIM_STATUS_PUBLISHED");
    EXPECT_EQ(body["claim_review"]["@type"], "ClaimReview");
    EXPECT_EQ(body["claim_review"]["url"],
              "https://desk.example.org/checks/" + std::to_string(published.id()));
    EXPECT_GT(body["seq"].get<std::int64_t>(), 0);
  }
  const json first = json::parse(requests[0].body);
  const json second = json::parse(requests[1].body);
  EXPECT_LT(first["seq"].get<std::int64_t>(), second["seq"].get<std::int64_t>());
  EXPECT_EQ(second["claim"]["summary"], "The rate fell by 4 percent, not 40.");
  EXPECT_TRUE(second["claim_review"].contains("dateModified")) << second["claim_review"].dump();
  // The log says the same: newest first, each delivered on its first attempt.
  EXPECT_EQ(deliveries[0].event(), "corrected");
  EXPECT_EQ(deliveries[1].event(), "published");
  for (const auto& d : deliveries) {
    EXPECT_EQ(d.state(), v1::DELIVERY_STATE_DELIVERED);
    EXPECT_EQ(d.attempts(), 1);
    EXPECT_EQ(d.last_http_status(), 200);
  }
  EXPECT_EQ(deliveries[1].delivery_uid(), first["id"]);
  EXPECT_EQ(deliveries[1].seq(), first["seq"].get<std::int64_t>());
}

TEST_F(WebhookTest, AReceiverThatFailsThreeTimesGetsTheSameDeliveryOnTheFourth) {
  WebhookReceiver receiver([](int n) { return n < 3 ? 500 : 204; });
  v1::AddWebhookResponse hook;
  ASSERT_TRUE(AddHook(eve_, receiver.url(), {"published"}, &hook).ok());
  const v1::Claim claim = PublishedClaim(2);

  const auto deliveries = WaitSettled(hook.webhook().id(), 1);
  ASSERT_EQ(deliveries.size(), 1U);
  EXPECT_EQ(deliveries[0].state(), v1::DELIVERY_STATE_DELIVERED);
  EXPECT_EQ(deliveries[0].attempts(), 4);
  EXPECT_EQ(deliveries[0].last_http_status(), 204);
  EXPECT_EQ(deliveries[0].claim_id(), claim.id());
  const auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 4U);
  for (const auto& r : requests) {
    // At least once, with the same id and bytes each time: the receiver drops repeats.
    EXPECT_EQ(r.headers.at("factdesk-delivery"), deliveries[0].delivery_uid());
    EXPECT_EQ(r.body, requests[0].body);
    EXPECT_TRUE(SignatureIsValid(hook.secret(), r));
  }
  EXPECT_EQ(Count("webhook_attempts"), 4);
  EXPECT_EQ(server_->QueryValue("SELECT count(*) FROM webhook_attempts WHERE http_status = 500 "
                                "AND error = 'the receiver answered HTTP 500'"),
            "3");
}

TEST_F(WebhookTest, ADeliveryIsGivenUpAfterTheRetryPeriodAndShownAsFailed) {
  server_options_ = [](server::ServerOptions& o) {
    WebhookServerOptions(o);
    o.webhooks.retry_for = std::chrono::milliseconds(300);
  };
  TearDown();
  SetUp();
  WebhookReceiver receiver([](int) { return 503; });
  v1::AddWebhookResponse hook;
  ASSERT_TRUE(AddHook(eve_, receiver.url(), {"published"}, &hook).ok());
  PublishedClaim(4);
  const auto deliveries = WaitSettled(hook.webhook().id(), 1);
  ASSERT_EQ(deliveries.size(), 1U);
  EXPECT_EQ(deliveries[0].state(), v1::DELIVERY_STATE_FAILED);
  EXPECT_GE(deliveries[0].attempts(), 2);
  EXPECT_EQ(deliveries[0].last_http_status(), 503);
  EXPECT_EQ(deliveries[0].last_error(), "the receiver answered HTTP 503");
  EXPECT_TRUE(deliveries[0].has_finished_at());
}

TEST_F(WebhookTest, TwoReplicasOverOneDatabaseDeliverEachEventOnce) {
  TestServer replica(*server_, WebhookServerOptions);
  WebhookReceiver receiver;
  v1::AddWebhookResponse hook;
  ASSERT_TRUE(AddHook(eve_, receiver.url(), {"published", "dismissed"}, &hook, &replica).ok());
  constexpr int kClaims = 6;
  for (int i = 0; i < kClaims; ++i) {
    if (i % 2 == 0) {
      PublishedClaim(i);
    } else {
      ASSERT_TRUE(Dismiss(eve_, Mark(i)).ok());
    }
  }
  const auto deliveries = WaitSettled(hook.webhook().id(), kClaims);
  ASSERT_EQ(deliveries.size(), static_cast<std::size_t>(kClaims));
  for (const auto& d : deliveries) {
    EXPECT_EQ(d.state(), v1::DELIVERY_STATE_DELIVERED);
    EXPECT_EQ(d.attempts(), 1) << d.delivery_uid();
  }
  const auto requests = receiver.requests();
  std::set<std::string> ids;
  for (const auto& r : requests) ids.insert(r.headers.at("factdesk-delivery"));
  EXPECT_EQ(requests.size(), static_cast<std::size_t>(kClaims));
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kClaims));
}

// Replicas wake their senders for events in workspaces they know to have hooks; one that
// did not add the hook learns of it at its next poll, and then sends alone.
TEST_F(WebhookTest, AHookAddedThroughAReplicaThatStoppedIsStillFollowed) {
  WebhookReceiver receiver;
  v1::AddWebhookResponse hook;
  {
    TestServer replica(*server_, WebhookServerOptions);
    ASSERT_TRUE(AddHook(eve_, receiver.url(), {"dismissed"}, &hook, &replica).ok());
  }
  ASSERT_TRUE(Dismiss(eve_, Mark(2)).ok());
  ASSERT_TRUE(Dismiss(eve_, Mark(4)).ok());
  const auto deliveries = WaitSettled(hook.webhook().id(), 2);
  ASSERT_EQ(deliveries.size(), 2U);
  for (const auto& d : deliveries) EXPECT_EQ(d.state(), v1::DELIVERY_STATE_DELIVERED);
  EXPECT_EQ(receiver.requests().size(), 2U);
}

TEST_F(WebhookTest, TestDeliveryIsASignedPing) {
  WebhookReceiver receiver;
  v1::AddWebhookResponse hook;
  ASSERT_TRUE(AddHook(ana_, receiver.url(), {"published"}, &hook).ok());
  v1::TestWebhookRequest req;
  req.set_webhook_id(hook.webhook().id());
  v1::TestWebhookResponse resp;
  ASSERT_TRUE(hooks()->TestWebhook(Ctx(eve_.token).get(), req, &resp).ok());
  EXPECT_EQ(resp.delivery().event(), "ping");
  ASSERT_TRUE(receiver.WaitForRequests(1));
  const auto r = receiver.requests().at(0);
  EXPECT_TRUE(SignatureIsValid(hook.secret(), r));
  const json body = json::parse(r.body);
  EXPECT_EQ(body["event"], "ping");
  EXPECT_EQ(body["id"], resp.delivery().delivery_uid());
  EXPECT_EQ(body["sent_by"]["handle"], "eve");
}

TEST_F(WebhookTest, RemovedHooksGetNothingMore) {
  WebhookReceiver receiver;
  v1::AddWebhookResponse hook;
  ASSERT_TRUE(AddHook(eve_, receiver.url(), {"published"}, &hook).ok());
  v1::RemoveWebhookRequest remove;
  remove.set_webhook_id(hook.webhook().id());
  v1::RemoveWebhookResponse removed;
  ASSERT_TRUE(hooks()->RemoveWebhook(Ctx(eve_.token).get(), remove, &removed).ok());
  v1::ListWebhooksRequest list;
  list.set_workspace_id(ws_);
  v1::ListWebhooksResponse listed;
  ASSERT_TRUE(hooks()->ListWebhooks(Ctx(eve_.token).get(), list, &listed).ok());
  EXPECT_EQ(listed.webhooks_size(), 0);
  PublishedClaim(1);
  EXPECT_EQ(Count("webhook_deliveries"), 0);
  const auto again = hooks()->RemoveWebhook(Ctx(eve_.token).get(), remove, &removed);
  EXPECT_REFUSED(again, grpc::StatusCode::NOT_FOUND,
                 "webhook " + std::to_string(hook.webhook().id()) + " does not exist");
}

TEST_F(WebhookTest, ANonHttpUrlIsRefusedAndNothingWritten) {
  v1::AddWebhookResponse hook;
  for (const char* url : {"ftp://cms.example.org/hook", "file:///etc/passwd", "cms.example.org"}) {
    SCOPED_TRACE(url);
    const auto status = AddHook(eve_, url, {"published"}, &hook);
    EXPECT_REFUSED(status, grpc::StatusCode::INVALID_ARGUMENT, "url: ");
  }
  EXPECT_REFUSED(AddHook(eve_, "ftp://cms.example.org/hook", {"published"}, &hook),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "url: only http and https URLs are accepted (got 'ftp')");
  EXPECT_REFUSED(AddHook(eve_, "https://cms.example.org/hook", {"retracted"}, &hook),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "events: there is no event 'retracted'; choose from published, corrected, "
                 "reopened, dismissed");
  EXPECT_EQ(Count("webhooks"), 0);
}

TEST_F(WebhookTest, ALoopbackUrlIsRefusedWithoutTheFlagAndNothingWritten) {
  TestServer strict(*server_, nullptr);  // the same desk, served without the flag
  v1::AddWebhookResponse hook;
  for (const char* url : {"http://127.0.0.1:8080/hook", "http://localhost/hook",
                          "http://[::1]/hook", "https://10.1.2.3/hook", "http://192.168.0.7/"}) {
    SCOPED_TRACE(url);
    EXPECT_REFUSED(AddHook(eve_, url, {"published"}, &hook, &strict),
                   grpc::StatusCode::INVALID_ARGUMENT,
                   "is a loopback or private address; webhooks go to public hosts unless the "
                   "server runs with --allow-private-webhooks");
  }
  EXPECT_EQ(Count("webhooks"), 0);
  // The server that has the flag takes it.
  EXPECT_TRUE(AddHook(eve_, "http://127.0.0.1:8080/hook", {"published"}, &hook).ok());
}

TEST_F(WebhookTest, ACheckerCannotAddOrSeeHooks) {
  const auto before = Count("webhooks");
  const TestUser stranger = server_->AddUser("zed");
  v1::AddWebhookResponse hook;
  EXPECT_REFUSED(AddHook(ben_, "https://cms.example.org/hook", {"published"}, &hook),
                 grpc::StatusCode::PERMISSION_DENIED,
                 "a checker may not manage webhooks; it needs the editor role");
  EXPECT_REFUSED(AddHook(stranger, "https://cms.example.org/hook", {"published"}, &hook),
                 grpc::StatusCode::PERMISSION_DENIED, "not a member");
  EXPECT_EQ(Count("webhooks"), before);
  v1::ListWebhooksRequest list;
  list.set_workspace_id(ws_);
  v1::ListWebhooksResponse listed;
  EXPECT_REFUSED(hooks()->ListWebhooks(Ctx(vic_.token).get(), list, &listed),
                 grpc::StatusCode::PERMISSION_DENIED,
                 "a viewer may not manage webhooks; it needs the editor role");
}

}  // namespace
}  // namespace factdesk::testing
