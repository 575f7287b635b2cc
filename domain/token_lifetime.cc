#include "domain/token_lifetime.h"

#include <charconv>
#include <string>

namespace factdesk::domain {
namespace {

constexpr char kField[] = "--expires-in";

Status Invalid(std::string_view text, std::string_view why) {
  return Status::InvalidArgument(kField,
                                 "'" + std::string(text.substr(0, 40)) + "' " + std::string(why));
}

}  // namespace

Result<std::chrono::seconds> ParseTokenLifetime(std::string_view text) {
  if (text.size() < 2) return Invalid(text, "is not a duration like 12h, 30d or 6w");
  long long count = 0;
  const char* end = text.data() + text.size() - 1;
  const auto parsed = std::from_chars(text.data(), end, count);
  if (parsed.ec != std::errc() || parsed.ptr != end || count <= 0) {
    return Invalid(text, "is not a duration like 12h, 30d or 6w");
  }
  std::chrono::seconds unit{0};
  switch (text.back()) {
    case 'h':
      unit = std::chrono::hours(1);
      break;
    case 'd':
      unit = std::chrono::days(1);
      break;
    case 'w':
      unit = std::chrono::weeks(1);
      break;
    default:
      return Invalid(text, "needs a unit: h (hours), d (days) or w (weeks)");
  }
  const long long max_units = std::chrono::seconds(kMaxTokenLifetime).count() / unit.count();
  if (count > max_units) return Invalid(text, "is longer than the limit of 366 days");
  const std::chrono::seconds lifetime = unit * count;
  if (lifetime < kMinTokenLifetime) return Invalid(text, "is shorter than an hour");
  return lifetime;
}

}  // namespace factdesk::domain
