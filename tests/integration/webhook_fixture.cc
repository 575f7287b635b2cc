#include "tests/integration/webhook_fixture.h"

#include <algorithm>
#include <thread>

namespace factdesk::testing {

using namespace std::chrono_literals;

void WebhookServerOptions(server::ServerOptions& o) {
  o.webhooks.http.allow_private = true;
  o.webhooks.senders = 2;
  o.webhooks.poll = 50ms;
  o.webhooks.retry_base = 50ms;
  o.webhooks.retry_cap = 200ms;
}

void WebhookTest::SetUp() {
  if (!server_options_) server_options_ = WebhookServerOptions;
  WorkflowTest::SetUp();
  v1::UpdatePublisherRequest req;
  req.set_workspace_id(ws_);
  req.mutable_publisher()->set_name("The Desk");
  req.mutable_publisher()->set_url("https://desk.example.org/");
  req.mutable_publisher()->set_claim_url_prefix("https://desk.example.org/checks/");
  v1::Workspace updated;
  ASSERT_TRUE(server_->workspaces()->UpdatePublisher(Ctx(ana_.token).get(), req, &updated).ok());
}

grpc::Status WebhookTest::AddHook(const TestUser& by, const std::string& url,
                                  const std::vector<std::string>& events,
                                  v1::AddWebhookResponse* out, TestServer* on) {
  v1::AddWebhookRequest req;
  req.set_workspace_id(ws_);
  req.set_url(url);
  for (const auto& e : events) req.add_events(e);
  return hooks(on)->AddWebhook(Ctx(by.token).get(), req, out);
}

std::vector<v1::WebhookDelivery> WebhookTest::Deliveries(std::int64_t hook_id) {
  v1::ListWebhookDeliveriesRequest req;
  req.set_webhook_id(hook_id);
  v1::ListWebhookDeliveriesResponse resp;
  const auto status = hooks()->ListWebhookDeliveries(Ctx(eve_.token).get(), req, &resp);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return {resp.deliveries().begin(), resp.deliveries().end()};
}

std::vector<v1::WebhookDelivery> WebhookTest::WaitSettled(std::int64_t hook_id, std::size_t count) {
  std::vector<v1::WebhookDelivery> out;
  for (int i = 0; i < 1200; ++i) {  // at most a minute
    out = Deliveries(hook_id);
    const bool settled = std::all_of(out.begin(), out.end(), [](const auto& d) {
      return d.state() != v1::DELIVERY_STATE_PENDING;
    });
    if (out.size() >= count && settled) return out;
    std::this_thread::sleep_for(50ms);
  }
  ADD_FAILURE() << "deliveries did not settle: " << out.size() << " of " << count;
  return out;
}

std::int64_t WebhookTest::Count(const std::string& table) {
  return std::stoll(server_->QueryValue("SELECT count(*) FROM " + table));
}

}  // namespace factdesk::testing
