#include "server/store/migrations.h"

#include <map>

#include <fmt/format.h>
#include <pqxx/pqxx>

#include "server/store/columns.h"
#include "server/store/digest.h"
#include "server/store/pg_errors.h"

namespace factdesk {
extern const EmbeddedFile kMigrationFiles[];
extern const std::size_t kMigrationFiles_count;
}  // namespace factdesk

namespace factdesk::store {
namespace {

// Arbitrary, fixed: every Factdesk server takes this advisory lock to migrate.
constexpr std::int64_t kMigrationLockKey = 0x4661637464657368;  // "Factdesh"

Result<int> VersionOf(std::string_view name) {
  int version = 0;
  std::size_t i = 0;
  for (; i < name.size() && name[i] >= '0' && name[i] <= '9'; ++i) {
    version = version * 10 + (name[i] - '0');
  }
  if (i != 4 || i >= name.size() || name[i] != '_' || !name.ends_with(".sql")) {
    return Status::Internal(fmt::format("migration {} is not named NNNN_name.sql", name));
  }
  return version;
}

struct Applied {
  std::string name;
  std::string checksum;
};

struct AppliedColumns {
  explicit AppliedColumns(ColumnLookup& c)
      : version(c("version")), name(c("name")), checksum(c("checksum")) {}
  ColumnIndex version, name, checksum;
};

// Takes the migration lock (released when the connection closes, also on error paths)
// and reads what the database has applied.
std::map<int, Applied> LockAndReadApplied(pqxx::connection& conn) {
  pqxx::nontransaction session(conn);
  session.exec_params("SELECT pg_advisory_lock($1)", kMigrationLockKey);
  session.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      "  version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,"
      "  applied_at timestamptz NOT NULL DEFAULT now())");
  std::map<int, Applied> applied;
  const pqxx::result rows = session.exec("SELECT version, name, checksum FROM schema_migrations");
  const auto col = MapColumns<AppliedColumns>(rows);
  for (const auto& row : rows) {
    applied[row[col.version].as<int>()] = {row[col.name].as<std::string>(),
                                           row[col.checksum].as<std::string>()};
  }
  session.commit();
  return applied;
}

// This server's migrations by version; refused when the database has one it does not know.
Result<std::map<int, const EmbeddedFile*>> KnownMigrations(std::span<const EmbeddedFile> migrations,
                                                           const std::map<int, Applied>& applied) {
  std::map<int, const EmbeddedFile*> known;
  for (const EmbeddedFile& file : migrations) {
    FD_ASSIGN_OR_RETURN(const int version, VersionOf(file.name));
    known[version] = &file;
  }
  for (const auto& [version, row] : applied) {
    if (!known.contains(version)) {
      return Status::FailedPrecondition(
          fmt::format("the database has migration {} applied, which this server does not have; "
                      "run a newer factdesk-server",
                      row.name));
    }
  }
  return known;
}

}  // namespace

std::span<const EmbeddedFile> BuiltinMigrations() {
  return {kMigrationFiles, kMigrationFiles_count};
}

Result<MigrationReport> Migrate(const std::string& database_url,
                                std::span<const EmbeddedFile> migrations) {
  MigrationReport report;
  try {
    pqxx::connection conn(database_url);
    const std::map<int, Applied> applied = LockAndReadApplied(conn);
    FD_ASSIGN_OR_RETURN(const auto known, KnownMigrations(migrations, applied));
    for (const auto& [version, file] : known) {
      const std::string checksum = Sha256Hex(file->contents);
      if (auto it = applied.find(version); it != applied.end()) {
        if (it->second.checksum != checksum) {
          return Status::FailedPrecondition(fmt::format(
              "migration {} was changed after it was applied (checksum {} in the database, {} in "
              "this server); refusing to start. Add a new migration instead of editing one.",
              file->name, it->second.checksum.substr(0, 12), checksum.substr(0, 12)));
        }
        ++report.already_applied;
        continue;
      }
      try {
        pqxx::work work(conn);
        work.exec(std::string(file->contents));
        work.exec_params(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", version,
            std::string(file->name), checksum);
        work.commit();
      } catch (const pqxx::sql_error& e) {
        // For the operator, not a client: the database's own words help here.
        return Status::FailedPrecondition(
            fmt::format("migration {} failed: {}", file->name, e.what()));
      }
      report.applied.emplace_back(file->name);
    }
  } catch (const std::exception& e) {
    return StatusFromException(e, "applying migrations");
  }
  return report;
}

}  // namespace factdesk::store
