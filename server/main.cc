// factdesk-server: serve, migrate, and the operator's admin commands.
#include <csignal>
#include <filesystem>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>
#include <pthread.h>
#include <spdlog/spdlog.h>

#include "domain/token_lifetime.h"
#include "server/admin.h"
#include "server/admin_tokens.h"
#include "server/logging/request_log.h"
#include "server/server.h"
#include "server/store/connection_pool.h"
#include "server/store/migrations.h"
#include "server/store/statement.h"

namespace {

using factdesk::Result;
using factdesk::Status;
namespace server = factdesk::server;
namespace store = factdesk::store;

int Fail(const Status& status) {
  std::cerr << "factdesk-server: " << status.message() << "\n";
  return 1;
}

void AddDatabaseFlags(CLI::App* cmd, store::DatabaseOptions* db) {
  auto* url = cmd->add_option("--database", db->url,
                              "PostgreSQL URL (postgresql://...); without it, an embedded "
                              "PostgreSQL runs in --data-dir");
  cmd->add_option("--data-dir", db->embedded.data_dir,
                  "Directory for the embedded PostgreSQL (default ./.factdesk)")
      ->excludes(url);
}

// Presence: expiry, re-announcement and the per-user rate (seconds may be fractional, so
// tests can shorten them).
void AddPresenceFlags(CLI::App* serve, server::ServerOptions* o) {
  auto ms = [](std::chrono::milliseconds* out) {
    return [out](double seconds) {
      *out = std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
    };
  };
  serve
      ->add_option_function<double>("--presence-ttl", ms(&o->presence_ttl),
                                    "Seconds a presence entry lasts without a heartbeat "
                                    "(default 30)")
      ->check(CLI::Range(0.5, 3600.0));
  serve
      ->add_option_function<double>("--presence-refresh", ms(&o->presence_refresh),
                                    "Seconds between announcements of live presence entries; "
                                    "clients drop entries unheard of for 35 s (default 10)")
      ->check(CLI::Range(0.1, 30.0));
  serve
      ->add_option("--presence-rate", o->presence_per_second,
                   "UpdatePresence calls per second per user, on average (default 4)")
      ->check(CLI::Range(0.1, 10000.0));
  serve->add_option("--presence-burst", o->presence_burst, "... and at once (default 20)")
      ->check(CLI::Range(1.0, 100000.0));
}

// Webhook deliveries: where they may go, how many threads send, and the retry schedule
// (seconds may be fractional, so tests can shorten them).
void AddWebhookFlags(CLI::App* serve, factdesk::jobs::WebhookWorkerOptions* o) {
  auto ms = [](std::chrono::milliseconds* out) {
    return [out](double seconds) {
      *out = std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
    };
  };
  serve->add_flag("--allow-private-webhooks", o->http.allow_private,
                  "Let webhooks post to loopback and private addresses (tests, intranets)");
  serve->add_option("--webhook-senders", o->senders, "Threads sending webhooks (default 2)")
      ->check(CLI::Range(0, 64));
  serve
      ->add_option_function<double>("--webhook-poll", ms(&o->poll),
                                    "Seconds between looks for due deliveries (default 1)")
      ->check(CLI::Range(0.01, 60.0));
  serve
      ->add_option_function<double>("--webhook-lease", ms(&o->lease),
                                    "Seconds a claimed delivery is kept from other senders; "
                                    "above --webhook-timeout (default 60)")
      ->check(CLI::Range(0.1, 3600.0));
  serve
      ->add_option_function<double>("--webhook-timeout", ms(&o->http.timeout),
                                    "Seconds one attempt may take (default 10)")
      ->check(CLI::Range(0.1, 600.0));
  serve
      ->add_option_function<double>("--webhook-retry-base", ms(&o->retry_base),
                                    "Seconds before the first retry, doubling after (default 1)")
      ->check(CLI::Range(0.01, 3600.0));
  serve
      ->add_option_function<double>("--webhook-retry-cap", ms(&o->retry_cap),
                                    "Most seconds between retries (default 600)")
      ->check(CLI::Range(0.01, 86400.0));
  serve
      ->add_option_function<double>("--webhook-retry-for", ms(&o->retry_for),
                                    "Seconds after which a delivery is given up (default 86400)")
      ->check(CLI::Range(0.1, 30.0 * 86400));
}

// Blocks SIGINT/SIGTERM in every thread started after this, and waits for them on one
// thread, which shuts the server down in order (streams, hub, PostgreSQL).
void HandleSignals(server::FactdeskServer* s) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  std::thread([set, s]() mutable {
    int sig = 0;
    sigwait(&set, &sig);
    spdlog::info("received {}, shutting down", sig == SIGINT ? "SIGINT" : "SIGTERM");
    s->Shutdown();
  }).detach();
}

int Serve(const server::ServerOptions& options) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  auto started = server::FactdeskServer::Start(options);
  if (!started.ok()) return Fail(started.status());
  auto& s = *started.value();
  spdlog::info("factdesk-server listening on port {} ({})", s.port(), options.listen);
  if (s.metrics_port() != 0) spdlog::info("metrics on port {}", s.metrics_port());
  HandleSignals(&s);
  s.Wait();
  s.Shutdown();
  if (const Status failure = s.failure(); !failure.ok()) {
    spdlog::critical("stopped: {}", failure.message());
    Fail(failure);
    return 3;  // the server could not keep its database running
  }
  spdlog::info("stopped");
  return 0;
}

// Admin commands never create a data directory unless told to (--init): run from the
// wrong folder they used to start a new, empty database there, silently.
Status RequireDataDir(const store::DatabaseOptions& options, bool init) {
  if (init || !options.url.empty()) return Status::Ok();
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::absolute(options.embedded.data_dir, ec);
  if (std::filesystem::exists(dir / "pg" / "PG_VERSION", ec)) return Status::Ok();
  return Status::FailedPrecondition(
      "no Factdesk data in " + dir.string() +
      " (nothing was created): give the server's data directory with --data-dir DIR (where "
      "`factdesk-server serve` keeps it; ./.factdesk of the folder it started in by default) "
      "or --database URL, or add --init to create a new, empty one here");
}

// Admin commands run beside a running server, sharing its embedded PostgreSQL.
template <typename Fn>
int WithDb(const store::DatabaseOptions& options, bool init, Fn fn) {
  if (const Status found = RequireDataDir(options, init); !found.ok()) return Fail(found);
  auto database = store::OpenDatabase(options, /*allow_shared=*/true);
  if (!database.ok()) return Fail(database.status());
  if (auto migrated = store::Migrate(database->url); !migrated.ok()) {
    return Fail(migrated.status());
  }
  store::ConnectionPool pool({database->url, 2, std::chrono::milliseconds(5000)},
                             store::AllStatements());
  store::Db db(pool);
  Result<std::string> out = fn(db);
  if (!out.ok()) return Fail(out.status());
  std::cout << *out << "\n";
  return 0;
}

// The token on stdout (for scripts), what to know about it on stderr.
int IssueToken(const store::DatabaseOptions& options, bool init, const std::string& handle,
               const std::string& expires_in) {
  const auto lifetime = factdesk::domain::ParseTokenLifetime(expires_in);
  if (!lifetime.ok()) return Fail(lifetime.status());
  return WithDb(options, init, [&](store::Db& db) -> Result<std::string> {
    FD_ASSIGN_OR_RETURN(auto issued, server::AdminNewToken(db, handle, *lifetime));
    std::cerr << "Token " << issued.info.id() << " for " << handle << ", valid until "
              << store::TokenTime(issued.info.expires_at())
              << ". It is shown once; store it now.\n";
    return std::move(issued.token);
  });
}

// `serve`'s options.
void AddServeOptions(CLI::App* serve, server::ServerOptions& options, std::string& log_format) {
  serve->add_option("--listen", options.listen, "host:port (default 127.0.0.1:7420)");
  AddDatabaseFlags(serve, &options.database);
  serve
      ->add_option("--max-transcript-bytes", options.max_transcript_bytes,
                   "Largest transcript accepted (default 16 MiB)")
      ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30U));
  serve
      ->add_option("--heavy-calls-per-user", options.heavy_calls_per_user,
                   "Imports, exports and searches one user may run at once (default 2)")
      ->check(CLI::Range(1, 1000));
  serve
      ->add_option_function<std::size_t>(
          "--import-memory-budget-mib",
          [&options](std::size_t mib) { options.import_memory_budget_bytes = mib << 20U; },
          "Memory all running imports may claim together, each 8x its size or 200 bytes a "
          "line, whichever is more (default 512)")
      ->check(CLI::Range(std::size_t{16}, std::size_t{1} << 20U));
  serve->add_option("--pool-size", options.pool_size, "Database connections (default 16)")
      ->check(CLI::Range(1, 500));
  serve->add_option("--workers", options.worker_threads, "Request threads (default 16)")
      ->check(CLI::Range(1, 512));
  serve
      ->add_option("--subscriber-queue", options.max_subscriber_queue,
                   "Events a slow subscriber may fall behind before it must resume "
                   "(default 1024)")
      ->check(CLI::Range(std::size_t{16}, std::size_t{1} << 20U));
  serve
      ->add_option("--subscriber-queue-bytes", options.max_subscriber_queue_bytes,
                   "Bytes a slow subscriber's queue may hold before it must resume (default "
                   "8 MiB)")
      ->check(CLI::Range(std::size_t{64} << 10U, std::size_t{1} << 30U));
  AddPresenceFlags(serve, &options);
  AddWebhookFlags(serve, &options.webhooks);
  serve
      ->add_option("--suggestion-workers", options.suggestions.threads,
                   "Threads scoring imported segments into suggestions (default 1; 0: none on "
                   "this replica)")
      ->check(CLI::Range(0, 16));
  serve->add_option("--metrics-listen", options.metrics_listen,
                    "Serve Prometheus metrics on host:port");
  serve->add_option("--tls-cert", options.tls_cert, "PEM certificate chain (enables TLS)");
  serve->add_option("--tls-key", options.tls_key, "PEM private key");
  serve->add_option("--client-ca", options.client_ca,
                    "PEM CA; clients must present a certificate it signed (mutual TLS)");
  serve->add_option("--log-format", log_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));
  serve->add_flag("--unsafe-no-fsync", options.database.embedded.unsafe_no_fsync,
                  "Embedded PostgreSQL without fsync (tests and benchmarks only)");
}

// What the admin subcommands were given, and which one was.
struct AdminArgs {
  store::DatabaseOptions db;
  bool init = false;
  std::string handle;
  std::string name;
  std::string slug;
  std::string owner;
  std::string role;
  bool exist_ok = false;
  std::string expires_in = "90d";
  std::int64_t token_id = 0;
  bool include_ended = false;
  CLI::App* create_user = nullptr;
  CLI::App* create_ws = nullptr;
  CLI::App* add_member = nullptr;
  CLI::App* issue_token = nullptr;
  CLI::App* list_tokens = nullptr;
  CLI::App* revoke_token = nullptr;
};

void AddUserAndWorkspaceCommands(CLI::App* admin, AdminArgs& a) {
  a.create_user = admin->add_subcommand("create-user", "Create a user");
  a.create_user->add_option("HANDLE", a.handle, "2-40 of a-z 0-9 . _ -")->required();
  a.create_user->add_option("--name", a.name, "Display name")->required();
  a.create_user->add_flag("--exist-ok", a.exist_ok, "Succeed if the user exists");
  a.create_ws = admin->add_subcommand("create-workspace", "Create a workspace");
  a.create_ws->add_option("SLUG", a.slug, "2-40 of a-z 0-9 . _ -")->required();
  a.create_ws->add_option("--name", a.name, "Display name")->required();
  a.create_ws->add_option("--owner", a.owner, "Handle of its first admin")->required();
  a.create_ws->add_flag("--exist-ok", a.exist_ok, "Succeed if the workspace exists");
  a.add_member = admin->add_subcommand("add-member", "Add a member or change a role");
  a.add_member->add_option("SLUG", a.slug, "Workspace")->required();
  a.add_member->add_option("HANDLE", a.handle, "User")->required();
  a.add_member->add_option("--role", a.role, "viewer, checker, editor or admin")->required();
}

void AddTokenCommands(CLI::App* admin, AdminArgs& a) {
  a.issue_token = admin->add_subcommand("issue-token", "Print a new API token for a user");
  a.issue_token->add_option("HANDLE", a.handle, "User")->required();
  a.issue_token->add_option("--expires-in", a.expires_in,
                            "How long it lasts: 12h, 30d, 6w (default 90d, at most 366d)");
  a.list_tokens = admin->add_subcommand("list-tokens", "List live API tokens");
  a.list_tokens->add_option("HANDLE", a.handle, "Only this user's (default: everyone's)");
  a.list_tokens->add_flag("--all", a.include_ended, "Also revoked and expired tokens");
  a.revoke_token = admin->add_subcommand(
      "revoke-token", "Revoke a token (TOKEN_ID) or all of a user's (--user); at once, everywhere");
  auto* revoke_id = a.revoke_token->add_option("TOKEN_ID", a.token_id, "From list-tokens");
  a.revoke_token->add_option("--user", a.handle, "Revoke every live token of this user")
      ->excludes(revoke_id);
}

CLI::App* AddAdminCommands(CLI::App& app, AdminArgs& a) {
  auto* admin = app.add_subcommand("admin", "Users, workspaces, members and tokens");
  admin->require_subcommand(1);
  AddDatabaseFlags(admin, &a.db);
  admin->add_flag("--init", a.init,
                  "Create the embedded data directory if there is none (never done otherwise)");
  AddUserAndWorkspaceCommands(admin, a);
  AddTokenCommands(admin, a);
  return admin;
}

int RunAdmin(const AdminArgs& a) {
  if (a.create_user->parsed()) {
    return WithDb(a.db, a.init, [&](store::Db& db) {
      return server::AdminCreateUser(db, a.handle, a.name, a.exist_ok);
    });
  }
  if (a.create_ws->parsed()) {
    return WithDb(a.db, a.init, [&](store::Db& db) {
      return server::AdminCreateWorkspace(db, a.slug, a.name, a.owner, a.exist_ok);
    });
  }
  if (a.add_member->parsed()) {
    return WithDb(a.db, a.init, [&](store::Db& db) {
      return server::AdminAddMember(db, a.slug, a.handle, a.role);
    });
  }
  if (a.issue_token->parsed()) return IssueToken(a.db, a.init, a.handle, a.expires_in);
  if (a.list_tokens->parsed()) {
    return WithDb(a.db, a.init, [&](store::Db& db) {
      return server::AdminListTokens(db, a.handle, a.include_ended);
    });
  }
  if (a.revoke_token->parsed()) {
    if (a.handle.empty() && a.token_id == 0) {
      return Fail(Status::InvalidArgument("revoke-token",
                                          "give a TOKEN_ID (see list-tokens) or --user HANDLE"));
    }
    return WithDb(a.db, a.init, [&](store::Db& db) {
      return a.handle.empty() ? server::AdminRevokeToken(db, a.token_id)
                              : server::AdminRevokeTokensOf(db, a.handle);
    });
  }
  return 0;
}

int RunMigrate(const store::DatabaseOptions& options) {
  auto database = store::OpenDatabase(options, /*allow_shared=*/true);
  if (!database.ok()) return Fail(database.status());
  auto report = store::Migrate(database->url);
  if (!report.ok()) return Fail(report.status());
  for (const auto& file : report->applied) std::cout << "applied " << file << "\n";
  std::cout << report->applied.size() << " applied, " << report->already_applied
            << " already applied\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"factdesk-server: the Factdesk gRPC server"};
  app.require_subcommand(1);
  server::ServerOptions options;
  std::string log_format = "text";
  auto* serve = app.add_subcommand("serve", "Serve the gRPC API");
  AddServeOptions(serve, options, log_format);

  store::DatabaseOptions migrate_db;
  auto* migrate = app.add_subcommand("migrate", "Apply pending migrations and exit");
  AddDatabaseFlags(migrate, &migrate_db);

  AdminArgs admin_args;
  auto* admin = AddAdminCommands(app, admin_args);

  CLI11_PARSE(app, argc, argv);
  factdesk::logging::SetRequestLogFormat(log_format == "json"
                                             ? factdesk::logging::LogFormat::kJson
                                             : factdesk::logging::LogFormat::kText);
  if (serve->parsed()) return Serve(options);
  if (migrate->parsed()) return RunMigrate(migrate_db);
  if (admin->parsed()) return RunAdmin(admin_args);
  return 0;
}
