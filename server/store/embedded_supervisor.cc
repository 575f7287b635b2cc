#include "server/store/embedded_supervisor.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace factdesk::store {

EmbeddedSupervisor::EmbeddedSupervisor(EmbeddedPostgres& pg, SupervisorOptions options)
    : pg_(pg), options_(std::move(options)) {}

EmbeddedSupervisor::~EmbeddedSupervisor() {
  Stop();
}

void EmbeddedSupervisor::Start() {
  thread_ = std::thread([this] { Run(); });
}

void EmbeddedSupervisor::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

bool EmbeddedSupervisor::Sleep(std::chrono::milliseconds d) {
  std::unique_lock lock(mu_);
  return !wake_.wait_for(lock, d, [this] { return stop_; });
}

void EmbeddedSupervisor::Run() {
  while (Sleep(options_.poll)) {
    std::optional<std::string> ended = pg_.ReapIfExited();
    if (!ended) continue;
    spdlog::error("embedded PostgreSQL {}", *ended);
    if (options_.on_down) options_.on_down(*ended);
    if (!Recover(*ended)) return;
    if (options_.on_up) options_.on_up();
  }
}

bool EmbeddedSupervisor::Recover(std::string why) {
  for (;;) {
    const auto now = std::chrono::steady_clock::now();
    crashes_.push_back(now);
    while (now - crashes_.front() > options_.window) crashes_.pop_front();
    const int n = static_cast<int>(crashes_.size());
    if (n > options_.max_restarts) {
      const std::string reason =
          fmt::format("embedded PostgreSQL failed {} times within {} s; giving up (last: {})", n,
                      options_.window.count(), why);
      spdlog::critical("{}", reason);
      if (options_.on_give_up) options_.on_give_up(reason);
      return false;
    }
    const auto backoff = std::min(options_.max_backoff, options_.first_backoff * (1 << (n - 1)));
    spdlog::warn("restarting the embedded PostgreSQL in {} ms (failure {} of {} allowed in {} s)",
                 backoff.count(), n, options_.max_restarts, options_.window.count());
    if (!Sleep(backoff)) return false;
    const Status started = pg_.Relaunch();
    if (started.ok()) {
      ++restarts_;
      spdlog::info("embedded PostgreSQL restarted (pid {})", pg_.pid());
      return true;
    }
    why = started.message();
    spdlog::error("restarting the embedded PostgreSQL failed: {}", why);
  }
}

}  // namespace factdesk::store
