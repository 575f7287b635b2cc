#include "client/app/ui_queue.h"

namespace factdesk::app {

void UiQueue::SetWake(std::function<void()> wake) {
  std::lock_guard lock(mu_);
  wake_ = std::move(wake);
}

void UiQueue::Post(std::function<void()> task) {
  std::function<void()> wake;
  {
    std::lock_guard lock(mu_);
    tasks_.push_back(std::move(task));
    wake = wake_;
  }
  cv_.notify_all();
  if (wake) wake();
}

std::size_t UiQueue::Drain() {
  std::vector<std::function<void()>> tasks;
  {
    std::lock_guard lock(mu_);
    tasks.swap(tasks_);
  }
  for (auto& task : tasks) task();
  return tasks.size();
}

bool UiQueue::WaitFor(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  return cv_.wait_for(lock, timeout, [this] { return !tasks_.empty(); });
}

void UiQueue::Clear() {
  std::vector<std::function<void()>> tasks;
  std::lock_guard lock(mu_);
  tasks.swap(tasks_);
}

}  // namespace factdesk::app
