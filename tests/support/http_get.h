#pragma once

#include <string>

namespace factdesk::testing {

// GET http://127.0.0.1:port/path; the status line and the body ("" status on failure).
struct HttpResponse {
  std::string status;
  std::string content_type;
  std::string body;
};

HttpResponse HttpGet(int port, const std::string& path);

}  // namespace factdesk::testing
