#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// A small real HTTP/1.1 server on a loopback port that receives webhook POSTs, for the
// webhook tests: it records each request and answers what its policy says.
namespace factdesk::testing {

struct ReceivedRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;  // names lowercased
  std::string body;
};

class WebhookReceiver {
 public:
  // The status to answer the n-th request with (from 0); 0 keeps the connection open
  // without answering until the receiver is destroyed (a receiver that hangs).
  using Policy = std::function<int(int n)>;

  explicit WebhookReceiver(Policy policy = nullptr);
  ~WebhookReceiver();
  WebhookReceiver(const WebhookReceiver&) = delete;
  WebhookReceiver& operator=(const WebhookReceiver&) = delete;

  std::string url() const;
  std::vector<ReceivedRequest> requests() const;
  // Waits (bounded) until at least `n` requests have arrived.
  bool WaitForRequests(std::size_t n, std::chrono::seconds timeout = std::chrono::seconds(60));

 private:
  void AcceptLoop();
  void Serve(int fd);

  Policy policy_;
  int listen_fd_ = -1;
  int port_ = 0;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<ReceivedRequest> requests_;
  std::vector<int> open_fds_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

// True when `headers` carry a Factdesk-Signature "t=T,v1=HEX" that is HMAC-SHA256 of
// "T.BODY" under `secret`, and a Factdesk-Timestamp equal to T: what the README tells a
// receiver to check, written here with OpenSSL directly.
bool SignatureIsValid(const std::string& secret, const ReceivedRequest& request);

}  // namespace factdesk::testing
