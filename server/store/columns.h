#pragma once

#include <algorithm>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <pqxx/result>
#include <pqxx/row>

namespace factdesk::store {

// Rows are read by column name, never by position: each repository declares a row
// mapping (a struct of column positions, built from a ColumnLookup) beside its SQL,
// resolves it once per result (MapColumns) and reads every row through it. So inserting
// or reordering columns in a SELECT cannot shift fields, and the names are looked up
// once per result rather than once per field (libpqxx's row["name"] would).

using ColumnIndex = pqxx::row::size_type;

// A statement's result lacks a column its row mapping reads (pg_errors.cc makes this an
// INTERNAL status; the log names the statement and the column).
class ColumnMismatch : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// Finds the position of a column by its name.
class ColumnLookup {
 public:
  virtual ~ColumnLookup() = default;
  // Throws ColumnMismatch when there is no such column.
  virtual ColumnIndex operator()(const std::string& name) = 0;
};

// The columns of one result.
class ResultColumns final : public ColumnLookup {
 public:
  explicit ResultColumns(const pqxx::result& result) : result_(result) {}
  ColumnIndex operator()(const std::string& name) override;

 private:
  std::string ColumnList() const;
  const pqxx::result& result_;
};

// The row mapping `Columns` resolved against `result`.
template <typename Columns>
Columns MapColumns(const pqxx::result& result) {
  ResultColumns lookup(result);
  return Columns(lookup);
}

// Statement::mapping: the row mapping a statement's rows are read with, so a test can
// build it from the columns the statement really returns.
template <typename Columns>
void RowsAs(ColumnLookup& lookup) {
  [[maybe_unused]] const Columns columns(lookup);
}

// A column name as a template argument: Column<"id">.
template <std::size_t N>
struct ColumnName {
  constexpr ColumnName(const char (&name)[N]) { std::copy_n(name, N, text); }
  char text[N];
};

// The mapping of a statement read for one column (RETURNING id, a count, a list of ids).
template <ColumnName Name>
struct Column {
  explicit Column(ColumnLookup& lookup) : at(lookup(Name.text)) {}
  ColumnIndex at;
};

// The named column of the first row, for statements that return one value.
template <typename T, ColumnName Name>
T FirstValue(const pqxx::result& result) {
  return result[0][MapColumns<Column<Name>>(result).at].template as<T>();
}

// Every row of `result` as `from_row(row, columns)` makes it, in order, with the mapping
// `Columns` resolved once.
template <typename Columns, typename FromRow>
auto MapRows(const pqxx::result& result, FromRow&& from_row) {
  using Record = std::decay_t<std::invoke_result_t<FromRow&, const pqxx::row&, const Columns&>>;
  const Columns columns = MapColumns<Columns>(result);
  std::vector<Record> out;
  out.reserve(result.size());
  for (const auto& row : result) out.push_back(from_row(row, columns));
  return out;
}

// The named column of every row (a list of ids, say).
template <typename T, ColumnName Name>
std::vector<T> ColumnValues(const pqxx::result& result) {
  return MapRows<Column<Name>>(result, [](const pqxx::row& row, const Column<Name>& column) {
    return row[column.at].template as<T>();
  });
}

}  // namespace factdesk::store
