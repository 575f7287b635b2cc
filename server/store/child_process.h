#pragma once

#include <optional>
#include <string>
#include <vector>

#include <sys/types.h>

#include "common/result.h"

namespace factdesk::store {

// An unprivileged account to run PostgreSQL as when we are root (it refuses to run as root).
struct RunAs {
  uid_t uid = 0;
  gid_t gid = 0;
  std::string name;
};

// The account PostgreSQL should run as: nullopt when not root; "postgres" (or
// "nobody") when root. Fails when root and neither account exists.
Result<std::optional<RunAs>> PostgresAccount();

struct ProcessResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr, interleaved
};

// argv[0] is an absolute path (no PATH search between fork and exec).
// Runs argv to completion as `run_as` (if given), capturing its output.
Result<ProcessResult> RunProcess(const std::vector<std::string>& argv,
                                 const std::optional<RunAs>& run_as);

// Starts argv in the background as `run_as`, its output appended to `log_path`.
// The child receives `parent_death_signal` if this process dies (so a crashed
// server does not leave PostgreSQL behind).
Result<pid_t> SpawnProcess(const std::vector<std::string>& argv, const std::optional<RunAs>& run_as,
                           const std::string& log_path, int parent_death_signal);

}  // namespace factdesk::store
