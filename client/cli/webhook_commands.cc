// webhook add, list, remove, test, deliveries: a workspace's outbound webhooks (editor).
#include "client/cli/webhook_commands.h"

#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "client/cli/output.h"
#include "factdesk/v1/webhook.grpc.pb.h"

namespace factdesk::cli {
namespace {

using WH = v1::WebhookService::Stub;

struct WebhookOptions {
  std::string url;
  std::vector<std::string> events;
  std::int64_t id = 0;
  int limit = 20;
};

std::string Join(const google::protobuf::RepeatedPtrField<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

std::string DeliveryStateName(v1::DeliveryState state) {
  switch (state) {
    case v1::DELIVERY_STATE_DELIVERED:
      return "delivered";
    case v1::DELIVERY_STATE_FAILED:
      return "failed";
    default:
      return "pending";
  }
}

// A WebhookService call with the API client's channel, token, deadline and wording of
// failures (its own stubs are the other services').
template <typename Req, typename Resp>
Result<Resp> CallHooks(CommandClient* api,
                       grpc::Status (WH::*method)(grpc::ClientContext*, const Req&, Resp*),
                       const Req& request) {
  const auto stub = v1::WebhookService::NewStub(api->channel());
  const auto context = api->StreamContext(client::kDefaultCallTimeout);
  Resp response;
  const grpc::Status status = ((*stub).*method)(context.get(), request, &response);
  if (!status.ok()) return api->Error(status, context.get());
  return response;
}

Status RequireHookId(std::int64_t id) {
  if (id > 0) return Status::Ok();
  return Status::InvalidArgument("WEBHOOK_ID", "must be a positive id (see webhook list)");
}

Status AddWebhook(Context& ctx, const WebhookOptions& o) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::AddWebhookRequest req;
  req.set_workspace_id(ws.id());
  req.set_url(o.url);
  for (const auto& e : o.events) req.add_events(e);
  FD_ASSIGN_OR_RETURN(const auto resp, CallHooks(api, &WH::AddWebhook, req));
  if (ctx.json()) {
    PrintJson(ToJson(resp));
    return Status::Ok();
  }
  std::cout << fmt::format(
      "added webhook {}: {} on {}\nsigning secret (shown once; store it now): {}\n",
      resp.webhook().id(), resp.webhook().url(), Join(resp.webhook().events()), resp.secret());
  return Status::Ok();
}

Status ListWebhooks(Context& ctx) {
  FD_ASSIGN_OR_RETURN(const v1::Workspace ws, ctx.Workspace());
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::ListWebhooksRequest req;
  req.set_workspace_id(ws.id());
  FD_ASSIGN_OR_RETURN(const auto resp, CallHooks(api, &WH::ListWebhooks, req));
  if (ctx.json()) {
    PrintJson(ToJsonArray(resp.webhooks()));
    return Status::Ok();
  }
  Table table({"ID", "URL", "EVENTS", "ADDED BY", "ADDED"});
  for (const auto& h : resp.webhooks()) {
    table.Add({std::to_string(h.id()), h.url(), Join(h.events()), h.created_by().handle(),
               IsoDateTime(h.created_at())});
  }
  table.Print(std::cout);
  return Status::Ok();
}

Status RemoveWebhook(Context& ctx, std::int64_t id) {
  FD_RETURN_IF_ERROR(RequireHookId(id));
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::RemoveWebhookRequest req;
  req.set_webhook_id(id);
  FD_ASSIGN_OR_RETURN(const auto resp, CallHooks(api, &WH::RemoveWebhook, req));
  std::cout << fmt::format("removed webhook {} ({})\n", resp.webhook().id(), resp.webhook().url());
  return Status::Ok();
}

Status TestWebhook(Context& ctx, std::int64_t id) {
  FD_RETURN_IF_ERROR(RequireHookId(id));
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::TestWebhookRequest req;
  req.set_webhook_id(id);
  FD_ASSIGN_OR_RETURN(const auto resp, CallHooks(api, &WH::TestWebhook, req));
  if (ctx.json()) {
    PrintJson(ToJson(resp.delivery()));
    return Status::Ok();
  }
  std::cout << fmt::format("queued test delivery {}; see `factdesk webhook deliveries {}`\n",
                           resp.delivery().delivery_uid(), id);
  return Status::Ok();
}

Status ListDeliveries(Context& ctx, std::int64_t id, int limit) {
  FD_RETURN_IF_ERROR(RequireHookId(id));
  if (limit < 1 || limit > 100) return Status::InvalidArgument("--limit", "must be 1 to 100");
  FD_ASSIGN_OR_RETURN(CommandClient * api, ctx.Api());
  v1::ListWebhookDeliveriesRequest req;
  req.set_webhook_id(id);
  req.set_limit(limit);
  FD_ASSIGN_OR_RETURN(const auto resp, CallHooks(api, &WH::ListWebhookDeliveries, req));
  if (ctx.json()) {
    PrintJson(ToJsonArray(resp.deliveries()));
    return Status::Ok();
  }
  Table table({"DELIVERY", "EVENT", "SEQ", "CLAIM", "STATE", "ATTEMPTS", "LAST"});
  for (const auto& d : resp.deliveries()) {
    std::string last = d.last_error();
    if (last.empty() && d.last_http_status() != 0)
      last = fmt::format("HTTP {}", d.last_http_status());
    table.Add({d.delivery_uid(), d.event(), std::to_string(d.seq()),
               d.claim_id() == 0 ? "-" : std::to_string(d.claim_id()), DeliveryStateName(d.state()),
               std::to_string(d.attempts()), last});
  }
  table.Print(std::cout);
  return Status::Ok();
}

}  // namespace

void AddWebhookCommands(Context& ctx, CLI::App& app) {
  auto* group = ctx.Group(app, "webhook", "Tell a CMS when checks are published (editor)");
  auto o = std::make_shared<WebhookOptions>();
  auto* add = ctx.Command(*group, "add", "Add a webhook; prints its signing secret once",
                          [&ctx, o] { return AddWebhook(ctx, *o); });
  ctx.AddWorkspaceOption(add);
  add->add_option("--url", o->url, "http(s) URL the server POSTs to")->required();
  add->add_option("--events", o->events, "published, corrected, reopened, dismissed")
      ->delimiter(',')
      ->required();
  ctx.AddJsonFlag(add);
  auto* list =
      ctx.Command(*group, "list", "The workspace's webhooks", [&ctx] { return ListWebhooks(ctx); });
  ctx.AddWorkspaceOption(list);
  ctx.AddJsonFlag(list);
  auto* remove = ctx.Command(*group, "remove", "Remove a webhook (pending deliveries are dropped)",
                             [&ctx, o] { return RemoveWebhook(ctx, o->id); });
  remove->add_option("WEBHOOK_ID", o->id, "From `factdesk webhook list`")->required();
  auto* test = ctx.Command(*group, "test", "Queue a signed test delivery (event \"ping\")",
                           [&ctx, o] { return TestWebhook(ctx, o->id); });
  test->add_option("WEBHOOK_ID", o->id, "From `factdesk webhook list`")->required();
  ctx.AddJsonFlag(test);
  auto* deliveries =
      ctx.Command(*group, "deliveries", "A webhook's deliveries, newest first, and how they went",
                  [&ctx, o] { return ListDeliveries(ctx, o->id, o->limit); });
  deliveries->add_option("WEBHOOK_ID", o->id, "From `factdesk webhook list`")->required();
  deliveries->add_option("--limit", o->limit, "How many (default 20, at most 100)");
  ctx.AddJsonFlag(deliveries);
}

}  // namespace factdesk::cli
