#include "server/jobs/lease_worker.h"

#include <exception>

#include <spdlog/spdlog.h>

namespace factdesk::jobs {

LeaseWorker::LeaseWorker(LeaseWorkerOptions options, Round round)
    : options_(std::move(options)), round_(std::move(round)) {}

LeaseWorker::~LeaseWorker() {
  Stop();
}

void LeaseWorker::Start() {
  std::lock_guard lock(mu_);
  for (int i = 0; i < options_.threads; ++i) threads_.emplace_back([this] { Run(); });
}

void LeaseWorker::Poke() {
  std::lock_guard lock(mu_);
  ++pokes_;
  cv_.notify_all();
}

void LeaseWorker::Stop() {
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    threads.swap(threads_);
  }
  cv_.notify_all();
  for (auto& t : threads) t.join();
}

void LeaseWorker::Run() {
  int failures = 0;  // rounds failed in a row
  std::unique_lock lock(mu_);
  while (!stopping_) {
    const std::uint64_t seen = pokes_;
    lock.unlock();
    RoundResult result = RoundResult::kFailed;
    try {
      result = round_();
    } catch (const std::exception& e) {
      // A round maps database failures to statuses itself; this is a bug's last stop, kept
      // from ending the process so the next round can try again.
      spdlog::error("{}: a round failed: {}", options_.name, e.what());
    }
    failures = result == RoundResult::kFailed ? failures + 1 : 0;
    lock.lock();
    if (result == RoundResult::kIdle) {
      cv_.wait_for(lock, options_.poll, [&] { return stopping_ || pokes_ != seen; });
    } else if (result == RoundResult::kFailed) {
      const auto wait = BackoffDelay(failures, options_.poll, options_.max_failure_wait);
      cv_.wait_for(lock, wait, [&] { return stopping_; });
    }
  }
}

std::chrono::milliseconds BackoffDelay(int attempt, std::chrono::milliseconds base,
                                       std::chrono::milliseconds cap) {
  auto delay = base;
  for (int i = 1; i < attempt && delay < cap; ++i) delay *= 2;
  return delay < cap ? delay : cap;
}

}  // namespace factdesk::jobs
