#include "server/jobs/webhook_http.h"

#include <array>
#include <csignal>
#include <ctime>
#include <memory>
#include <mutex>

#include <curl/curl.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "domain/webhook_rules.h"
#include "server/jobs/webhook_signature.h"

namespace factdesk::jobs {
namespace {

struct SocketCheck {
  bool allow_private = false;
  bool refused = false;
};

// Called by libcurl with the address it is about to connect to.
curl_socket_t OpenCheckedSocket(void* data, curlsocktype /*purpose*/, curl_sockaddr* address) {
  auto* check = static_cast<SocketCheck*>(data);
  bool internal = true;
  if (address->family == AF_INET) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&address->addr);
    internal =
        domain::IsInternalAddress(reinterpret_cast<const unsigned char*>(&in->sin_addr.s_addr), 4);
  } else if (address->family == AF_INET6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&address->addr);
    internal = domain::IsInternalAddress(in6->sin6_addr.s6_addr, 16);
  }
  if (internal && !check->allow_private) {
    check->refused = true;
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

size_t DiscardBody(char* /*ptr*/, size_t size, size_t count, void* /*data*/) {
  return size * count;  // the receiver's answer is its status; its body is not kept
}

struct Headers {
  curl_slist* list = nullptr;
  void Add(const std::string& line) { list = curl_slist_append(list, line.c_str()); }
  ~Headers() { curl_slist_free_all(list); }
};

void SetHeaders(Headers& h, const store::DueDelivery& d) {
  const std::int64_t now = std::time(nullptr);
  h.Add("Content-Type: application/json");
  h.Add("User-Agent: Factdesk-Webhooks/1");
  h.Add("Expect:");  // no 100-continue round trip
  h.Add(fmt::format("{}: {}", kDeliveryHeader, d.uid));
  h.Add(fmt::format("{}: {}", kEventHeader, d.event));
  h.Add(fmt::format("{}: {}", kTimestampHeader, now));
  h.Add(fmt::format("{}: {}", kSignatureHeader, SignatureHeaderValue(d.secret, now, d.body)));
}

}  // namespace

void InitHttp() {
  static std::once_flag once;
  std::call_once(once, [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    // A receiver that closes mid-request must fail the attempt, not end the process
    // (OpenSSL writes to a TLS socket without MSG_NOSIGNAL).
    std::signal(SIGPIPE, SIG_IGN);
  });
}

store::AttemptOutcome PostDelivery(const store::DueDelivery& d, const WebhookHttpOptions& o) {
  store::AttemptOutcome out;
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) {
    out.error = "libcurl could not start a transfer";
    return out;
  }
  Headers headers;
  SetHeaders(headers, d);
  SocketCheck check{o.allow_private, false};
  std::array<char, CURL_ERROR_SIZE> error{};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, d.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, d.body.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(d.body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.list);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(o.timeout.count()));
  curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, &OpenCheckedSocket);
  curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &check);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &DiscardBody);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error.data());
  const CURLcode rc = curl_easy_perform(c);
  out.duration_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start)
                        .count();
  if (check.refused) {
    out.error =
        "the host resolves to a loopback or private address, which this server may "
        "not post to (--allow-private-webhooks)";
    return out;
  }
  if (rc != CURLE_OK) {
    out.error = error[0] != '\0' ? error.data() : curl_easy_strerror(rc);
    return out;
  }
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  out.http_status = static_cast<int>(status);
  if (status < 200 || status > 299)
    out.error = fmt::format("the receiver answered HTTP {}", status);
  return out;
}

}  // namespace factdesk::jobs
