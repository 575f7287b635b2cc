#include "server/logging/request_log.h"

#include <atomic>
#include <random>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace factdesk::logging {
namespace {

std::atomic<LogFormat> g_format{LogFormat::kText};

}  // namespace

void SetRequestLogFormat(LogFormat format) {
  g_format = format;
}

void LogRequest(std::string_view method, std::string_view user, const Status& status,
                double milliseconds, std::string_view request_id) {
  const auto level = status.code() == Code::kInternal || status.code() == Code::kUnknown ||
                             status.code() == Code::kDataLoss
                         ? spdlog::level::warn
                         : spdlog::level::info;
  if (g_format == LogFormat::kJson) {
    nlohmann::json line = {{"method", method},
                           {"user", user},
                           {"status", CodeName(status.code())},
                           {"ms", std::round(milliseconds * 100) / 100},
                           {"request_id", request_id}};
    if (!status.ok()) line["message"] = status.message();
    spdlog::log(level, "{}", line.dump());
    return;
  }
  if (status.ok()) {
    spdlog::log(level, "{} user={} status=OK ms={:.2f} rid={}", method, user, milliseconds,
                request_id);
  } else {
    spdlog::log(level, "{} user={} status={} ms={:.2f} rid={} msg=\"{}\"", method, user,
                CodeName(status.code()), milliseconds, request_id, status.message());
  }
}

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:016x}", rng());
}

}  // namespace factdesk::logging
