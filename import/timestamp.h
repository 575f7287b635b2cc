#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

// Cue timestamps as milliseconds.
namespace factdesk::import {

// The WebVTT "collect a WebVTT timestamp" algorithm: reads `[hh+:]mm:ss.ttt` at `pos`
// and advances `pos` past it. Minutes and seconds are two digits below 60, the fraction
// exactly three digits, hours two or more digits (any value). nullopt on failure, and for
// hours too large for int64 milliseconds.
std::optional<std::int64_t> CollectVttTimestamp(std::string_view input, std::size_t& pos);

// An SRT timestamp `h+:mm:ss,mmm`: hours one or more digits, minutes and seconds one or two
// digits below 60, then ',' or '.' and exactly three digits. `mm:ss,mmm` is accepted too.
std::optional<std::int64_t> ParseSrtTimestamp(std::string_view text);

}  // namespace factdesk::import
