#pragma once

#include <span>
#include <vector>

namespace factdesk::store {

// A named SQL statement, prepared on every pooled connection. Each repository
// declares its own in its .cc file, next to the code that runs them.
struct Statement {
  const char* name;
  const char* sql;
};

// Every repository's statements (statements.cc lists the repositories).
std::vector<Statement> AllStatements();

}  // namespace factdesk::store
