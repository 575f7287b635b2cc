#pragma once

#include <memory>
#include <string>

#include "tests/support/process.h"

namespace factdesk::testing {

// An Xvfb server on a free display, started by the test itself (never skipped):
// `Xvfb -displayfd 1` picks the display number and prints it. Stopped when destroyed.
class XvfbSession {
 public:
  XvfbSession(int width = 1280, int height = 1024);
  ~XvfbSession();
  XvfbSession(const XvfbSession&) = delete;
  XvfbSession& operator=(const XvfbSession&) = delete;
  // ":N"
  const std::string& display() const { return display_; }

 private:
  std::unique_ptr<ChildProcess> child_;
  std::string display_;
};

// A `factdesk-server serve` process on a free loopback port with its embedded
// PostgreSQL in `data_dir`; SIGTERM (then SIGKILL) when destroyed.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& data_dir);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  std::string log() const { return child_->out() + child_->err(); }

 private:
  std::unique_ptr<ChildProcess> child_;
  int port_ = 0;
};

std::string ServerBinary();
std::string DesktopBinary();

}  // namespace factdesk::testing
