#include "server/store/pg_errors.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>
#include <vector>

#include <libpq-fe.h>
#include <pqxx/except>
#include <spdlog/spdlog.h>

#include "server/store/columns.h"

namespace factdesk::store {
namespace {

std::string NewErrorId() {
  static std::atomic<std::uint64_t> counter{0};
  static const std::uint64_t seed = std::random_device{}();
  const std::uint64_t n = seed ^ (counter.fetch_add(1) * 0x9E3779B97F4A7C15ULL);
  return fmt::format("{:012x}", n & 0xFFFFFFFFFFFFULL);
}

Status Logged(Code code, std::string_view public_message, std::string_view context,
              const std::exception& e) {
  const std::string id = NewErrorId();
  spdlog::error("error {} in {}: {}", id, context, e.what());
  return {code, fmt::format("{} (error id {})", public_message, id)};
}

// Connection-level SQLSTATEs: 08 (connection exception), 57P01-03 (shutdown, crash,
// cannot connect now), 25006 (read-only transaction: the server is a standby now).
bool IsConnectionState(const std::string& state) {
  return state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0 || state == "25006";
}

std::vector<std::string> SplitCommas(const std::string& text) {
  std::vector<std::string> out;
  std::size_t from = 0;
  for (std::size_t comma; (comma = text.find(',', from)) != std::string::npos; from = comma + 1) {
    out.push_back(text.substr(from, comma - from));
  }
  out.push_back(text.substr(from));
  return out;
}

std::string Unavailable(std::string_view database) {
  if (database.empty()) return "the database is unavailable; try again";
  return fmt::format("the database {} is unavailable; try again", database);
}

}  // namespace

bool IsConnectionFailure(const std::exception& e) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr ||
      dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr ||
      dynamic_cast<const pqxx::statement_completion_unknown*>(&e) != nullptr) {
    return true;
  }
  const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e);
  return sql != nullptr && IsConnectionState(sql->sqlstate());
}

std::string DescribeDatabase(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (options == nullptr) {
    PQfreemem(error);
    return "(unparsable connection string)";
  }
  std::string dbname;
  std::string host;
  std::string port;
  for (PQconninfoOption* o = options; o->keyword != nullptr; ++o) {
    const std::string value = o->val != nullptr ? o->val : "";
    if (std::string_view(o->keyword) == "dbname") dbname = value;
    if (std::string_view(o->keyword) == "host") host = value;
    if (std::string_view(o->keyword) == "port") port = value;
  }
  PQconninfoFree(options);
  if (dbname.empty()) dbname = "(default)";
  if (host.empty() || host.front() == '/') return fmt::format("\"{}\" (local socket)", dbname);
  // "h1,h2" with "p1,p2" (or one port for all) becomes "h1:p1,h2:p2".
  const std::vector<std::string> hosts = SplitCommas(host);
  const std::vector<std::string> ports = SplitCommas(port.empty() ? "5432" : port);
  std::string where;
  for (std::size_t i = 0; i < hosts.size(); ++i) {
    if (!where.empty()) where += ',';
    const std::string& p = ports[std::min(i, ports.size() - 1)];
    where += !hosts[i].empty() && hosts[i].front() == '/' ? "(local socket)" : hosts[i] + ":" + p;
  }
  return fmt::format("\"{}\" on {}", dbname, where);
}

Status StatusFromException(const std::exception& e, std::string_view context,
                           std::string_view database) {
  if (dynamic_cast<const ColumnMismatch*>(&e) != nullptr) {
    return Logged(Code::kInternal,
                  "internal error: a query's columns do not match the code that reads them",
                  context, e);
  }
  // Most specific classes first: pqxx's hierarchy nests them.
  if (dynamic_cast<const pqxx::unique_violation*>(&e) != nullptr) {
    return Logged(Code::kAlreadyExists, "that record already exists", context, e);
  }
  if (dynamic_cast<const pqxx::foreign_key_violation*>(&e) != nullptr) {
    return Logged(Code::kFailedPrecondition, "a record it refers to does not exist", context, e);
  }
  if (dynamic_cast<const pqxx::check_violation*>(&e) != nullptr ||
      dynamic_cast<const pqxx::not_null_violation*>(&e) != nullptr ||
      dynamic_cast<const pqxx::data_exception*>(&e) != nullptr) {
    return Logged(Code::kInvalidArgument, "the request has a value the database refuses", context,
                  e);
  }
  if (dynamic_cast<const pqxx::serialization_failure*>(&e) != nullptr ||
      dynamic_cast<const pqxx::deadlock_detected*>(&e) != nullptr) {
    return Logged(Code::kAborted, "the request conflicted with another one; try again", context, e);
  }
  if (dynamic_cast<const pqxx::statement_completion_unknown*>(&e) != nullptr) {
    return Logged(Code::kUnavailable,
                  "the database connection was lost; the change may or may not have been saved",
                  context, e);
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e); sql != nullptr) {
    const std::string& state = sql->sqlstate();
    if (state == "40001" || state == "40P01") {  // serialization failure, deadlock
      return Logged(Code::kAborted, "the request conflicted with another one; try again", context,
                    e);
    }
    if (state == "57014") {  // query_canceled (statement_timeout)
      return Logged(Code::kDeadlineExceeded, "the database took too long", context, e);
    }
    if (state.rfind("53", 0) == 0 || IsConnectionState(state)) {
      return Logged(Code::kUnavailable, Unavailable(database), context, e);
    }
    return Logged(Code::kInternal, "internal database error", context, e);
  }
  if (dynamic_cast<const pqxx::in_doubt_error*>(&e) != nullptr) {
    return Logged(Code::kUnavailable,
                  "the database connection was lost while committing; the change may or may not "
                  "have been saved",
                  context, e);
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr) {
    return Logged(Code::kUnavailable, Unavailable(database), context, e);
  }
  return Logged(Code::kInternal, "internal error", context, e);
}

}  // namespace factdesk::store
