// The real factdesk-server binary as a child process of a benchmark, on a loopback port
// over a given database, so that its memory (/proc/PID) and CPU are its own.
#pragma once

#include <memory>
#include <string>

#include "tests/support/process.h"

namespace factdesk::bench {

class ServerProcess {
 public:
  // `serve --listen 127.0.0.1:0 --database URL`; throws when it does not start.
  ServerProcess(const std::string& server_bin, const std::string& database_url);
  // SIGTERM, then SIGKILL when it does not end within 15 s.
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  int pid() const { return child_->pid(); }

 private:
  std::unique_ptr<testing::ChildProcess> child_;
  int port_ = 0;
};

}  // namespace factdesk::bench
