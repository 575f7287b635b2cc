#include "bench/server_process.h"

#include <chrono>
#include <csignal>
#include <stdexcept>

namespace factdesk::bench {

ServerProcess::ServerProcess(const std::string& server_bin, const std::string& database_url) {
  testing::ProcessOptions p;
  p.argv = {server_bin, "serve", "--listen", "127.0.0.1:0", "--database", database_url};
  child_ = std::make_unique<testing::ChildProcess>(p);
  const auto port = child_->WaitFor("listening on port ([0-9]+)", std::chrono::seconds(60));
  if (!port) throw std::runtime_error("factdesk-server did not start: " + child_->err());
  port_ = std::stoi(*port);
}

ServerProcess::~ServerProcess() {
  child_->Signal(SIGTERM);
  if (!child_->Wait(std::chrono::seconds(15))) child_->Kill();
}

}  // namespace factdesk::bench
