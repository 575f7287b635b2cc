#include "server/rpc/request_checks.h"

#include <charconv>

#include "domain/limits.h"

namespace factdesk::rpc {
namespace {

constexpr std::string_view kTokenPrefix = "fdp1.";

}  // namespace

Result<int> PageSize(std::int32_t requested) {
  if (requested < 0) return Status::InvalidArgument("page_size", "must not be negative");
  if (requested == 0) return domain::kDefaultPageSize;
  return std::min(requested, domain::kMaxPageSize);
}

std::string EncodePageToken(std::int64_t position) {
  return std::string(kTokenPrefix) + std::to_string(position);
}

Result<std::int64_t> DecodePageToken(std::string_view token) {
  if (token.empty()) return std::int64_t{0};
  std::int64_t value = 0;
  if (token.starts_with(kTokenPrefix)) {
    const std::string_view digits = token.substr(kTokenPrefix.size());
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (ec == std::errc() && end == digits.data() + digits.size() && value > 0) return value;
  }
  return Status::InvalidArgument("page_token", "is not a page token from this server");
}

}  // namespace factdesk::rpc
