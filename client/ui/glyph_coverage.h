#pragma once

#include <bitset>
#include <cstddef>
#include <string_view>
#include <vector>

namespace factdesk::ui {

// Which characters the font atlas must hold beyond its fixed ranges. The atlas is built
// from a fixed set (Latin, punctuation, 2,500 common Chinese characters) because all
// 20,000 CJK ideographs would make it large and slow to build; a Chinese name in a quote
// is often outside that set. The views report the text they show; when it holds a
// character the atlas lacks, the desktop rebuilds the atlas with it before the next
// frame. Basic Multilingual Plane only (Dear ImGui's 16-bit ImWchar).
class GlyphCoverage {
 public:
  // Beyond this many added characters, more are not added (a hostile transcript must
  // not grow the atlas without bound); they show as the fallback glyph.
  static constexpr std::size_t kMaxAdded = 4000;

  GlyphCoverage();

  // The atlas's fixed set, in Dear ImGui's format: inclusive pairs, zero-terminated.
  // Forgets what was added.
  void SetBase(const unsigned short* ranges);
  // Notes the characters of `utf8`; true when one was new to the atlas.
  bool Add(std::string_view utf8);
  bool Covers(char32_t code_point) const { return code_point > 0xFFFF || known_.test(code_point); }

  // What was added since SetBase, in the order first seen, and whether it grew since
  // the last TakeGrown().
  const std::vector<char32_t>& added() const { return added_; }
  bool TakeGrown() {
    const bool grown = grown_;
    grown_ = false;
    return grown;
  }
  // added() as Dear ImGui ranges (each code point a pair), zero-terminated.
  std::vector<unsigned short> AddedRanges() const;

 private:
  std::bitset<0x10000> known_;
  std::vector<char32_t> added_;
  bool grown_ = false;
};

}  // namespace factdesk::ui
