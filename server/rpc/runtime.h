#pragma once

#include <cstddef>

#include "common/worker_pool.h"
#include "server/rpc/authenticator.h"
#include "server/rpc/heavy_calls.h"
#include "server/store/db.h"

namespace factdesk::live {
class Hub;
}  // namespace factdesk::live

namespace factdesk::rpc {

class Metrics;

// What every service needs, owned by the server and shared by reference.
struct Runtime {
  store::Db& db;
  factdesk::WorkerPool& workers;
  Authenticator& auth;
  live::Hub* hub = nullptr;
  Metrics* metrics = nullptr;
  // Imports larger than this are refused (the gRPC receive limit follows it).
  std::size_t max_transcript_bytes = std::size_t{16} << 20U;
  // Imports, exports and searches: per-user concurrency and the imports' memory budget.
  HeavyCalls* heavy = nullptr;
};

}  // namespace factdesk::rpc
