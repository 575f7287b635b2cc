#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "common/result.h"
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
  // Live streams: how far a subscriber may fall behind, how long an idle stream waits
  // before a heartbeat, how long presence lasts without one.
  std::size_t max_subscriber_queue = 1024;
  std::chrono::milliseconds heartbeat{10000};
  std::chrono::seconds presence_ttl{30};
  // Prometheus /metrics on host:port (empty: off).
  std::string metrics_listen;
  // TLS: PEM files. With client_ca, clients must present a certificate it signed.
  std::string tls_cert;
  std::string tls_key;
  std::string client_ca;
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
