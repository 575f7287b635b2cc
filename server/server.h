#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "common/result.h"
#include "server/jobs/claim_match_worker.h"
#include "server/jobs/suggestion_worker.h"
#include "server/jobs/webhook_worker.h"
#include "server/store/database.h"

namespace factdesk::server {

struct ServerOptions {
  // host:port to serve gRPC on; port 0 picks a free one (see FactdeskServer::port).
  std::string listen = "127.0.0.1:7420";
  store::DatabaseOptions database;
  int pool_size = 16;
  int worker_threads = 16;
  std::size_t max_queued_requests = 1024;
  std::size_t max_transcript_bytes = std::size_t{16} << 20U;
  // Imports, exports and searches one user may run at once; the memory all running
  // imports may claim together (each claims kImportMemoryFactor times its size).
  int heavy_calls_per_user = 2;
  std::size_t import_memory_budget_bytes = std::size_t{512} << 20U;
  // Live streams: how far a subscriber may fall behind (messages and bytes), how long an
  // idle stream waits before a heartbeat.
  std::size_t max_subscriber_queue = 1024;
  std::size_t max_subscriber_queue_bytes = std::size_t{8} << 20U;
  std::chrono::milliseconds heartbeat{10000};
  // Presence: how long an entry lasts without a heartbeat, how often live entries are
  // announced again (well under the clients' 35 s), sessions per user and workspace,
  // and UpdatePresence calls per user (a burst, then a rate).
  std::chrono::milliseconds presence_ttl{30000};
  std::chrono::milliseconds presence_refresh{10000};
  std::size_t max_presence_sessions = 8;
  double presence_per_second = 4;
  double presence_burst = 20;
  // Prometheus /metrics on host:port (empty: off).
  std::string metrics_listen;
  // TLS: PEM files. With client_ca, clients must present a certificate it signed.
  std::string tls_cert;
  std::string tls_key;
  std::string client_ca;
  // Outbound webhooks: senders, lease, retries, timeouts and --allow-private-webhooks.
  jobs::WebhookWorkerOptions webhooks;
  // Matching new claims against the archive ("checked before?"): threads, lease.
  jobs::ClaimMatchWorkerOptions claim_matches;
  // Check-worthiness suggestions: scoring threads (0: this replica scores nothing).
  jobs::SuggestionWorkerOptions suggestions;
};

// The whole server: database (embedded or external), migrations, pool, services,
// live hub and LISTEN connection, metrics. Start it, then Wait or Shutdown.
class FactdeskServer {
 public:
  static Result<std::unique_ptr<FactdeskServer>> Start(const ServerOptions& options);
  ~FactdeskServer();

  int port() const;
  int metrics_port() const;
  const std::string& database_url() const;
  // Subscribe streams open on this process (also the factdesk_live_subscribers gauge).
  std::int64_t live_subscribers() const;
  // Blocks until Shutdown (from another thread or a signal handler's thread).
  void Wait();
  // Stops taking requests, ends streams, lets running requests finish (up to 5 s).
  void Shutdown();
  // Why the server stopped itself (its embedded PostgreSQL kept dying); OK otherwise.
  Status failure() const;

  struct Impl;

 private:
  explicit FactdeskServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace factdesk::server
