#include "server/store/child_process.h"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <system_error>

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace factdesk::store {
namespace {

std::vector<char*> ArgvPointers(const std::vector<std::string>& argv) {
  std::vector<char*> out;
  out.reserve(argv.size() + 1);
  for (const auto& a : argv) out.push_back(const_cast<char*>(a.c_str()));
  out.push_back(nullptr);
  return out;
}

// In the child after fork: drop to the account, then exec. Only async-signal-safe calls.
[[noreturn]] void ExecAs(const std::vector<char*>& argv, const std::optional<RunAs>& run_as,
                         int parent_death_signal) {
  if (run_as) {
    if (setgroups(0, nullptr) != 0 || setgid(run_as->gid) != 0 || setuid(run_as->uid) != 0) {
      _exit(126);
    }
  }
  // Set after setuid: changing credentials clears the parent-death signal.
  if (parent_death_signal != 0) prctl(PR_SET_PDEATHSIG, parent_death_signal);
  execv(argv[0], argv.data());
  _exit(127);
}

}  // namespace

Result<std::optional<RunAs>> PostgresAccount() {
  if (geteuid() != 0) return std::optional<RunAs>{};
  for (const char* name : {"postgres", "nobody"}) {
    passwd entry{};
    passwd* found = nullptr;
    std::array<char, 4096> buffer{};  // getpwnam's static result would race other threads
    if (getpwnam_r(name, &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr) {
      return std::optional<RunAs>{RunAs{found->pw_uid, found->pw_gid, name}};
    }
  }
  return Status::FailedPrecondition(
      "running as root, but there is no 'postgres' or 'nobody' account to run PostgreSQL as");
}

Result<ProcessResult> RunProcess(const std::vector<std::string>& argv,
                                 const std::optional<RunAs>& run_as) {
  std::array<int, 2> pipe_fds{};
  if (pipe2(pipe_fds.data(), O_CLOEXEC) != 0) {
    return Status::Internal(std::string("pipe: ") + std::generic_category().message(errno));
  }
  const auto args = ArgvPointers(argv);
  const pid_t pid = fork();
  if (pid < 0)
    return Status::Internal(std::string("fork: ") + std::generic_category().message(errno));
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    dup2(pipe_fds[1], STDERR_FILENO);
    ExecAs(args, run_as, 0);
  }
  close(pipe_fds[1]);
  ProcessResult result;
  std::array<char, 4096> buf{};
  for (;;) {
    const ssize_t n = read(pipe_fds[0], buf.data(), buf.size());
    if (n > 0) {
      result.output.append(buf.data(), static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(pipe_fds[0]);
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  result.exit_code = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  return result;
}

Result<pid_t> SpawnProcess(const std::vector<std::string>& argv, const std::optional<RunAs>& run_as,
                           const std::string& log_path, int parent_death_signal) {
  const int log_fd = open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (log_fd < 0) {
    return Status::FailedPrecondition("cannot open " + log_path + ": " +
                                      std::generic_category().message(errno));
  }
  if (run_as && fchown(log_fd, run_as->uid, run_as->gid) != 0) {
    close(log_fd);
    return Status::FailedPrecondition("cannot chown " + log_path + ": " +
                                      std::generic_category().message(errno));
  }
  const auto args = ArgvPointers(argv);
  const pid_t pid = fork();
  if (pid < 0) {
    close(log_fd);
    return Status::Internal(std::string("fork: ") + std::generic_category().message(errno));
  }
  if (pid == 0) {
    const int null_fd = open("/dev/null", O_RDONLY);
    dup2(null_fd, STDIN_FILENO);
    dup2(log_fd, STDOUT_FILENO);
    dup2(log_fd, STDERR_FILENO);
    setsid();  // Ctrl-C in the terminal goes to the server, which stops PostgreSQL in order.
    ExecAs(args, run_as, parent_death_signal);
  }
  close(log_fd);
  return pid;
}

}  // namespace factdesk::store
