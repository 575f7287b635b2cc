#include "tests/support/test_postgres.h"

#include <cstdlib>
#include <filesystem>
#include <mutex>

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include "server/store/migrations.h"

namespace factdesk::testing {
namespace {

void Exec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    const std::string error = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("test PostgreSQL: cannot connect: " + error);
  }
  PGresult* res = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  const std::string error = PQerrorMessage(conn);
  PQclear(res);
  PQfinish(conn);
  if (!ok) throw std::runtime_error("test PostgreSQL: " + sql + ": " + error);
}

std::mutex g_mu;

}  // namespace

TempDir::TempDir() {
  char templ[] = "/tmp/fdt-XXXXXX";
  path_ = mkdtemp(templ);
  // The embedded PostgreSQL may run as another account (we may be root): let it in.
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all |
                                          std::filesystem::perms::others_exec |
                                          std::filesystem::perms::group_exec);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

TestPostgres& TestPostgres::Get() {
  // Leaked on purpose: destroyed by the process exit (PostgreSQL gets SIGINT through
  // its parent-death signal), so no test outlives its database.
  static TestPostgres* instance = new TestPostgres();
  return *instance;
}

TestPostgres::TestPostgres() {
  char templ[] = "/tmp/fdpg-XXXXXX";
  dir_ = mkdtemp(templ);
  // PostgreSQL may run as another account (when we are root): it must reach data/.
  std::filesystem::permissions(dir_, std::filesystem::perms::owner_all |
                                         std::filesystem::perms::group_exec |
                                         std::filesystem::perms::others_exec);
  store::EmbeddedPostgresOptions options;
  options.data_dir = dir_ + "/data";
  options.unsafe_no_fsync = true;
  options.max_connections = 200;
  auto pg = store::EmbeddedPostgres::Start(options);
  if (!pg.ok()) throw std::runtime_error("cannot start test PostgreSQL: " + pg.status().message());
  pg_ = std::move(pg).value();
  Exec(pg_->UrlFor("postgres"), "CREATE DATABASE fd_template");
  auto migrated = store::Migrate(pg_->UrlFor("fd_template"));
  if (!migrated.ok())
    throw std::runtime_error("migrating the template: " + migrated.status().message());
  std::atexit([] {
    auto& self = Get();
    (void)self.pg_->Stop();
    std::error_code ec;
    std::filesystem::remove_all(self.dir_, ec);
  });
}

void TestPostgres::Stop() {
  if (Status s = pg_->Stop(); !s.ok()) throw std::runtime_error("test PostgreSQL: " + s.message());
}

void TestPostgres::Start() {
  if (Status s = pg_->Relaunch(); !s.ok()) {
    throw std::runtime_error("test PostgreSQL: " + s.message());
  }
}

std::string TestPostgres::FreshDatabase() {
  std::lock_guard lock(g_mu);
  const std::string name = "t" + std::to_string(getpid()) + "_" + std::to_string(++next_);
  Exec(pg_->UrlFor("postgres"), "CREATE DATABASE " + name + " TEMPLATE fd_template");
  return pg_->UrlFor(name);
}

PrivatePostgres::PrivatePostgres() {
  store::EmbeddedPostgresOptions options;
  options.data_dir = dir_.path() + "/data";
  options.unsafe_no_fsync = true;
  auto pg = store::EmbeddedPostgres::Start(options);
  if (!pg.ok()) throw std::runtime_error("cannot start a PostgreSQL: " + pg.status().message());
  pg_ = std::move(pg).value();
}

void PrivatePostgres::Stop() {
  const Status stopped = pg_->Stop();
  if (!stopped.ok()) throw std::runtime_error("cannot stop PostgreSQL: " + stopped.message());
}

std::string TestPostgres::EmptyDatabase() {
  std::lock_guard lock(g_mu);
  const std::string name = "e" + std::to_string(getpid()) + "_" + std::to_string(++next_);
  Exec(pg_->UrlFor("postgres"), "CREATE DATABASE " + name);
  return pg_->UrlFor(name);
}

}  // namespace factdesk::testing
