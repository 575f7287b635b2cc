#pragma once

#include <span>
#include <string>
#include <vector>

#include "common/embedded_file.h"
#include "common/result.h"

namespace factdesk::store {

// The migrations compiled into this binary (migrations/NNNN_name.sql), in order.
std::span<const EmbeddedFile> BuiltinMigrations();

struct MigrationReport {
  std::vector<std::string> applied;  // file names applied by this run
  int already_applied = 0;
};

// Applies pending migrations under a PostgreSQL advisory lock (so replicas starting
// together apply each once), one transaction each, recording name and SHA-256.
// Refuses (FAILED_PRECONDITION naming the file) when an applied migration has
// changed, or when the database has one this binary does not know.
Result<MigrationReport> Migrate(const std::string& database_url,
                                std::span<const EmbeddedFile> migrations = BuiltinMigrations());

}  // namespace factdesk::store
