#pragma once

#include <functional>

#include "factdesk/v1/webhook.grpc.pb.h"
#include "server/rpc/runtime.h"

namespace factdesk::rpc {

struct WebhookServiceOptions {
  // --allow-private-webhooks: hooks may point at loopback and private addresses.
  bool allow_private = false;
  // Wakes this replica's senders (a test delivery was queued).
  std::function<void()> poke;
};

// A workspace's outbound webhooks (editors and admins): add (the secret is shown once),
// list, remove, send a test delivery, list deliveries. Sending is server/jobs' work.
class WebhookService final : public v1::WebhookService::CallbackService {
 public:
  WebhookService(Runtime& rt, WebhookServiceOptions options);
  ~WebhookService() override;

  grpc::ServerUnaryReactor* AddWebhook(grpc::CallbackServerContext* ctx,
                                       const v1::AddWebhookRequest* req,
                                       v1::AddWebhookResponse* resp) override;
  grpc::ServerUnaryReactor* ListWebhooks(grpc::CallbackServerContext* ctx,
                                         const v1::ListWebhooksRequest* req,
                                         v1::ListWebhooksResponse* resp) override;
  grpc::ServerUnaryReactor* RemoveWebhook(grpc::CallbackServerContext* ctx,
                                          const v1::RemoveWebhookRequest* req,
                                          v1::RemoveWebhookResponse* resp) override;
  grpc::ServerUnaryReactor* TestWebhook(grpc::CallbackServerContext* ctx,
                                        const v1::TestWebhookRequest* req,
                                        v1::TestWebhookResponse* resp) override;
  grpc::ServerUnaryReactor* ListWebhookDeliveries(grpc::CallbackServerContext* ctx,
                                                  const v1::ListWebhookDeliveriesRequest* req,
                                                  v1::ListWebhookDeliveriesResponse* resp) override;

 private:
  Runtime& rt_;
  const WebhookServiceOptions options_;
};

}  // namespace factdesk::rpc
