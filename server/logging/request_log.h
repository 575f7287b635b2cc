#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace factdesk::logging {

enum class LogFormat { kText, kJson };

// Chooses the log format (--log-format): text by default; json makes every line a
// JSON object (request lines carry method, user, status, ms and request_id as fields).
void SetRequestLogFormat(LogFormat format);

// One line per request: method, user, status, milliseconds and request id.
void LogRequest(std::string_view method, std::string_view user, const Status& status,
                double milliseconds, std::string_view request_id);

// A short random id for a request that did not bring its own x-request-id.
std::string NewRequestId();

}  // namespace factdesk::logging
