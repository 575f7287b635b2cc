#include "server/store/database.h"

#include <array>
#include <utility>

namespace factdesk::store {
namespace {

bool IsUri(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

}  // namespace

std::string WithFailureTimeouts(const std::string& url) {
  // Without these, a connection to a host that vanished (a dead machine, a partition)
  // waits for TCP's own timeouts, minutes: requests would hang instead of failing fast,
  // and a multi-host URL would not move on to the next host.
  static constexpr std::array<std::pair<const char*, const char*>, 5> kDefaults = {{
      {"connect_timeout", "3"},
      {"keepalives_idle", "10"},
      {"keepalives_interval", "5"},
      {"keepalives_count", "3"},
      {"tcp_user_timeout", "15000"},
  }};
  std::string out = url;
  const bool uri = IsUri(url);
  for (const auto& [key, value] : kDefaults) {
    if (url.find(key) != std::string::npos) continue;  // the operator chose
    if (uri) {
      out += out.find('?') == std::string::npos ? '?' : '&';
    } else {
      out += ' ';
    }
    out += std::string(key) + "=" + value;
  }
  return out;
}

Result<Database> OpenDatabase(const DatabaseOptions& options, bool allow_shared) {
  Database db;
  if (!options.url.empty()) {
    db.url = WithFailureTimeouts(options.url);
    return db;
  }
  if (allow_shared && DataDirInUse(options.embedded.data_dir)) {
    FD_ASSIGN_OR_RETURN(db.url, AttachToRunning(options.embedded.data_dir));
    return db;
  }
  FD_ASSIGN_OR_RETURN(db.embedded, EmbeddedPostgres::Start(options.embedded));
  db.url = WithFailureTimeouts(db.embedded->Url());
  return db;
}

}  // namespace factdesk::store
