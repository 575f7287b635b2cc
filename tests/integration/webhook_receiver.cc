#include "tests/integration/webhook_receiver.h"

#include <array>
#include <cctype>
#include <stdexcept>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/socket.h>
#include <unistd.h>

namespace factdesk::testing {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Reads one request (head, then Content-Length bytes of body); false on EOF or error.
bool ReadRequest(int fd, ReceivedRequest* out) {
  std::string data;
  std::array<char, 4096> buf{};
  std::size_t head_end = std::string::npos;
  std::size_t need = 0;
  for (;;) {
    if (head_end == std::string::npos) {
      head_end = data.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        std::size_t pos = data.find("\r\n");
        const std::string first = data.substr(0, pos);
        out->method = first.substr(0, first.find(' '));
        out->path = first.substr(first.find(' ') + 1, first.rfind(' ') - first.find(' ') - 1);
        while (pos < head_end) {
          const std::size_t next = data.find("\r\n", pos + 2);
          const std::string line = data.substr(pos + 2, next - pos - 2);
          const auto colon = line.find(':');
          if (colon != std::string::npos) {
            out->headers[Lower(line.substr(0, colon))] = Trim(line.substr(colon + 1));
          }
          pos = next;
        }
        need = head_end + 4 +
               std::stoul(out->headers.count("content-length") != 0 ? out->headers["content-length"]
                                                                    : std::string("0"));
      }
    }
    if (head_end != std::string::npos && data.size() >= need) {
      out->body = data.substr(head_end + 4, need - head_end - 4);
      return true;
    }
    const ssize_t n = read(fd, buf.data(), buf.size());
    if (n <= 0) return false;
    data.append(buf.data(), static_cast<std::size_t>(n));
  }
}

}  // namespace

WebhookReceiver::WebhookReceiver(Policy policy) : policy_(std::move(policy)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (listen_fd_ < 0 || bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
      listen(listen_fd_, 64) != 0 ||
      getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error("the webhook receiver cannot listen");
  }
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { AcceptLoop(); });
}

WebhookReceiver::~WebhookReceiver() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    for (const int fd : open_fds_) shutdown(fd, SHUT_RDWR);
  }
  cv_.notify_all();
  shutdown(listen_fd_, SHUT_RDWR);
  acceptor_.join();
  for (auto& t : threads_) t.join();
  close(listen_fd_);
}

std::string WebhookReceiver::url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/hooks/factdesk";
}

std::vector<ReceivedRequest> WebhookReceiver::requests() const {
  std::lock_guard lock(mu_);
  return requests_;
}

bool WebhookReceiver::WaitForRequests(std::size_t n, std::chrono::seconds timeout) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [&] { return requests_.size() >= n; });
}

void WebhookReceiver::AcceptLoop() {
  for (;;) {
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    std::lock_guard lock(mu_);
    if (fd < 0 || stopping_) {
      if (fd >= 0) close(fd);
      return;
    }
    open_fds_.push_back(fd);
    threads_.emplace_back([this, fd] { Serve(fd); });
  }
}

void WebhookReceiver::Serve(int fd) {
  ReceivedRequest request;
  if (ReadRequest(fd, &request)) {
    int status = 200;
    {
      std::unique_lock lock(mu_);
      const int n = static_cast<int>(requests_.size());
      requests_.push_back(request);
      cv_.notify_all();
      if (policy_) status = policy_(n);
      if (status == 0) cv_.wait(lock, [&] { return stopping_; });
    }
    if (status != 0) {
      const std::string reply = "HTTP/1.1 " + std::to_string(status) +
                                " Answer\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
      // The sender may have gone (timed out, shut down): no SIGPIPE for the test process.
      [[maybe_unused]] const ssize_t sent = send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
    }
  }
  std::lock_guard lock(mu_);
  std::erase(open_fds_, fd);
  close(fd);
}

bool SignatureIsValid(const std::string& secret, const ReceivedRequest& request) {
  const auto sig = request.headers.find("factdesk-signature");
  const auto ts = request.headers.find("factdesk-timestamp");
  if (sig == request.headers.end() || ts == request.headers.end()) return false;
  // "t=1767225600,v1=<64 hex>"
  const std::string& v = sig->second;
  const auto comma = v.find(",v1=");
  if (v.rfind("t=", 0) != 0 || comma == std::string::npos) return false;
  const std::string t = v.substr(2, comma - 2);
  const std::string given = v.substr(comma + 4);
  if (t != ts->second) return false;
  const std::string message = t + "." + request.body;
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int size = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac.data(), &size);
  std::string hex;
  static constexpr char kDigits[] = "0123456789abcdef";
  for (unsigned int i = 0; i < size; ++i) {
    hex.push_back(kDigits[mac[i] >> 4U]);
    hex.push_back(kDigits[mac[i] & 0x0FU]);
  }
  return hex.size() == given.size() && CRYPTO_memcmp(hex.data(), given.data(), hex.size()) == 0;
}

}  // namespace factdesk::testing
