#pragma once

#include <exception>
#include <string_view>

#include "common/status.h"

namespace factdesk::store {

// The one place database exceptions become statuses. The client sees the kind of
// failure and an error id; the log gets the detail (SQL error text) under that id.
Status StatusFromException(const std::exception& e, std::string_view context);

}  // namespace factdesk::store
