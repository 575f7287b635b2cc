#include "server/store/columns.h"

#include <fmt/format.h>
#include <pqxx/except>

namespace factdesk::store {

ColumnIndex ResultColumns::operator()(const std::string& name) {
  try {
    return result_.column_number(name);
  } catch (const pqxx::argument_error&) {
    // For a prepared statement, libpqxx keeps the statement's name as the query.
    throw ColumnMismatch(fmt::format("statement {} returns no column '{}' (it returns {})",
                                     result_.query(), name, ColumnList()));
  }
}

std::string ResultColumns::ColumnList() const {
  std::string out;
  for (ColumnIndex i = 0; i < result_.columns(); ++i) {
    if (i > 0) out += ", ";
    out += result_.column_name(i);
  }
  return out;
}

}  // namespace factdesk::store
