#include "server/store/embedded_postgres.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <libpq-fe.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace factdesk::store {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kMaxSocketPath = 107;  // sun_path minus the terminating NUL
constexpr const char* kSocketName = ".s.PGSQL.5432";
constexpr auto kStartTimeout = std::chrono::seconds(60);
constexpr auto kStopTimeout = std::chrono::seconds(30);

std::optional<std::string> FindOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream ss(path != nullptr ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(ss, dir, ':')) {
    const fs::path candidate = fs::path(dir) / name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return std::nullopt;
}

bool HasServerBinaries(const fs::path& dir) {
  return access((dir / "initdb").c_str(), X_OK) == 0 &&
         access((dir / "postgres").c_str(), X_OK) == 0;
}

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// The last line of the log that says why PostgreSQL gave up.
std::string LastLogError(const std::string& log_path) {
  std::ifstream in(log_path);
  std::string line;
  std::string last;
  std::string last_any;
  while (std::getline(in, line)) {
    if (line.find("FATAL") != std::string::npos || line.find("ERROR") != std::string::npos) {
      last = line;
    }
    if (!line.empty()) last_any = line;
  }
  return last.empty() ? last_any : last;
}

bool ProcessAlive(pid_t pid) {
  return pid > 0 && (kill(pid, 0) == 0 || errno == EPERM);
}

bool IsPostgresProcess(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/comm");
  std::string comm;
  std::getline(in, comm);
  return comm.find("postgres") != std::string::npos;
}

// Waits for a process that is not our child to exit.
bool WaitGone(pid_t pid, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (ProcessAlive(pid)) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

// A postmaster.pid left by a crash: if its PostgreSQL still runs (the server that
// started it died), shut it down; if not, remove the stale files.
Status ClearLeftovers(const fs::path& cluster_dir, const fs::path& socket_dir) {
  const fs::path pid_file = cluster_dir / "postmaster.pid";
  std::ifstream in(pid_file);
  if (!in) return Status::Ok();
  pid_t pid = 0;
  in >> pid;
  in.close();
  if (ProcessAlive(pid) && IsPostgresProcess(pid)) {
    kill(pid, SIGINT);
    if (!WaitGone(pid, kStopTimeout)) {
      kill(pid, SIGQUIT);
      if (!WaitGone(pid, std::chrono::seconds(5))) {
        return Status::FailedPrecondition("a PostgreSQL left running on " + cluster_dir.string() +
                                          " (pid " + std::to_string(pid) + ") would not stop");
      }
    }
    return Status::Ok();
  }
  std::error_code ec;
  fs::remove(pid_file, ec);
  fs::remove(socket_dir / kSocketName, ec);
  fs::remove(socket_dir / (std::string(kSocketName) + ".lock"), ec);
  return Status::Ok();
}

Status Chown(const fs::path& path, const std::optional<RunAs>& run_as) {
  if (!run_as) return Status::Ok();
  if (chown(path.c_str(), run_as->uid, run_as->gid) != 0) {
    return Status::FailedPrecondition("cannot give " + path.string() + " to " + run_as->name +
                                      ": " + std::generic_category().message(errno));
  }
  return Status::Ok();
}

Status MakeDir(const fs::path& dir, mode_t mode) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    return Status::FailedPrecondition("data dir " + dir.string() +
                                      " is not writable: " + ec.message());
  }
  if (chmod(dir.c_str(), mode) != 0) {
    return Status::FailedPrecondition(
        "data dir " + dir.string() + " is not writable: " + std::generic_category().message(errno));
  }
  return Status::Ok();
}

Status WaitReady(const std::string& conninfo, pid_t pid, const std::string& log_path) {
  const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int wstatus = 0;
    if (waitpid(pid, &wstatus, WNOHANG) == pid) {
      return Status::Unavailable("PostgreSQL failed to start: " + LastLogError(log_path));
    }
    if (PQping(conninfo.c_str()) == PQPING_OK) return Status::Ok();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return Status::Unavailable("PostgreSQL did not accept connections within 60 s (see " + log_path +
                             ")");
}

Status CreateDatabaseIfMissing(const std::string& admin_url, const std::string& name) {
  PGconn* conn = PQconnectdb(admin_url.c_str());
  std::unique_ptr<PGconn, decltype(&PQfinish)> guard(conn, &PQfinish);
  if (PQstatus(conn) != CONNECTION_OK) {
    return Status::Unavailable(std::string("cannot connect to the embedded PostgreSQL: ") +
                               Trim(PQerrorMessage(conn)));
  }
  const char* params[] = {name.c_str()};
  PGresult* res = PQexecParams(conn, "SELECT 1 FROM pg_database WHERE datname = $1", 1, nullptr,
                               params, nullptr, nullptr, 0);
  const bool exists = PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1;
  PQclear(res);
  if (exists) return Status::Ok();
  // The name is ours (not request data); quote it as an identifier anyway.
  char* ident = PQescapeIdentifier(conn, name.c_str(), name.size());
  const std::string sql = std::string("CREATE DATABASE ") + ident;
  PQfreemem(ident);
  res = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  PQclear(res);
  if (!ok) {
    return Status::Internal("cannot create database " + name + ": " + Trim(PQerrorMessage(conn)));
  }
  return Status::Ok();
}

}  // namespace

Result<std::string> FindPostgresBinDir() {
  if (auto pg_config = FindOnPath("pg_config")) {
    auto out = RunProcess({*pg_config, "--bindir"}, std::nullopt);
    if (out.ok() && out->exit_code == 0 && HasServerBinaries(Trim(out->output))) {
      return Trim(out->output);
    }
  }
  std::vector<fs::path> candidates;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    if (HasServerBinaries(entry.path() / "bin")) candidates.push_back(entry.path() / "bin");
  }
  if (candidates.empty()) {
    return Status::FailedPrecondition(
        "PostgreSQL is not installed: no initdb/postgres from `pg_config --bindir` or in "
        "/usr/lib/postgresql/*/bin (install the postgresql package, or pass --database URL)");
  }
  // Newest major version: compare numerically (9.6 < 15).
  std::sort(candidates.begin(), candidates.end(), [](const fs::path& a, const fs::path& b) {
    return std::atof(a.parent_path().filename().c_str()) <
           std::atof(b.parent_path().filename().c_str());
  });
  return candidates.back().string();
}

bool DataDirInUse(const std::string& data_dir) {
  const std::string lock_path = (fs::path(data_dir) / "factdesk.lock").string();
  const int fd = open(lock_path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool in_use = flock(fd, LOCK_EX | LOCK_NB) != 0;
  close(fd);  // also releases the lock if we got it
  return in_use;
}

Result<std::string> AttachToRunning(const std::string& data_dir) {
  std::error_code ec;
  const fs::path dir = fs::canonical(data_dir, ec);
  if (ec) return Status::Unavailable("no Factdesk data in " + data_dir);
  const std::string url =
      "postgresql:///factdesk?host=" + (dir / "run").string() + "&user=factdesk";
  if (PQping(url.c_str()) != PQPING_OK) {
    return Status::Unavailable("no PostgreSQL is running for " + dir.string());
  }
  return url;
}

namespace {

// The given PostgreSQL bin dir, checked, or the newest installed one.
Result<std::string> ResolveBinDir(const std::string& given) {
  if (given.empty()) return FindPostgresBinDir();
  if (!HasServerBinaries(given)) {
    return Status::FailedPrecondition("PostgreSQL is not installed: no initdb/postgres in " +
                                      given);
  }
  return given;
}

// The socket dir, owned by the account PostgreSQL runs as, which must reach it through
// the data dir's parents.
Status PrepareSocketDir(const fs::path& dir, const fs::path& socket_dir,
                        const std::optional<RunAs>& run_as) {
  FD_RETURN_IF_ERROR(MakeDir(socket_dir, 0700));
  FD_RETURN_IF_ERROR(Chown(socket_dir, run_as));
  if (!run_as) return Status::Ok();
  auto probe = RunProcess({"/usr/bin/test", "-w", socket_dir.string()}, run_as);
  if (!probe.ok() || probe->exit_code != 0) {
    return Status::FailedPrecondition(
        "PostgreSQL runs as '" + run_as->name + "' (we are root) and cannot reach " + dir.string() +
        ": make its parent directories searchable or choose another --data-dir");
  }
  return Status::Ok();
}

// initdb on the first start; a half-finished cluster from an interrupted first start is
// removed and made again.
Status InitClusterIfMissing(const std::string& bin_dir, const fs::path& cluster_dir,
                            const std::optional<RunAs>& run_as) {
  if (fs::exists(cluster_dir / "PG_VERSION")) return Status::Ok();
  std::error_code ec;
  fs::remove_all(cluster_dir, ec);
  FD_RETURN_IF_ERROR(MakeDir(cluster_dir, 0700));
  FD_RETURN_IF_ERROR(Chown(cluster_dir, run_as));
  FD_ASSIGN_OR_RETURN(auto init,
                      RunProcess({bin_dir + "/initdb", "-D", cluster_dir.string(), "-U", "factdesk",
                                  "--auth=trust", "-E", "UTF8", "--no-locale", "--no-instructions"},
                                 run_as));
  if (init.exit_code != 0) {
    fs::remove_all(cluster_dir, ec);
    const auto pos = init.output.rfind("initdb: error:");
    return Status::FailedPrecondition(
        "initdb failed: " + Trim(pos == std::string::npos ? init.output : init.output.substr(pos)));
  }
  return Status::Ok();
}

// The postgres command line: no TCP, the socket in the data dir.
std::vector<std::string> PostgresArgv(const std::string& bin_dir, const fs::path& cluster_dir,
                                      const fs::path& socket_dir,
                                      const EmbeddedPostgresOptions& options) {
  std::vector<std::string> argv = {bin_dir + "/postgres",
                                   "-D",
                                   cluster_dir.string(),
                                   "-c",
                                   "listen_addresses=",
                                   "-c",
                                   "unix_socket_directories=" + socket_dir.string(),
                                   "-c",
                                   "max_connections=" + std::to_string(options.max_connections),
                                   "-c",
                                   "log_min_messages=warning"};
  // Errors are logged without the statement, DETAIL or CONTEXT: those quote row values
  // (a failed COPY's transcript text, a conflicting key).
  for (const char* setting : {"log_min_error_statement=panic", "log_error_verbosity=terse"}) {
    argv.emplace_back("-c");
    argv.emplace_back(setting);
  }
  if (options.unsafe_no_fsync) {
    for (const char* setting : {"fsync=off", "synchronous_commit=off", "full_page_writes=off"}) {
      argv.emplace_back("-c");
      argv.emplace_back(setting);
    }
  }
  return argv;
}

}  // namespace

Result<std::unique_ptr<EmbeddedPostgres>> EmbeddedPostgres::Start(
    const EmbeddedPostgresOptions& options) {
  FD_ASSIGN_OR_RETURN(const std::string bin_dir, ResolveBinDir(options.bin_dir));
  FD_ASSIGN_OR_RETURN(const std::optional<RunAs> run_as, PostgresAccount());

  // Root keeps the top dir traversable (not readable) so the postgres account reaches pg/.
  FD_RETURN_IF_ERROR(MakeDir(options.data_dir, run_as ? 0711 : 0700));
  const fs::path dir = fs::canonical(options.data_dir);
  if (access(dir.c_str(), W_OK) != 0) {
    return Status::FailedPrecondition(
        "data dir " + dir.string() + " is not writable: " + std::generic_category().message(errno));
  }
  const fs::path cluster_dir = dir / "pg";
  const fs::path socket_dir = dir / "run";
  const std::string log_path = (dir / "postgres.log").string();
  if ((socket_dir / kSocketName).string().size() > kMaxSocketPath) {
    return Status::FailedPrecondition("data dir " + dir.string() +
                                      " is too deep for a Unix socket path (limit 107 bytes); "
                                      "choose a shorter --data-dir");
  }

  auto pg = std::unique_ptr<EmbeddedPostgres>(new EmbeddedPostgres());
  pg->data_dir_ = dir.string();
  pg->socket_dir_ = socket_dir.string();

  // One server per data dir: the lock dies with the process, so a crash frees it.
  const std::string lock_path = (dir / "factdesk.lock").string();
  pg->lock_fd_ = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (pg->lock_fd_ < 0) {
    return Status::FailedPrecondition(
        "data dir " + dir.string() + " is not writable: " + std::generic_category().message(errno));
  }
  if (flock(pg->lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    return Status::FailedPrecondition("data dir " + dir.string() +
                                      " is in use by another factdesk-server");
  }

  FD_RETURN_IF_ERROR(PrepareSocketDir(dir, socket_dir, run_as));
  FD_RETURN_IF_ERROR(InitClusterIfMissing(bin_dir, cluster_dir, run_as));
  FD_RETURN_IF_ERROR(ClearLeftovers(cluster_dir, socket_dir));

  pg->cluster_dir_ = cluster_dir.string();
  pg->log_path_ = log_path;
  pg->run_as_ = run_as;
  pg->argv_ = PostgresArgv(bin_dir, cluster_dir, socket_dir, options);
  FD_RETURN_IF_ERROR(pg->Launch());
  FD_RETURN_IF_ERROR(CreateDatabaseIfMissing(pg->UrlFor("postgres"), "factdesk"));
  return pg;
}

Status EmbeddedPostgres::Launch() {
  FD_RETURN_IF_ERROR(ClearLeftovers(cluster_dir_, socket_dir_));
  // SIGINT is PostgreSQL's fast shutdown: if this process dies, committed work is kept.
  FD_ASSIGN_OR_RETURN(const pid_t pid, SpawnProcess(argv_, run_as_, log_path_, SIGINT));
  {
    std::lock_guard lock(mu_);
    pid_ = pid;
  }
  if (Status s = WaitReady(UrlFor("postgres"), pid, log_path_); !s.ok()) {
    (void)Stop();
    return s;
  }
  return Status::Ok();
}

Status EmbeddedPostgres::Relaunch() {
  if (Running()) return Status::Ok();
  return Launch();
}

pid_t EmbeddedPostgres::pid() const {
  std::lock_guard lock(mu_);
  return pid_;
}

std::optional<std::string> EmbeddedPostgres::ReapIfExited() {
  std::lock_guard lock(mu_);
  if (pid_ <= 0) return std::nullopt;
  int wstatus = 0;
  const pid_t r = waitpid(pid_, &wstatus, WNOHANG);
  if (r == 0) return std::nullopt;
  pid_ = -1;
  std::string how = r < 0 ? "vanished"
                    : WIFSIGNALED(wstatus)
                        ? "was killed by signal " + std::to_string(WTERMSIG(wstatus))
                        : "exited with status " + std::to_string(WEXITSTATUS(wstatus));
  const std::string last = LastLogError(log_path_);
  return last.empty() ? how : how + " (" + log_path_ + ": " + last + ")";
}

EmbeddedPostgres::~EmbeddedPostgres() {
  (void)Stop();
  if (lock_fd_ >= 0) close(lock_fd_);
}

std::string EmbeddedPostgres::UrlFor(const std::string& database) const {
  return "postgresql:///" + database + "?host=" + socket_dir_ + "&user=factdesk";
}

bool EmbeddedPostgres::Running() const {
  std::lock_guard lock(mu_);
  // Peek without reaping (WNOWAIT), so ReapIfExited still learns how it ended.
  siginfo_t info{};
  return pid_ > 0 &&
         waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
         info.si_pid == 0;
}

Status EmbeddedPostgres::Stop() {
  pid_t pid = -1;
  {
    std::lock_guard lock(mu_);
    pid = std::exchange(pid_, -1);
  }
  if (pid <= 0) return Status::Ok();
  kill(pid, SIGINT);
  const auto deadline = std::chrono::steady_clock::now() + kStopTimeout;
  for (;;) {
    const pid_t r = waitpid(pid, nullptr, WNOHANG);
    if (r == pid || (r < 0 && errno == ECHILD)) return Status::Ok();
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGQUIT);  // immediate shutdown; recovery runs at the next start
  waitpid(pid, nullptr, 0);
  return Status::Unavailable("PostgreSQL did not stop within 30 s; it was told to quit at once");
}

}  // namespace factdesk::store
