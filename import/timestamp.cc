#include "import/timestamp.h"

#include <limits>

#include "import/scan.h"

namespace factdesk::import {
namespace {

constexpr std::int64_t kMsPerHour = 3'600'000;
constexpr std::int64_t kMaxHours = std::numeric_limits<std::int64_t>::max() / kMsPerHour - 1;

// Reads ASCII digits at `pos`; the value saturates at kMaxHours + 1 so huge hours fail
// the range check instead of overflowing.
std::string_view CollectDigits(std::string_view input, std::size_t& pos, std::int64_t& value) {
  const std::size_t begin = pos;
  value = 0;
  while (pos < input.size() && IsAsciiDigit(input[pos])) {
    if (value <= kMaxHours) value = value * 10 + (input[pos] - '0');
    ++pos;
  }
  return input.substr(begin, pos - begin);
}

bool At(std::string_view input, std::size_t pos, char c) {
  return pos < input.size() && input[pos] == c;
}

std::optional<std::int64_t> ToMs(std::int64_t hours, std::int64_t minutes, std::int64_t seconds,
                                 std::int64_t millis) {
  if (hours > kMaxHours || minutes > 59 || seconds > 59) return std::nullopt;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis;
}

}  // namespace

std::optional<std::int64_t> CollectVttTimestamp(std::string_view input, std::size_t& pos) {
  if (pos >= input.size() || !IsAsciiDigit(input[pos])) return std::nullopt;
  std::int64_t v1 = 0;
  std::int64_t v2 = 0;
  std::int64_t v3 = 0;
  std::int64_t v4 = 0;
  const bool hours = CollectDigits(input, pos, v1).size() != 2 || v1 > 59;
  if (!At(input, pos, ':')) return std::nullopt;
  ++pos;
  if (CollectDigits(input, pos, v2).size() != 2) return std::nullopt;
  if (hours || At(input, pos, ':')) {
    if (!At(input, pos, ':')) return std::nullopt;
    ++pos;
    if (CollectDigits(input, pos, v3).size() != 2) return std::nullopt;
  } else {
    v3 = v2;
    v2 = v1;
    v1 = 0;
  }
  if (!At(input, pos, '.')) return std::nullopt;
  ++pos;
  if (CollectDigits(input, pos, v4).size() != 3) return std::nullopt;
  return ToMs(v1, v2, v3, v4);
}

std::optional<std::int64_t> ParseSrtTimestamp(std::string_view text) {
  std::int64_t parts[3] = {0, 0, 0};
  std::size_t count = 0;
  std::size_t pos = 0;
  while (true) {
    if (count == 3) return std::nullopt;
    const std::size_t digits = CollectDigits(text, pos, parts[count]).size();
    // Hours may be long; minutes and seconds have one or two digits.
    if (digits == 0 || (count > 0 && digits > 2)) return std::nullopt;
    ++count;
    if (!At(text, pos, ':')) break;
    ++pos;
  }
  if (count < 2 || !(At(text, pos, ',') || At(text, pos, '.'))) return std::nullopt;
  ++pos;
  std::int64_t millis = 0;
  if (CollectDigits(text, pos, millis).size() != 3 || pos != text.size()) return std::nullopt;
  if (count == 2) return ToMs(0, parts[0], parts[1], millis);
  return ToMs(parts[0], parts[1], parts[2], millis);
}

}  // namespace factdesk::import
