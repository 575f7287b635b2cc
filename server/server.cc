#include "server/server.h"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <sstream>
#include <system_error>
#include <thread>

#include <arpa/inet.h>
#include <grpc/support/log.h>
#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/health_check_service_interface.h>
#include <netdb.h>
#include <netinet/in.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common/worker_pool.h"
#include "events/event_kind.h"
#include "grpc/health/v1/health.pb.h"
#include "server/live/hub.h"
#include "server/live/listener.h"
#include "server/rpc/archive_service.h"
#include "server/rpc/authenticator.h"
#include "server/rpc/claim_service.h"
#include "server/rpc/dashboard_service.h"
#include "server/rpc/export_service.h"
#include "server/rpc/live_service.h"
#include "server/rpc/metrics.h"
#include "server/rpc/note_service.h"
#include "server/rpc/review_service.h"
#include "server/rpc/runtime.h"
#include "server/rpc/source_service.h"
#include "server/rpc/suggestion_service.h"
#include "server/rpc/token_service.h"
#include "server/rpc/transcript_service.h"
#include "server/rpc/webhook_service.h"
#include "server/rpc/workspace_service.h"
#include "server/store/connection_pool.h"
#include "server/store/database_health.h"
#include "server/store/embedded_supervisor.h"
#include "server/store/migrations.h"

namespace factdesk::server {
namespace {

constexpr auto kShutdownGrace = std::chrono::seconds(5);
constexpr std::size_t kMessageOverhead = std::size_t{1} << 20U;

// Says precisely why `listen` cannot be bound (gRPC only says that it failed).
Status ProbeListen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return Status::InvalidArgument("--listen", "must be host:port, e.g. 127.0.0.1:7420");
  }
  std::string host = listen.substr(0, colon);
  const std::string port = listen.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (port == "0") return Status::Ok();
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  if (const int rc =
          getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints, &found);
      rc != 0) {
    return Status::InvalidArgument("--listen",
                                   "cannot resolve " + listen + ": " + gai_strerror(rc));
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> guard(found, &freeaddrinfo);
  const int fd = socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return Status::Unavailable(std::string("socket: ") + std::generic_category().message(errno));
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  const int rc = bind(fd, found->ai_addr, found->ai_addrlen);
  const int err = errno;
  close(fd);
  if (rc == 0) return Status::Ok();
  if (err == EADDRINUSE) {
    return Status::Unavailable("cannot listen on " + listen +
                               ": the port is already in use (is another server running?)");
  }
  return Status::Unavailable("cannot listen on " + listen + ": " +
                             std::generic_category().message(err));
}

// gRPC's own log lines (a client's failed TLS handshake, for one) go through spdlog, so
// they take the server's log format: with --log-format json every line stays JSON. A
// client's mistake is not the server's error, so gRPC's errors become warnings.
void GrpcLogToSpdlog(gpr_log_func_args* args) {
  const auto level = args->severity == GPR_LOG_SEVERITY_ERROR  ? spdlog::level::warn
                     : args->severity == GPR_LOG_SEVERITY_INFO ? spdlog::level::info
                                                               : spdlog::level::debug;
  const char* file = args->file != nullptr ? args->file : "";
  if (const char* slash = std::strrchr(file, '/'); slash != nullptr) file = slash + 1;
  spdlog::log(level, "grpc: {} ({}:{})", args->message != nullptr ? args->message : "", file,
              args->line);
}

Result<std::string> ReadFile(const char* flag, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Status::InvalidArgument(
        flag, "cannot read " + path + ": " + std::generic_category().message(errno));
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<std::shared_ptr<grpc::ServerCredentials>> Credentials(const ServerOptions& o) {
  if (o.tls_cert.empty() && o.tls_key.empty()) {
    if (!o.client_ca.empty()) {
      return Status::InvalidArgument("--client-ca", "needs --tls-cert and --tls-key");
    }
    return grpc::InsecureServerCredentials();
  }
  if (o.tls_cert.empty() || o.tls_key.empty()) {
    return Status::InvalidArgument("--tls-cert", "--tls-cert and --tls-key go together");
  }
  grpc::SslServerCredentialsOptions ssl;
  grpc::SslServerCredentialsOptions::PemKeyCertPair pair;
  FD_ASSIGN_OR_RETURN(pair.cert_chain, ReadFile("--tls-cert", o.tls_cert));
  FD_ASSIGN_OR_RETURN(pair.private_key, ReadFile("--tls-key", o.tls_key));
  ssl.pem_key_cert_pairs.push_back(std::move(pair));
  if (!o.client_ca.empty()) {
    FD_ASSIGN_OR_RETURN(ssl.pem_root_certs, ReadFile("--client-ca", o.client_ca));
    ssl.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  return grpc::SslServerCredentials(ssl);
}

// The services health checking answers for, besides the overall status ("").
const std::vector<std::string>& HealthNames() {
  static const std::vector<std::string> names = {
      "",
      v1::WorkspaceService::service_full_name(),
      v1::TranscriptService::service_full_name(),
      v1::ClaimService::service_full_name(),
      v1::SourceService::service_full_name(),
      v1::NoteService::service_full_name(),
      v1::ReviewService::service_full_name(),
      v1::LiveService::service_full_name(),
      v1::DashboardService::service_full_name(),
      v1::ExportService::service_full_name(),
      v1::TokenService::service_full_name(),
      v1::WebhookService::service_full_name(),
      v1::ArchiveService::service_full_name(),
      v1::SuggestionService::service_full_name(),
  };
  return names;
}

}  // namespace

struct FactdeskServer::Impl {
  store::Database database;
  std::unique_ptr<store::ConnectionPool> pool;
  std::unique_ptr<store::Db> db;
  std::unique_ptr<WorkerPool> workers;
  std::unique_ptr<rpc::Authenticator> auth;
  std::unique_ptr<rpc::Metrics> metrics;
  std::unique_ptr<rpc::HeavyCalls> heavy;
  std::unique_ptr<live::Hub> hub;
  std::unique_ptr<live::Listener> listener;
  std::unique_ptr<jobs::WebhookWorker> webhooks;
  // The archive's match indexes, shared by ArchiveService and the claim match worker.
  std::unique_ptr<jobs::ArchiveMatcher> matcher;
  std::unique_ptr<jobs::ClaimMatchWorker> claim_matches;
  std::unique_ptr<jobs::SuggestionWorker> suggestions;
  std::unique_ptr<rpc::Runtime> runtime;
  std::vector<std::unique_ptr<grpc::Service>> services;
  std::unique_ptr<store::DatabaseHealth> health;
  std::unique_ptr<store::EmbeddedSupervisor> supervisor;
  std::unique_ptr<grpc::Server> server;
  int port = 0;
  std::once_flag shutdown_once;
  std::atomic<bool> serving{false};
  std::atomic<bool> stopping{false};
  // Set when the server stops itself (the embedded PostgreSQL could not be kept up).
  std::mutex failure_mu;
  Status failure;
  std::thread fatal_thread;

  ~Impl() {
    if (fatal_thread.joinable()) fatal_thread.join();
  }

  // Health checking says NOT_SERVING while the database is unusable, so a load balancer
  // sends requests elsewhere; every service and the overall status move together, since
  // every one of them needs the database.
  void SetServing(bool up) {
    if (up && stopping) return;  // gRPC's Shutdown has said NOT_SERVING for good
    serving = up;
    if (!server) return;
    grpc::HealthCheckServiceInterface* service = server->GetHealthCheckService();
    if (service == nullptr) return;
    for (const std::string& name : HealthNames()) service->SetServingStatus(name, up);
  }

  void OnDatabaseChange(bool up) {
    SetServing(up);
    if (!up) {
      pool->ReportFailure();  // idle connections point at a server that is gone
      if (listener) listener->Reconnect();
    }
  }

  // Stops the server from a thread of its own (the caller may be one Shutdown joins).
  void FailAndShutdown(const std::string& why) {
    {
      std::lock_guard lock(failure_mu);
      failure = Status::Unavailable(why);
    }
    SetServing(false);
    fatal_thread = std::thread([this] { ShutdownOnce(); });
  }

  void WatchEmbedded(store::EmbeddedPostgres& pg) {
    store::SupervisorOptions options;
    options.on_down = [this](const std::string&) { health->Poke(); };
    options.on_up = [this] { health->Poke(); };
    options.on_give_up = [this](const std::string& why) { FailAndShutdown(why); };
    supervisor = std::make_unique<store::EmbeddedSupervisor>(pg, std::move(options));
    supervisor->Start();
  }

  void ShutdownOnce() {
    std::call_once(shutdown_once, [this] {
      stopping = true;
      serving = false;
      if (hub) {
        hub->EndAllStreams(
            Status::Unavailable("the server is shutting down; resubscribe from your last seq"));
      }
      if (server) server->Shutdown(std::chrono::system_clock::now() + kShutdownGrace);
      if (listener) listener->Stop();
      if (hub) hub->Stop();
      if (webhooks) webhooks->Stop();
      if (claim_matches) claim_matches->Stop();
      if (suggestions) suggestions->Stop();
      if (workers) workers->Stop();
      if (health) health->Stop();
      if (supervisor) supervisor->Stop();  // before PostgreSQL is stopped on purpose
      if (database.embedded) {
        if (Status s = database.embedded->Stop(); !s.ok()) spdlog::warn("{}", s.message());
      }
    });
  }
};

// What the LISTEN connection's notifications do. A revoked token is forgotten and its
// streams ended on every replica at once; after a reconnect, anything may have been
// missed: feeds read again, and the tokens of open streams are checked again.
live::Listener::Callbacks ListenerCallbacks(live::Hub& hub, rpc::Authenticator& auth,
                                            jobs::WebhookWorker& webhooks,
                                            jobs::SuggestionWorker& suggestions) {
  live::Listener::Callbacks c;
  // Every event wakes the feeds; the workers only for events that can concern them
  // (waking both for each of a busy desk's writes cost four queries a write).
  c.on_event = [&hub, &webhooks, &suggestions](std::int64_t ws, std::int64_t seq,
                                               std::string_view kind) {
    hub.OnEvent(ws, seq);
    webhooks.OnEvent(ws);
    suggestions.OnEvent(events::KindFromName(kind));
  };
  c.on_presence = [&hub](const std::string& payload) { hub.OnPresence(payload); };
  c.on_reconnect = [&hub, &auth] {
    hub.WakeAll();
    auth.Forget();
    hub.RecheckTokens();
  };
  c.on_token_revoked = [&hub, &auth](std::int64_t token_id) {
    auth.Forget();
    hub.EndStreamsOfToken(
        token_id, Status::Unauthenticated("the token this stream was opened with was revoked; "
                                          "log in with a new one"));
  };
  return c;
}

// Database health on /metrics: what health checking says, and why.
void AddHealthMetrics(FactdeskServer::Impl& impl) {
  auto& m = *impl.metrics;
  auto* health = impl.health.get();
  auto* listener = impl.listener.get();
  auto* raw = &impl;
  m.AddGauge("factdesk_serving",
             "1 while health checking answers SERVING (the database is usable, not stopping)",
             [raw] { return raw->serving ? 1.0 : 0.0; });
  m.AddGauge("factdesk_database_up",
             "1 while the database answers the health probe as a writable primary",
             [health] { return health->up() ? 1.0 : 0.0; });
  m.AddCounter("factdesk_database_outages_total",
               "Times the database became unusable (the probe failed after succeeding)",
               [health] { return static_cast<double>(health->outages()); });
  m.AddCounter("factdesk_live_listen_reconnects_total",
               "Times the LISTEN connection was restored (every feed re-reads after each)",
               [listener] { return static_cast<double>(listener->reconnects()); });
  m.AddCounter("factdesk_embedded_database_restarts_total",
               "Times the embedded PostgreSQL was restarted after it died", [raw] {
                 return raw->supervisor ? static_cast<double>(raw->supervisor->restarts()) : 0.0;
               });
}

// Webhook deliveries on /metrics (deploy/ alerts on the failed ones).
void AddWebhookMetrics(FactdeskServer::Impl& impl) {
  const auto* c = &impl.webhooks->counters();
  auto& m = *impl.metrics;
  m.AddCounter("factdesk_webhook_deliveries_sent_total",
               "Webhook deliveries a receiver accepted (2xx), by this process",
               [c] { return static_cast<double>(c->delivered.load()); });
  m.AddCounter("factdesk_webhook_deliveries_failed_total",
               "Webhook deliveries given up after retrying for --webhook-retry-for",
               [c] { return static_cast<double>(c->failed.load()); });
  m.AddCounter("factdesk_webhook_attempts_failed_total",
               "Webhook attempts that failed (each is retried with backoff)",
               [c] { return static_cast<double>(c->attempts_failed.load()); });
}

// The pool, the health probe, the workers and the authenticator over a migrated database.
void OpenStores(FactdeskServer::Impl& impl, const ServerOptions& o) {
  impl.pool = std::make_unique<store::ConnectionPool>(
      store::PoolOptions{impl.database.url, o.pool_size, std::chrono::milliseconds(5000)},
      store::AllStatements());
  impl.db = std::make_unique<store::Db>(*impl.pool);
  store::DatabaseHealthOptions health_options;
  health_options.url = impl.database.url;
  health_options.on_change = [raw = &impl](bool up) { raw->OnDatabaseChange(up); };
  impl.health = std::make_unique<store::DatabaseHealth>(std::move(health_options));
  impl.pool->SetFailureObserver([health = impl.health.get()] { health->Poke(); });
  impl.workers = std::make_unique<WorkerPool>(o.worker_threads, o.max_queued_requests);
  impl.auth = std::make_unique<rpc::Authenticator>(*impl.db, std::chrono::seconds(30));
  impl.metrics = std::make_unique<rpc::Metrics>();
  impl.heavy = std::make_unique<rpc::HeavyCalls>(
      rpc::HeavyCallOptions{o.heavy_calls_per_user, o.import_memory_budget_bytes});
}

// The hub that feeds Subscribe streams and the LISTEN connection that wakes it.
void CreateLive(FactdeskServer::Impl& impl, const ServerOptions& o) {
  live::HubOptions hub_options;
  hub_options.max_queue = o.max_subscriber_queue;
  hub_options.max_queue_bytes = o.max_subscriber_queue_bytes;
  hub_options.heartbeat = o.heartbeat;
  hub_options.presence = {o.presence_ttl, o.presence_refresh, o.max_presence_sessions};
  hub_options.presence_rate.per_second = o.presence_per_second;
  hub_options.presence_rate.burst = o.presence_burst;
  hub_options.on_stream_end = [metrics = impl.metrics.get()](const Status& s, double seconds) {
    metrics->ObserveRequest("Subscribe", s.code(), seconds);
  };
  impl.hub = std::make_unique<live::Hub>(*impl.db, *impl.workers, hub_options);
  impl.webhooks = std::make_unique<jobs::WebhookWorker>(*impl.db, o.webhooks);
  impl.matcher = std::make_unique<jobs::ArchiveMatcher>();
  impl.claim_matches =
      std::make_unique<jobs::ClaimMatchWorker>(*impl.db, *impl.matcher, o.claim_matches);
  impl.suggestions =
      std::make_unique<jobs::SuggestionWorker>(*impl.db, *impl.matcher, o.suggestions);
  impl.listener = std::make_unique<live::Listener>(
      impl.database.url,
      ListenerCallbacks(*impl.hub, *impl.auth, *impl.webhooks, *impl.suggestions));
}

// The services' constructors and destructors are defined in their own files: the generated
// CallbackService base registers a handler template per method in its constructor, and
// instantiating all thirteen here made this file take 69 s to compile.
void CreateServices(FactdeskServer::Impl& impl, const ServerOptions& o) {
  impl.runtime = std::make_unique<rpc::Runtime>(
      rpc::Runtime{*impl.db, *impl.workers, *impl.auth, impl.hub.get(), impl.metrics.get(),
                   o.max_transcript_bytes, impl.heavy.get()});
  rpc::Runtime& rt = *impl.runtime;
  impl.services.push_back(std::make_unique<rpc::WorkspaceService>(rt));
  impl.services.push_back(std::make_unique<rpc::TranscriptService>(rt));
  impl.services.push_back(
      std::make_unique<rpc::ClaimService>(rt, [w = impl.claim_matches.get()] { w->Poke(); }));
  impl.services.push_back(std::make_unique<rpc::SourceService>(rt));
  impl.services.push_back(std::make_unique<rpc::NoteService>(rt));
  impl.services.push_back(std::make_unique<rpc::ReviewService>(rt));
  impl.services.push_back(std::make_unique<rpc::LiveService>(rt));
  impl.services.push_back(std::make_unique<rpc::ArchiveService>(
      rt, *impl.matcher,
      [w = impl.claim_matches.get(), s = impl.suggestions.get()](std::int64_t ws) {
        w->Warm(ws);
        s->Poke();  // open suggestions are matched again against the grown archive
      }));
  impl.services.push_back(std::make_unique<rpc::DashboardService>(rt));
  impl.services.push_back(std::make_unique<rpc::ExportService>(rt));
  impl.services.push_back(std::make_unique<rpc::TokenService>(rt));
  impl.services.push_back(std::make_unique<rpc::SuggestionService>(rt));
  impl.services.push_back(std::make_unique<rpc::WebhookService>(
      rt, rpc::WebhookServiceOptions{o.webhooks.http.allow_private,
                                     [w = impl.webhooks.get()] { w->Poke(); }}));
}

// Live fan-out, the pool and the databases on /metrics.
void AddRuntimeMetrics(FactdeskServer::Impl& impl) {
  auto* pool = impl.pool.get();
  auto* counters = &impl.hub->counters();
  auto* listener = impl.listener.get();
  auto* embedded = impl.database.embedded.get();
  auto& m = *impl.metrics;
  m.AddGauge("factdesk_live_subscribers", "Open Subscribe streams",
             [counters] { return static_cast<double>(counters->subscribers.load()); });
  m.AddCounter("factdesk_live_events_fetched_total",
               "Events read from the database for fan-out (one query per workspace wake-up)",
               [counters] { return static_cast<double>(counters->events_fetched.load()); });
  m.AddCounter("factdesk_live_messages_sent_total", "Messages written to subscriber streams",
               [counters] { return static_cast<double>(counters->messages_sent.load()); });
  m.AddGauge("factdesk_db_pool_in_use", "Database connections in use",
             [pool] { return pool->Stats().in_use; });
  m.AddGauge("factdesk_db_pool_waiting", "Requests waiting for a database connection",
             [pool] { return pool->Stats().waiting; });
  m.AddGauge("factdesk_db_pool_size", "Database connection pool limit",
             [pool] { return pool->Stats().size; });
  m.AddGauge("factdesk_live_listen_connected", "1 while the LISTEN connection is up",
             [listener] { return listener->connected() ? 1.0 : 0.0; });
  m.AddGauge("factdesk_embedded_database_up",
             "1 while the embedded PostgreSQL runs (0 when external or down)",
             [embedded] { return embedded != nullptr && embedded->Running() ? 1.0 : 0.0; });
  AddHealthMetrics(impl);
  AddWebhookMetrics(impl);
  const auto* s = &impl.suggestions->counters();
  m.AddCounter("factdesk_suggestions_scored_total",
               "Sentences scored into suggestions by this process",
               [s] { return static_cast<double>(s->sentences.load()); });
}

// Builds and starts the gRPC server with every service, health checking and reflection.
Status StartGrpc(FactdeskServer::Impl& impl, const ServerOptions& o,
                 const std::shared_ptr<grpc::ServerCredentials>& credentials) {
  gpr_set_log_function(GrpcLogToSpdlog);
  grpc::EnableDefaultHealthCheckService(true);
  // The built-in health service has no protobuf descriptor; naming the generated one links
  // it in, so reflection can describe grpc.health.v1.Health (proto/grpc/health/v1).
  [[maybe_unused]] const auto* health = ::grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(o.listen, credentials, &impl.port);
  builder.SetMaxReceiveMessageSize(static_cast<int>(o.max_transcript_bytes + kMessageOverhead));
  // Keepalive: a dead client is noticed (and its stream dropped) within ~20 s.
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 10000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_PERMIT_WITHOUT_CALLS, 1);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 5000);
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 0);
  for (auto& service : impl.services) builder.RegisterService(service.get());
  impl.server = builder.BuildAndStart();
  if (!impl.server || impl.port == 0) return Status::Unavailable("cannot listen on " + o.listen);
  return Status::Ok();
}

Result<std::unique_ptr<FactdeskServer>> FactdeskServer::Start(const ServerOptions& o) {
  FD_RETURN_IF_ERROR(ProbeListen(o.listen));
  FD_ASSIGN_OR_RETURN(auto credentials, Credentials(o));
  auto impl = std::make_unique<Impl>();
  FD_ASSIGN_OR_RETURN(impl->database, store::OpenDatabase(o.database, /*allow_shared=*/false));
  FD_ASSIGN_OR_RETURN(const store::MigrationReport migrated, store::Migrate(impl->database.url));
  for (const auto& name : migrated.applied) spdlog::info("applied migration {}", name);

  OpenStores(*impl, o);
  CreateLive(*impl, o);
  CreateServices(*impl, o);
  AddRuntimeMetrics(*impl);
  if (!o.metrics_listen.empty()) FD_RETURN_IF_ERROR(impl->metrics->Expose(o.metrics_listen));
  FD_RETURN_IF_ERROR(StartGrpc(*impl, o, credentials));
  impl->hub->Start();
  impl->listener->Start();
  impl->webhooks->Start();
  impl->claim_matches->Start();
  impl->suggestions->Start();
  impl->health->Start();  // the first probe sets the health statuses
  if (impl->database.embedded) impl->WatchEmbedded(*impl->database.embedded);
  return std::unique_ptr<FactdeskServer>(new FactdeskServer(std::move(impl)));
}

FactdeskServer::FactdeskServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Status FactdeskServer::failure() const {
  std::lock_guard lock(impl_->failure_mu);
  return impl_->failure;
}

FactdeskServer::~FactdeskServer() {
  Shutdown();
}

int FactdeskServer::port() const {
  return impl_->port;
}
int FactdeskServer::metrics_port() const {
  return impl_->metrics->port();
}
const std::string& FactdeskServer::database_url() const {
  return impl_->database.url;
}

std::int64_t FactdeskServer::live_subscribers() const {
  return impl_->hub->counters().subscribers.load();
}

void FactdeskServer::Wait() {
  impl_->server->Wait();
}

void FactdeskServer::Shutdown() {
  impl_->ShutdownOnce();
}

}  // namespace factdesk::server
