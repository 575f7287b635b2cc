#include "tests/ui/xvfb_session.h"

#include <csignal>
#include <stdexcept>

namespace factdesk::testing {

std::string ServerBinary() {
  return FACTDESK_BINARY_DIR "/server/factdesk-server";
}

std::string DesktopBinary() {
  return FACTDESK_BINARY_DIR "/client/desktop/factdesk-desktop";
}

XvfbSession::XvfbSession(int width, int height) {
  ProcessOptions o;
  o.argv = {
      "/usr/bin/Xvfb", "-displayfd", "1",
      "-screen",       "0",          std::to_string(width) + "x" + std::to_string(height) + "x24",
      "-nolisten",     "tcp",        "-noreset"};
  child_ = std::make_unique<ChildProcess>(o);
  const auto number =
      child_->WaitFor("^([0-9]+)\n", std::chrono::seconds(30), ChildProcess::Stream::kOut);
  if (!number) throw std::runtime_error("Xvfb did not start:\n" + child_->out() + child_->err());
  display_ = ":" + *number;
}

XvfbSession::~XvfbSession() {
  if (child_->running()) {
    child_->Signal(SIGTERM);
    if (!child_->Wait(std::chrono::seconds(10))) child_->Kill();
  }
}

ServerProcess::ServerProcess(const std::string& data_dir) {
  ProcessOptions o;
  o.argv = {ServerBinary(), "serve",  "--listen",         "127.0.0.1:0",
            "--data-dir",   data_dir, "--unsafe-no-fsync"};
  child_ = std::make_unique<ChildProcess>(o);
  const auto port = child_->WaitFor(R"(listening on port ([0-9]+))", std::chrono::seconds(180));
  if (!port) throw std::runtime_error("factdesk-server did not start:\n" + log());
  port_ = std::stoi(*port);
}

ServerProcess::~ServerProcess() {
  if (child_->running()) {
    child_->Signal(SIGTERM);
    if (!child_->Wait(std::chrono::seconds(60))) child_->Kill();
  }
}

}  // namespace factdesk::testing
