#include "tests/support/http_get.h"

#include <cctype>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace factdesk::testing {

HttpResponse HttpGet(int port, const std::string& path) {
  HttpResponse out;
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return out;
  timeval timeout{30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return out;
  }
  const std::string request =
      "GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/plain\r\n\r\n";
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    close(fd);
    return out;
  }
  std::string raw;
  char buf[8192];
  for (ssize_t n = 0; (n = recv(fd, buf, sizeof buf, 0)) > 0;) raw.append(buf, buf + n);
  close(fd);
  const std::size_t head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos) return out;
  const std::string head = raw.substr(0, head_end);
  out.status = head.substr(0, head.find("\r\n"));
  std::string lower = head;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (const std::size_t at = lower.find("\r\ncontent-type:"); at != std::string::npos) {
    const std::size_t start = head.find_first_not_of(' ', at + 15);
    out.content_type = head.substr(start, head.find("\r\n", start) - start);
  }
  out.body = raw.substr(head_end + 4);
  return out;
}

}  // namespace factdesk::testing
