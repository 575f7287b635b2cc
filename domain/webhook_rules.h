#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/roles.h"

// Webhooks: who may manage them, the events a CMS can ask for, and where they may be sent.
namespace factdesk::domain {

// Editors and admins manage a workspace's webhooks: what the desk publishes is theirs to
// announce (publishing needs an editor too).
inline constexpr Role kManageWebhooksRole = Role::kEditor;

// OK, or PERMISSION_DENIED "a checker may not manage webhooks; it needs the editor role"
// (the wording of workflow.h's CheckRole).
Status CheckCanManageWebhooks(Role role);

// An event a hook can ask for, by the name people type, and the stored event kind it
// follows (events/event_kind.cc's stable names).
struct WebhookEvent {
  std::string_view name;
  std::string_view kind_name;
};

// published (claim.published), corrected (claim.corrected), reopened (claim.reopened: a
// published check taken back, or a dismissed claim reopened; the body's claim says which
// state it is in now) and dismissed (claim.dismissed).
inline constexpr WebhookEvent kWebhookEvents[] = {
    {"published", "claim.published"},
    {"corrected", "claim.corrected"},
    {"reopened", "claim.reopened"},
    {"dismissed", "claim.dismissed"},
};

// The event name a test delivery (`webhook test`) carries; it follows no event.
inline constexpr std::string_view kWebhookPingEvent = "ping";

// The event name of a stored kind name ("claim.published" -> "published"); "" when no
// hook can ask for it.
std::string_view WebhookEventOfKind(std::string_view kind_name);

// The asked-for names, lowercased and without repeats, in the order given, or
// INVALID_ARGUMENT "events: ..." naming the unknown one and the choices.
Result<std::vector<std::string>> CheckWebhookEvents(const std::vector<std::string>& names);

// The URL a hook may post to: an http(s) URL (normalised, see url.h) without a fragment.
// With allow_private false, a host that is "localhost" or a loopback, private,
// link-local or otherwise internal IP literal is refused: INVALID_ARGUMENT "url: ...".
// (Names that resolve to such addresses are refused by the server, which resolves.)
Result<std::string> CheckWebhookUrl(std::string_view url, bool allow_private);

// The host of a URL CheckWebhookUrl accepted, without brackets or port.
std::string WebhookHost(std::string_view url);

// True for an address no public CMS has: loopback, private (RFC 1918, fc00::/7),
// link-local, carrier-grade NAT, unspecified, multicast or reserved. `bytes` is 4 bytes
// (IPv4) or 16 (IPv6, IPv4-mapped ones judged as IPv4) in network order.
bool IsInternalAddress(const unsigned char* bytes, std::size_t size);

}  // namespace factdesk::domain
