#include "server/logging/request_log.h"

#include <atomic>
#include <chrono>
#include <ctime>
#include <random>

#include <fmt/chrono.h>
#include <nlohmann/json.hpp>
#include <spdlog/formatter.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/spdlog.h>

#include "common/text_prefix.h"

namespace factdesk::logging {
namespace {

std::atomic<LogFormat> g_format{LogFormat::kText};

// A log line holds at most this much of one message, and a request line this much of
// its error (a caller's bad input is echoed in errors, and may be megabytes).
constexpr std::size_t kMaxLoggedBytes = 4096;
constexpr std::size_t kMaxLoggedErrorBytes = 300;

// The usual text lines, with every message escaped (LogSafe) first: whatever a caller
// put in a field, or PostgreSQL in an error, stays on its one line.
class EscapingTextFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const std::string safe =
        LogSafe(std::string_view(msg.payload.data(), msg.payload.size()), kMaxLoggedBytes);
    spdlog::details::log_msg escaped = msg;
    escaped.payload = spdlog::string_view_t(safe.data(), safe.size());
    pattern_.format(escaped, dest);
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<EscapingTextFormatter>();
  }

 private:
  spdlog::pattern_formatter pattern_;
};

// One JSON object per line for log shippers: time, level, then either the fields of a
// request line (which is itself a JSON object) or the message as "msg".
class JsonFormatter final : public spdlog::formatter {
 public:
  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const std::string_view payload(msg.payload.data(), msg.payload.size());
    nlohmann::json line;
    if (!payload.empty() && payload.front() == '{') {
      line = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
    }
    if (!line.is_object()) line = {{"msg", ShortPrefix(payload, kMaxLoggedBytes)}};
    const auto us =
        std::chrono::duration_cast<std::chrono::microseconds>(msg.time.time_since_epoch()).count();
    line["time"] = fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:06d}Z",
                               fmt::gmtime(static_cast<std::time_t>(us / 1000000)), us % 1000000);
    line["level"] = std::string(spdlog::level::to_string_view(msg.level).data(),
                                spdlog::level::to_string_view(msg.level).size());
    const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    dest.append(text.data(), text.data() + text.size());
    dest.push_back('\n');
  }
  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<JsonFormatter>();
  }
};

}  // namespace

void SetRequestLogFormat(LogFormat format) {
  g_format = format;
  if (format == LogFormat::kJson) {
    spdlog::set_formatter(std::make_unique<JsonFormatter>());
  } else {
    spdlog::set_formatter(std::make_unique<EscapingTextFormatter>());
  }
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
    if (!status.ok()) line["message"] = ShortPrefix(status.message(), kMaxLoggedErrorBytes);
    // Never throws: a message with invalid UTF-8 is logged with U+FFFD in its place.
    spdlog::log(level, "{}", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    return;
  }
  if (status.ok()) {
    spdlog::log(level, "{} user={} status=OK ms={:.2f} rid={}", method, user, milliseconds,
                request_id);
  } else {
    // Quotes are escaped so msg="..." ends where it seems to; the formatter does the rest.
    std::string message = ShortPrefix(status.message(), kMaxLoggedErrorBytes);
    for (std::size_t at = message.find('"'); at != std::string::npos;
         at = message.find('"', at + 2)) {
      message.insert(at, 1, '\\');
    }
    spdlog::log(level, "{} user={} status={} ms={:.2f} rid={} msg=\"{}\"", method, user,
                CodeName(status.code()), milliseconds, request_id, message);
  }
}

std::string NewRequestId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:016x}", rng());
}

}  // namespace factdesk::logging
