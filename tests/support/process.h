#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <sys/types.h>

namespace factdesk::testing {

// How to run a program from a test.
struct ProcessOptions {
  // argv[0] is the program's path (no PATH search).
  std::vector<std::string> argv;
  // Set in (or replacing in) the child's copy of this process's environment.
  std::map<std::string, std::string> env;
  // Removed from the child's environment (e.g. FACTDESK_TOKEN from the developer's shell).
  std::vector<std::string> unset_env;
  // Working directory ("" = this process's).
  std::string cwd;
  // Written to the child's standard input, which is then closed.
  std::string stdin_data;
};

struct ProcessResult {
  // The exit status, or -1 when a signal ended it (see `signal`).
  int exit_code = -1;
  int signal = 0;
  // The timeout ran out and the child was killed with SIGKILL.
  bool timed_out = false;
  std::string out;
  std::string err;
};

// Runs a program to completion, capturing its output; kills it after `timeout`.
ProcessResult RunProcess(const ProcessOptions& options,
                         std::chrono::milliseconds timeout = std::chrono::seconds(60));

// A program running in the background, its output captured as it comes. The
// destructor kills it (SIGKILL) and reaps it if it still runs, so a failing test never
// leaves a process behind.
class ChildProcess {
 public:
  enum class Stream { kOut, kErr, kEither };

  // Starts the program; throws std::runtime_error when it cannot.
  explicit ChildProcess(const ProcessOptions& options);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }

  // Waits until `regex` (POSIX extended) matches the captured output at least `count`
  // times. Returns the last match's first group (or the whole match when the regex has
  // no group), or nullopt when the timeout runs out or the program exits first.
  std::optional<std::string> WaitFor(const std::string& regex, std::chrono::milliseconds timeout,
                                     Stream stream = Stream::kEither, int count = 1);
  // Sends a signal (SIGTERM, SIGINT, ...).
  void Signal(int sig);
  // SIGKILL.
  void Kill();
  // Waits for the program to end; its exit status (-1 when a signal ended it), or
  // nullopt when `timeout` ran out first.
  std::optional<int> Wait(std::chrono::milliseconds timeout);
  bool running();

  std::string out() const;
  std::string err() const;

 private:
  void ReadLoop(int out_fd, int err_fd);
  bool ReapLocked(bool block);

  pid_t pid_ = -1;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::string out_;
  std::string err_;
  bool eof_ = false;
  bool stop_ = false;
  bool exited_ = false;
  int exit_code_ = -1;
  std::thread reader_;
};

}  // namespace factdesk::testing
