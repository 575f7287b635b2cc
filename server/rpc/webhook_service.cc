#include "server/rpc/webhook_service.h"

#include <array>

#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <openssl/rand.h>
#include <sys/socket.h>

#include "domain/webhook_rules.h"
#include "server/jobs/webhook_payload.h"
#include "server/jobs/webhook_signature.h"
#include "server/rpc/authorize.h"
#include "server/rpc/call.h"
#include "server/rpc/record_access.h"
#include "server/rpc/request_checks.h"
#include "server/store/webhook_store.h"

namespace factdesk::rpc {
namespace {

// A host name that resolves to an internal address is refused like the address itself
// (the sender checks again on every connection). A name that does not resolve yet is
// accepted: its deliveries fail and are retried until it does.
Status CheckResolvedHost(const std::string& url) {
  const std::string host = domain::WebhookHost(url);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0) return Status::Ok();
  bool internal = false;
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    if (a->ai_family == AF_INET) {
      const auto* in = reinterpret_cast<const sockaddr_in*>(a->ai_addr);
      internal |= domain::IsInternalAddress(
          reinterpret_cast<const unsigned char*>(&in->sin_addr.s_addr), 4);
    } else if (a->ai_family == AF_INET6) {
      const auto* in6 = reinterpret_cast<const sockaddr_in6*>(a->ai_addr);
      internal |= domain::IsInternalAddress(in6->sin6_addr.s6_addr, 16);
    }
  }
  freeaddrinfo(found);
  if (!internal) return Status::Ok();
  return Status::InvalidArgument(
      "url", "'" + host +
                 "' resolves to a loopback or private address; webhooks go to public hosts "
                 "unless the server runs with --allow-private-webhooks");
}

// PERMISSION_DENIED for non-members and roles below domain::kManageWebhooksRole.
Status AuthorizeHooks(store::Tx& tx, std::int64_t workspace_id, const Call& call) {
  FD_ASSIGN_OR_RETURN(const domain::Role role,
                      Authorize(tx, workspace_id, call, domain::Action::kRead));
  return domain::CheckCanManageWebhooks(role);
}

// The hook, if the caller may manage the webhooks of its workspace.
Result<v1::Webhook> HookToManage(store::Tx& tx, std::int64_t webhook_id, const Call& call) {
  const Result<v1::Webhook> hook = store::GetWebhook(tx, webhook_id);
  FD_ASSIGN_OR_RETURN(
      const domain::Role role,
      AuthorizeRecord(tx, WorkspaceOf(hook), call, domain::Action::kRead, "webhook", webhook_id));
  FD_RETURN_IF_ERROR(domain::CheckCanManageWebhooks(role));
  return *hook;
}

Result<std::string> PingUid(std::int64_t webhook_id) {
  std::array<unsigned char, 8> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    return Status::Internal("the system random generator failed");
  }
  std::string hex;
  for (const unsigned char b : bytes) hex += fmt::format("{:02x}", b);
  return fmt::format("fd-wh{}-ping-{}", webhook_id, hex);
}

}  // namespace

WebhookService::WebhookService(Runtime& rt, WebhookServiceOptions options)
    : rt_(rt), options_(std::move(options)) {}
WebhookService::~WebhookService() = default;

grpc::ServerUnaryReactor* WebhookService::AddWebhook(grpc::CallbackServerContext* ctx,
                                                     const v1::AddWebhookRequest* req,
                                                     v1::AddWebhookResponse* resp) {
  return Unary(rt_, ctx, "AddWebhook", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req, options_.allow_private));
    store::NewWebhook hook;
    FD_ASSIGN_OR_RETURN(hook.url, domain::CheckWebhookUrl(req->url(), options_.allow_private));
    FD_ASSIGN_OR_RETURN(hook.events, domain::CheckWebhookEvents(std::vector<std::string>(
                                         req->events().begin(), req->events().end())));
    if (!options_.allow_private) FD_RETURN_IF_ERROR(CheckResolvedHost(hook.url));
    FD_ASSIGN_OR_RETURN(hook.secret, jobs::NewWebhookSecret());
    hook.workspace_id = req->workspace_id();
    hook.created_by = call.user_id();
    return rt_.db.Write("AddWebhook", call.user_id(), [&](store::Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(AuthorizeHooks(tx, hook.workspace_id, call));
      FD_ASSIGN_OR_RETURN(*resp->mutable_webhook(), store::AddWebhook(tx, hook));
      resp->set_secret(hook.secret);
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* WebhookService::ListWebhooks(grpc::CallbackServerContext* ctx,
                                                       const v1::ListWebhooksRequest* req,
                                                       v1::ListWebhooksResponse* resp) {
  return Unary(rt_, ctx, "ListWebhooks", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return rt_.db.Read("ListWebhooks", [&](store::Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(AuthorizeHooks(tx, req->workspace_id(), call));
      for (auto& hook : store::ListWebhooks(tx, req->workspace_id())) {
        *resp->add_webhooks() = std::move(hook);
      }
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* WebhookService::RemoveWebhook(grpc::CallbackServerContext* ctx,
                                                        const v1::RemoveWebhookRequest* req,
                                                        v1::RemoveWebhookResponse* resp) {
  return Unary(rt_, ctx, "RemoveWebhook", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    return rt_.db.Write("RemoveWebhook", call.user_id(), [&](store::Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(HookToManage(tx, req->webhook_id(), call).status());
      FD_ASSIGN_OR_RETURN(*resp->mutable_webhook(), store::RemoveWebhook(tx, req->webhook_id()));
      return Status::Ok();
    });
  });
}

grpc::ServerUnaryReactor* WebhookService::TestWebhook(grpc::CallbackServerContext* ctx,
                                                      const v1::TestWebhookRequest* req,
                                                      v1::TestWebhookResponse* resp) {
  return Unary(rt_, ctx, "TestWebhook", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    FD_ASSIGN_OR_RETURN(const std::string uid, PingUid(req->webhook_id()));
    FD_RETURN_IF_ERROR(rt_.db.Write("TestWebhook", call.user_id(), [&](store::Tx& tx) -> Status {
      FD_ASSIGN_OR_RETURN(const v1::Webhook hook, HookToManage(tx, req->webhook_id(), call));
      FD_ASSIGN_OR_RETURN(std::string body, jobs::PingBody(tx, hook, call.user(), uid));
      store::QueueDelivery(tx, {hook.workspace_id(), hook.id(), uid,
                                std::string(domain::kWebhookPingEvent), 0, 0, std::move(body)});
      FD_ASSIGN_OR_RETURN(*resp->mutable_delivery(), store::GetDelivery(tx, uid));
      return Status::Ok();
    }));
    if (options_.poke) options_.poke();
    return Status::Ok();
  });
}

grpc::ServerUnaryReactor* WebhookService::ListWebhookDeliveries(
    grpc::CallbackServerContext* ctx, const v1::ListWebhookDeliveriesRequest* req,
    v1::ListWebhookDeliveriesResponse* resp) {
  return Unary(rt_, ctx, "ListWebhookDeliveries", [this, req, resp](Call& call) -> Status {
    FD_RETURN_IF_ERROR(CheckRequest(*req));
    const int limit = req->limit() == 0 ? kMaxDeliveriesListed : req->limit();
    return rt_.db.Read("ListWebhookDeliveries", [&](store::Tx& tx) -> Status {
      FD_RETURN_IF_ERROR(HookToManage(tx, req->webhook_id(), call).status());
      for (auto& d : store::ListDeliveries(tx, req->webhook_id(), limit)) {
        *resp->add_deliveries() = std::move(d);
      }
      return Status::Ok();
    });
  });
}

}  // namespace factdesk::rpc
