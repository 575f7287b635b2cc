#include "checkworthy/feature_set.h"

#include <charconv>

namespace factdesk::checkworthy {
namespace {

constexpr int kMaxCharGram = 8;

bool ParseInt(std::string_view text, int& value) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size();
}

// "c3-5" -> 3, 5
bool ParseCharRange(std::string_view part, FeatureSet& set) {
  if (!part.starts_with('c')) return false;
  part.remove_prefix(1);
  const auto dash = part.find('-');
  if (dash == std::string_view::npos) return false;
  return ParseInt(part.substr(0, dash), set.char_min) &&
         ParseInt(part.substr(dash + 1), set.char_max) && set.char_min >= 1 &&
         set.char_min <= set.char_max && set.char_max <= kMaxCharGram;
}

}  // namespace

std::string FeatureSetName(const FeatureSet& set) {
  std::string name;
  const auto add = [&name](const std::string& part) { name += (name.empty() ? "" : ",") + part; };
  if (set.cues) add("cue");
  if (set.words) add("w1");
  if (set.bigrams) add("w2");
  if (set.char_max > 0) {
    add("c" + std::to_string(set.char_min) + "-" + std::to_string(set.char_max));
  }
  return name;
}

Result<FeatureSet> ParseFeatureSet(std::string_view name) {
  FeatureSet set;
  while (!name.empty()) {
    const auto comma = name.find(',');
    const std::string_view part = name.substr(0, comma);
    name = comma == std::string_view::npos ? std::string_view() : name.substr(comma + 1);
    if (part == "cue") {
      set.cues = true;
    } else if (part == "w1") {
      set.words = true;
    } else if (part == "w2") {
      set.bigrams = true;
    } else if (!ParseCharRange(part, set)) {
      return Status::InvalidArgument("features",
                                     "unknown feature family '" + std::string(part) +
                                         "' (known: cue, w1, w2, cN-M with 1 <= N <= M <= " +
                                         std::to_string(kMaxCharGram) + ")");
    }
  }
  if (set == FeatureSet{}) return Status::InvalidArgument("features", "no feature family given");
  return set;
}

}  // namespace factdesk::checkworthy
