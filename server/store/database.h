#pragma once

#include <memory>
#include <string>

#include "common/result.h"
#include "server/store/embedded_postgres.h"

namespace factdesk::store {

// Where the server's data lives: an operator's PostgreSQL (`url` given), or the
// embedded one in `data_dir`: started here, or, when a factdesk-server already runs
// it, shared through its socket (admin commands beside a running server).
struct DatabaseOptions {
  std::string url;
  EmbeddedPostgresOptions embedded;
};

struct Database {
  std::string url;
  std::unique_ptr<EmbeddedPostgres> embedded;  // null when external or shared
};

Result<Database> OpenDatabase(const DatabaseOptions& options, bool allow_shared);

// `url` (a libpq URI or key=value string, one host or several) with a connect timeout
// and TCP keepalives added unless it sets them itself: a vanished host then fails a
// connection in seconds, not minutes. libpq ignores the TCP ones on Unix sockets.
std::string WithFailureTimeouts(const std::string& url);

}  // namespace factdesk::store
