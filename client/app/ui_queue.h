#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <vector>

namespace factdesk::app {

// Closures for the UI thread. Network threads Post; the UI thread Drains at the start
// of each frame, so the model and ImGui are only ever touched there (DESIGN.md,
// invariant 8). Posting calls the wake function (glfwPostEmptyEvent in the desktop),
// so an idle loop waiting in glfwWaitEventsTimeout runs a frame at once.
class UiQueue {
 public:
  void SetWake(std::function<void()> wake);
  void Post(std::function<void()> task);
  // Runs what was posted up to now (tasks posted while draining wait for the next
  // call); returns how many ran.
  std::size_t Drain();
  // Blocks until something is posted or `timeout` passes (tests and headless loops;
  // the desktop waits in GLFW instead). True when something is queued.
  bool WaitFor(std::chrono::milliseconds timeout);
  // Drops what is queued without running it (shutdown).
  void Clear();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::function<void()>> tasks_;
  std::function<void()> wake_;
};

}  // namespace factdesk::app
