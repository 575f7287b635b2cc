#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace factdesk {

// Threads that run request handlers, off gRPC's callback threads (handlers block on
// the database). The queue is bounded: when it is full, Submit refuses and the
// request is answered RESOURCE_EXHAUSTED at once instead of queueing without end.
class WorkerPool {
 public:
  WorkerPool(int threads, std::size_t max_queued);
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  ~WorkerPool();

  // False when the queue is full or the pool is stopping.
  bool Submit(std::function<void()> task);
  // Runs what is queued, then joins the threads.
  void Stop();
  std::size_t Queued() const;

 private:
  void Run();

  const std::size_t max_queued_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace factdesk
