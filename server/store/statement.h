#pragma once

#include <span>
#include <vector>

namespace factdesk::store {

class ColumnLookup;

// A named SQL statement, prepared on every pooled connection. Each repository
// declares its own in its .cc file, next to the code that runs them.
struct Statement {
  const char* name;
  const char* sql;
  // The row mapping its rows are read with (RowsAs<...>, columns.h); nullptr for a
  // statement whose rows are not read. A test builds every mapping from the columns its
  // statement returns.
  void (*mapping)(ColumnLookup& columns) = nullptr;
};

// Every repository's statements (statements.cc lists the repositories).
std::vector<Statement> AllStatements();

}  // namespace factdesk::store
