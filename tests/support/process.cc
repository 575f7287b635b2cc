#include "tests/support/process.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <poll.h>
#include <regex.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace factdesk::testing {
namespace {

using Clock = std::chrono::steady_clock;

// Everything the child needs, prepared before fork: between fork and exec only
// async-signal-safe calls are allowed (the test process has threads).
struct Launch {
  std::vector<std::string> argv_storage;
  std::vector<std::string> env_storage;
  std::vector<char*> argv;
  std::vector<char*> envp;
};

Launch Prepare(const ProcessOptions& o) {
  if (o.argv.empty()) throw std::runtime_error("RunProcess: empty argv");
  Launch l;
  l.argv_storage = o.argv;
  std::map<std::string, std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    const auto eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto& name : o.unset_env) env.erase(name);
  for (const auto& [k, v] : o.env) env[k] = v;
  for (const auto& [k, v] : env) l.env_storage.push_back(k + "=" + v);
  for (auto& a : l.argv_storage) l.argv.push_back(a.data());
  l.argv.push_back(nullptr);
  for (auto& e : l.env_storage) l.envp.push_back(e.data());
  l.envp.push_back(nullptr);
  return l;
}

struct Pipes {
  int in[2] = {-1, -1};
  int out[2] = {-1, -1};
  int err[2] = {-1, -1};
};

// Forks and execs; returns the pid and leaves the parent's ends of the pipes open
// (stdin's write end, stdout's and stderr's read ends).
pid_t Spawn(const ProcessOptions& o, Pipes& p) {
  Launch l = Prepare(o);
  if (pipe2(p.in, O_CLOEXEC) != 0 || pipe2(p.out, O_CLOEXEC) != 0 || pipe2(p.err, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe: ") + std::generic_category().message(errno));
  }
  const pid_t pid = fork();
  if (pid < 0)
    throw std::runtime_error(std::string("fork: ") + std::generic_category().message(errno));
  if (pid == 0) {
    dup2(p.in[0], STDIN_FILENO);
    dup2(p.out[1], STDOUT_FILENO);
    dup2(p.err[1], STDERR_FILENO);
    // Start with default signal handling, whatever this process blocked.
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
    signal(SIGPIPE, SIG_DFL);
    if (!o.cwd.empty() && chdir(o.cwd.c_str()) != 0) _exit(126);
    execve(l.argv[0], l.argv.data(), l.envp.data());
    const char msg[] = "exec failed\n";
    (void)!write(STDERR_FILENO, msg, sizeof msg - 1);
    _exit(127);
  }
  close(p.in[0]);
  close(p.out[1]);
  close(p.err[1]);
  return pid;
}

void WriteAll(int fd, const std::string& data) {
  // A child that does not read its input must not hang the test: ignore EPIPE.
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) continue;
      break;
    }
    done += static_cast<std::size_t>(n);
  }
}

int DecodeStatus(int status, int* sig) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status) && sig != nullptr) *sig = WTERMSIG(status);
  return -1;
}

// Reads whatever is ready on the open fds into the buffers; closes fds at EOF.
void Drain(int fds[2], std::string* buffers[2], int timeout_ms) {
  pollfd pfds[2];
  int n = 0;
  int index[2];
  for (int i = 0; i < 2; ++i) {
    if (fds[i] >= 0) {
      pfds[n] = {fds[i], POLLIN, 0};
      index[n++] = i;
    }
  }
  if (n == 0) return;
  if (poll(pfds, static_cast<nfds_t>(n), timeout_ms) <= 0) return;
  char buf[65536];
  for (int k = 0; k < n; ++k) {
    if ((pfds[k].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
    const int i = index[k];
    const ssize_t got = read(fds[i], buf, sizeof buf);
    if (got > 0) {
      buffers[i]->append(buf, static_cast<std::size_t>(got));
    } else if (got == 0 || errno != EINTR) {
      close(fds[i]);
      fds[i] = -1;
    }
  }
}

}  // namespace

ProcessResult RunProcess(const ProcessOptions& options, std::chrono::milliseconds timeout) {
  signal(SIGPIPE, SIG_IGN);
  Pipes p;
  const pid_t pid = Spawn(options, p);
  WriteAll(p.in[1], options.stdin_data);
  close(p.in[1]);
  ProcessResult result;
  int fds[2] = {p.out[0], p.err[0]};
  std::string* buffers[2] = {&result.out, &result.err};
  const auto deadline = Clock::now() + timeout;
  while (fds[0] >= 0 || fds[1] >= 0) {
    if (Clock::now() >= deadline) {
      kill(pid, SIGKILL);
      result.timed_out = true;
      break;
    }
    Drain(fds, buffers, 100);
  }
  for (int fd : fds) {
    if (fd >= 0) close(fd);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = DecodeStatus(status, &result.signal);
  return result;
}

ChildProcess::ChildProcess(const ProcessOptions& options) {
  signal(SIGPIPE, SIG_IGN);
  Pipes p;
  pid_ = Spawn(options, p);
  WriteAll(p.in[1], options.stdin_data);
  close(p.in[1]);
  reader_ = std::thread([this, out = p.out[0], err = p.err[0]] { ReadLoop(out, err); });
}

ChildProcess::~ChildProcess() {
  Kill();
  (void)Wait(std::chrono::seconds(30));
  {
    // A grandchild may still hold the pipes open: stop reading anyway.
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  if (reader_.joinable()) reader_.join();
}

void ChildProcess::ReadLoop(int out_fd, int err_fd) {
  int fds[2] = {out_fd, err_fd};
  std::string out;
  std::string err;
  std::string* buffers[2] = {&out, &err};
  while (fds[0] >= 0 || fds[1] >= 0) {
    Drain(fds, buffers, 200);
    {
      std::lock_guard lock(mu_);
      if (stop_) break;
    }
    if (!out.empty() || !err.empty()) {
      std::lock_guard lock(mu_);
      out_ += out;
      err_ += err;
      out.clear();
      err.clear();
    }
    cv_.notify_all();
  }
  for (int fd : fds) {
    if (fd >= 0) close(fd);
  }
  {
    std::lock_guard lock(mu_);
    eof_ = true;
  }
  cv_.notify_all();
}

bool ChildProcess::ReapLocked(bool block) {
  if (exited_) return true;
  int status = 0;
  const pid_t r = waitpid(pid_, &status, block ? 0 : WNOHANG);
  if (r != pid_) return false;
  exited_ = true;
  exit_code_ = DecodeStatus(status, nullptr);
  return true;
}

std::optional<std::string> ChildProcess::WaitFor(const std::string& regex,
                                                 std::chrono::milliseconds timeout, Stream stream,
                                                 int count) {
  // POSIX regex: GCC 12's std::regex trips -Wmaybe-uninitialized under the sanitizers.
  regex_t re;
  if (regcomp(&re, regex.c_str(), REG_EXTENDED | REG_NEWLINE) != 0) {
    throw std::runtime_error("WaitFor: bad regex " + regex);
  }
  std::unique_ptr<regex_t, decltype(&regfree)> guard(&re, &regfree);
  const auto deadline = Clock::now() + timeout;
  std::unique_lock lock(mu_);
  for (;;) {
    const std::string haystack = stream == Stream::kOut   ? out_
                                 : stream == Stream::kErr ? err_
                                                          : out_ + "\n" + err_;
    int found = 0;
    std::string last;
    regmatch_t m[2];
    for (std::size_t pos = 0; pos <= haystack.size();) {
      if (regexec(&re, haystack.c_str() + pos, 2, m, pos == 0 ? 0 : REG_NOTBOL) != 0) break;
      ++found;
      const regmatch_t& group = m[1].rm_so >= 0 ? m[1] : m[0];
      last = haystack.substr(pos + static_cast<std::size_t>(group.rm_so),
                             static_cast<std::size_t>(group.rm_eo - group.rm_so));
      pos += static_cast<std::size_t>(std::max<regoff_t>(m[0].rm_eo, m[0].rm_so + 1));
    }
    if (found >= count) return last;
    if (eof_ || Clock::now() >= deadline) return std::nullopt;
    cv_.wait_until(lock, std::min(deadline, Clock::now() + std::chrono::milliseconds(200)));
  }
}

void ChildProcess::Signal(int sig) {
  std::lock_guard lock(mu_);
  if (!ReapLocked(false)) kill(pid_, sig);
}

void ChildProcess::Kill() {
  Signal(SIGKILL);
}

std::optional<int> ChildProcess::Wait(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (ReapLocked(false)) return exit_code_;
    }
    if (Clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

bool ChildProcess::running() {
  std::lock_guard lock(mu_);
  return !ReapLocked(false);
}

std::string ChildProcess::out() const {
  std::lock_guard lock(mu_);
  return out_;
}

std::string ChildProcess::err() const {
  std::lock_guard lock(mu_);
  return err_;
}

}  // namespace factdesk::testing
