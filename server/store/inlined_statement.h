#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <pqxx/connection_base>

namespace factdesk::store {

// Bytes written as a bytea literal (a view: the caller's bytes are not copied first).
struct Bytea {
  std::string_view bytes;
};

// A prepared statement run as SQL `EXECUTE "name"(literals)`, so that it can ride in
// one simple query with the transaction's BEGIN or its COMMIT: a round trip fewer each
// (the prepared plan is the same one Tx::Exec runs). The parameters are written as
// quoted literals by the connection's own escaping. A prepared statement is a
// connection's own, so the statement is prepared on `conn` first if it is not yet.
class InlinedStatement {
 public:
  template <typename... Args>
  static std::string Render(pqxx::connection_base& conn, const char* name, const Args&... args) {
    conn.prepare_now(name);
    std::string sql = fmt::format("EXECUTE {}(", conn.quote_name(name));
    std::string_view separator;
    ((sql += separator, sql += Literal(conn, args), separator = ", "), ...);
    sql += ')';
    return sql;
  }

 private:
  static std::string Literal(pqxx::connection_base&, std::int64_t value) {
    return std::to_string(value);
  }
  static std::string Literal(pqxx::connection_base& conn, const std::string& value) {
    return conn.quote(value);
  }
  static std::string Literal(pqxx::connection_base& conn, Bytea value) {
    return conn.quote_raw(reinterpret_cast<const unsigned char*>(value.bytes.data()),
                          value.bytes.size());
  }
  template <typename T>
  static std::string Literal(pqxx::connection_base& conn, const std::optional<T>& value) {
    return value ? Literal(conn, *value) : std::string("NULL");
  }
};

}  // namespace factdesk::store
