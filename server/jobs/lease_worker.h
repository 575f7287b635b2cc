#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// Work that follows what was written (DESIGN 7): jobs are rows in PostgreSQL, claimed
// with FOR UPDATE SKIP LOCKED and a lease, so replicas share them without doubling them
// and a job whose runner died is taken again when its lease runs out. This is the part
// every such job shares: threads of their own (never the RPC workers), each running
// rounds; a round claims and runs what is due and says whether it found any. Between
// empty rounds a thread sleeps for the poll interval, or until Poke (a NOTIFY said
// something was written). While rounds fail (the database is unreachable) the sleep
// doubles up to `max_failure_wait`, so an outage is not met with a query a second per
// thread, and Poke does not cut it short.
namespace factdesk::jobs {

struct LeaseWorkerOptions {
  std::string name;  // for the log
  int threads = 2;   // 0: no threads (this process runs none of these jobs)
  std::chrono::milliseconds poll{1000};
  std::chrono::milliseconds max_failure_wait{30000};
};

// What a round found: work (run another at once), nothing due, or a failure to reach
// the database (wait longer each time).
enum class RoundResult { kBusy, kIdle, kFailed };

class LeaseWorker {
 public:
  // One round: claim what is due (with a lease), run it, record the outcome.
  using Round = std::function<RoundResult()>;

  LeaseWorker(LeaseWorkerOptions options, Round round);
  LeaseWorker(const LeaseWorker&) = delete;
  LeaseWorker& operator=(const LeaseWorker&) = delete;
  ~LeaseWorker();

  void Start();
  // Wakes the sleeping threads for a round now.
  void Poke();
  // Lets the running rounds finish, then joins the threads.
  void Stop();

 private:
  void Run();

  const LeaseWorkerOptions options_;
  const Round round_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::uint64_t pokes_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// The wait before retry `attempt` (1 = after the first failure): base, doubling each time,
// never more than `cap`.
std::chrono::milliseconds BackoffDelay(int attempt, std::chrono::milliseconds base,
                                       std::chrono::milliseconds cap);

}  // namespace factdesk::jobs
