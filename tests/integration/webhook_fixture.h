#pragma once

#include <string>
#include <vector>

#include "factdesk/v1/webhook.grpc.pb.h"
#include "tests/integration/webhook_receiver.h"
#include "tests/integration/workflow_fixture.h"

namespace factdesk::testing {

// The workflow fixture's server and desk, with webhooks allowed to loopback (the
// receiver), short retry intervals, and a publisher so bodies carry a ClaimReview.
class WebhookTest : public WorkflowTest {
 protected:
  void SetUp() override;

  std::unique_ptr<v1::WebhookService::Stub> hooks(TestServer* on = nullptr) {
    return v1::WebhookService::NewStub((on != nullptr ? on : server_.get())->channel());
  }
  // Adds a hook as `by`; the response carries the secret.
  grpc::Status AddHook(const TestUser& by, const std::string& url,
                       const std::vector<std::string>& events, v1::AddWebhookResponse* out,
                       TestServer* on = nullptr);
  std::vector<v1::WebhookDelivery> Deliveries(std::int64_t hook_id);
  // Polls (bounded) until the hook has `count` deliveries, all DELIVERED or FAILED.
  std::vector<v1::WebhookDelivery> WaitSettled(std::int64_t hook_id, std::size_t count);
  std::int64_t Count(const std::string& table);
};

// The fixture's options plus these: senders, poll, lease, retries (seconds).
void WebhookServerOptions(server::ServerOptions& o);

}  // namespace factdesk::testing
