#include "bench/bench_support.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "server/admin.h"
#include "server/store/statement.h"

namespace factdesk::bench {

namespace fs = std::filesystem;

ScratchDir::ScratchDir() {
  char templ[] = "/tmp/fdb-XXXXXX";
  if (mkdtemp(templ) == nullptr) throw std::runtime_error("cannot create /tmp/fdb-XXXXXX");
  path_ = templ;
  fs::permissions(path_, fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

std::unique_ptr<store::EmbeddedPostgres> StartPostgres(const std::string& dir, bool fsync,
                                                       int max_connections) {
  store::EmbeddedPostgresOptions options;
  options.data_dir = dir + "/pg";
  options.unsafe_no_fsync = !fsync;
  options.max_connections = max_connections;
  auto pg = store::EmbeddedPostgres::Start(options);
  if (!pg.ok()) throw std::runtime_error("cannot start PostgreSQL: " + pg.status().message());
  return std::move(pg).value();
}

std::string PsqlPath() {
  if (auto bin = store::FindPostgresBinDir(); bin.ok() && fs::exists(*bin + "/psql")) {
    return *bin + "/psql";
  }
  return "/usr/bin/psql";
}

PgConn::PgConn(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string error = PQerrorMessage(conn_);
    PQfinish(conn_);
    throw std::runtime_error("cannot connect to PostgreSQL: " + error);
  }
  // NOTICEs (such as TRUNCATE's cascades) are not for the benchmark's output.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

PgConn::~PgConn() {
  PQfinish(conn_);
}

void PgConn::Exec(const std::string& sql) {
  PGresult* res = PQexec(conn_, sql.c_str());
  const auto status = PQresultStatus(res);
  PQclear(res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error(fmt::format("{}: {}", sql.substr(0, 200), PQerrorMessage(conn_)));
  }
}

std::vector<std::vector<std::string>> PgConn::Query(const std::string& sql,
                                                    const std::vector<std::string>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.c_str());
  PGresult* res = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                               values.data(), nullptr, nullptr, 0);
  const auto status = PQresultStatus(res);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    PQclear(res);
    throw std::runtime_error(fmt::format("{}: {}", sql.substr(0, 200), PQerrorMessage(conn_)));
  }
  std::vector<std::vector<std::string>> rows(static_cast<std::size_t>(PQntuples(res)));
  for (int r = 0; r < PQntuples(res); ++r) {
    for (int c = 0; c < PQnfields(res); ++c) {
      rows[static_cast<std::size_t>(r)].emplace_back(PQgetvalue(res, r, c));
    }
  }
  PQclear(res);
  return rows;
}

std::string PgConn::Value(const std::string& sql, const std::vector<std::string>& params) {
  const auto rows = Query(sql, params);
  if (rows.empty() || rows[0].empty()) return "";
  return rows[0][0];
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double Percentile(std::vector<double>& values, double p) {
  if (values.empty()) return 0;
  const auto n = static_cast<double>(values.size());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * n));
  rank = std::clamp<std::size_t>(rank, 1, values.size());
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(rank - 1),
                   values.end());
  return values[rank - 1];
}

double Max(const std::vector<double>& values) {
  return values.empty() ? 0 : *std::max_element(values.begin(), values.end());
}

std::string MachineDescription() {
  std::string cpu = "unknown CPU";
  std::ifstream info("/proc/cpuinfo");
  for (std::string line; std::getline(info, line);) {
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      if (colon != std::string::npos) cpu = line.substr(colon + 2);
      break;
    }
  }
  utsname uts{};
  uname(&uts);
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", &tm);
  return fmt::format("{} cores (nproc), {}, {} {}, {}, load {}", sysconf(_SC_NPROCESSORS_ONLN), cpu,
                     uts.sysname, uts.release, date, LoadAverage());
}

std::string LoadAverage() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

void RaiseFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

std::int64_t ResidentKiB(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stoll(line.substr(6));
  }
  return -1;
}

double CpuSeconds(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return -1;
  // Fields after the command name (which may hold spaces): state is field 3, utime 14,
  // stime 15.
  std::istringstream rest(line.substr(line.rfind(')') + 2));
  std::string field;
  double ticks = 0;
  for (int i = 3; i <= 15 && rest >> field; ++i) {
    if (i >= 14) ticks += std::stod(field);
  }
  return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::vector<int> ParseIntList(const std::string& text) {
  std::vector<int> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = text.find(',', start);
    out.push_back(std::stoi(text.substr(start, comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string Thousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

BenchServer StartServer(const std::string& database_url, int suggestion_workers) {
  server::ServerOptions options;
  options.listen = "127.0.0.1:0";
  options.database.url = database_url;
  options.suggestions.threads = suggestion_workers;
  auto started = server::FactdeskServer::Start(options);
  if (!started.ok()) throw std::runtime_error("server: " + started.status().message());
  BenchServer out;
  out.server = std::move(started).value();
  out.pool = std::make_unique<store::ConnectionPool>(
      store::PoolOptions{database_url, 2, std::chrono::milliseconds(5000)}, store::AllStatements());
  out.db = std::make_unique<store::Db>(*out.pool);
  return out;
}

std::string Must(const Result<std::string>& result) {
  if (!result.ok()) throw std::runtime_error(result.status().message());
  return *result;
}

std::string AddMemberWithToken(store::Db& db, const std::string& slug, const std::string& handle,
                               const std::string& role) {
  Must(server::AdminCreateUser(db, handle, handle, false));
  Must(server::AdminAddMember(db, slug, handle, role));
  return Must(server::AdminIssueToken(db, handle));
}

int RunTool(const char* name, int (*main_fn)(int, char**), int argc, char** argv) {
  try {
    return main_fn(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << name << ": " << e.what() << "\n";
    return 1;
  }
}

}  // namespace factdesk::bench
