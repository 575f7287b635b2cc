#include "domain/webhook_rules.h"

#include <algorithm>
#include <array>

#include <arpa/inet.h>
#include <sys/socket.h>

#include "domain/url.h"

namespace factdesk::domain {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string EventChoices() {
  std::string out;
  for (const auto& e : kWebhookEvents) {
    if (!out.empty()) out += ", ";
    out += e.name;
  }
  return out;
}

bool InternalV4(const unsigned char* a) {
  return a[0] == 0 || a[0] == 10 || a[0] == 127 || (a[0] == 169 && a[1] == 254) ||
         (a[0] == 172 && (a[1] & 0xF0U) == 16) || (a[0] == 192 && a[1] == 168) ||
         (a[0] == 100 && (a[1] & 0xC0U) == 64) || (a[0] == 192 && a[1] == 0 && a[2] == 0) ||
         (a[0] == 198 && (a[1] & 0xFEU) == 18) || a[0] >= 224;
}

bool InternalV6(const unsigned char* a) {
  static constexpr std::array<unsigned char, 12> kMapped = {0, 0, 0, 0, 0,    0,
                                                            0, 0, 0, 0, 0xFF, 0xFF};
  if (std::equal(kMapped.begin(), kMapped.end(), a)) return InternalV4(a + 12);
  const bool zero_prefix = std::all_of(a, a + 15, [](unsigned char b) { return b == 0; });
  if (zero_prefix && (a[15] == 0 || a[15] == 1)) return true;  // :: and ::1
  return (a[0] & 0xFEU) == 0xFC ||                             // fc00::/7 unique local
         (a[0] == 0xFE && (a[1] & 0xC0U) == 0x80) ||           // fe80::/10 link-local
         a[0] == 0xFF;                                         // multicast
}

}  // namespace

Status CheckCanManageWebhooks(Role role) {
  if (HasAtLeast(role, kManageWebhooksRole)) return Status::Ok();
  const std::string_view name = RoleName(role);
  const bool vowel =
      !name.empty() && std::string_view("aeiou").find(name[0]) != std::string_view::npos;
  return Status::PermissionDenied(std::string(vowel ? "an " : "a ") + std::string(name) +
                                  " may not manage webhooks; it needs the " +
                                  std::string(RoleName(kManageWebhooksRole)) + " role");
}

std::string_view WebhookEventOfKind(std::string_view kind_name) {
  for (const auto& e : kWebhookEvents) {
    if (e.kind_name == kind_name) return e.name;
  }
  return "";
}

Result<std::vector<std::string>> CheckWebhookEvents(const std::vector<std::string>& names) {
  if (names.empty()) {
    return Status::InvalidArgument("events", "name at least one of " + EventChoices());
  }
  std::vector<std::string> out;
  for (const auto& given : names) {
    const std::string name = Lower(given);
    const bool known = std::any_of(std::begin(kWebhookEvents), std::end(kWebhookEvents),
                                   [&](const WebhookEvent& e) { return e.name == name; });
    if (!known) {
      return Status::InvalidArgument(
          "events", "there is no event '" + given + "'; choose from " + EventChoices());
    }
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

std::string WebhookHost(std::string_view url) {
  const auto start = url.find("://");
  if (start == std::string_view::npos) return "";
  std::string_view rest = url.substr(start + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    return std::string(rest.substr(1, close == std::string_view::npos ? close : close - 1));
  }
  return std::string(rest.substr(0, rest.find(':')));
}

bool IsInternalAddress(const unsigned char* bytes, std::size_t size) {
  if (size == 4) return InternalV4(bytes);
  if (size == 16) return InternalV6(bytes);
  return true;  // an address of no known family is nobody's CMS
}

Result<std::string> CheckWebhookUrl(std::string_view url, bool allow_private) {
  FD_ASSIGN_OR_RETURN(std::string normal, NormalizeUrl("url", url));
  if (normal.find('#') != std::string::npos) {
    return Status::InvalidArgument("url", "must not have a fragment (#...): it is never sent");
  }
  if (allow_private) return normal;
  const std::string host = WebhookHost(normal);
  std::array<unsigned char, 16> addr{};
  const bool internal =
      host == "localhost" || host.ends_with(".localhost") ||
      (inet_pton(AF_INET, host.c_str(), addr.data()) == 1 && InternalV4(addr.data())) ||
      (inet_pton(AF_INET6, host.c_str(), addr.data()) == 1 && InternalV6(addr.data()));
  if (internal) {
    return Status::InvalidArgument(
        "url", "'" + host +
                   "' is a loopback or private address; webhooks go to public hosts unless "
                   "the server runs with --allow-private-webhooks");
  }
  return normal;
}

}  // namespace factdesk::domain
