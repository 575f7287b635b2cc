#pragma once

#include <exception>
#include <string>
#include <string_view>

#include "common/status.h"

namespace factdesk::store {

// The one place database exceptions become statuses. The client sees the kind of
// failure and an error id; the log gets the detail (SQL error text) under that id.
// `database` names the database in UNAVAILABLE messages (DescribeDatabase), so a client
// and an operator know which one is down.
Status StatusFromException(const std::exception& e, std::string_view context,
                           std::string_view database = {});

// True when the connection that threw `e` must not be used again: it broke, or its
// server is shutting down or is no longer a primary (a failover demoted it).
bool IsConnectionFailure(const std::exception& e);

// How error messages name a database: `"factdesk" on db1:5432,db2:5432`, or
// `"factdesk" (local socket)`; never the password or other parameters.
std::string DescribeDatabase(const std::string& url);

}  // namespace factdesk::store
