#include "client/ui/glyph_coverage.h"

#include "client/ui/utf8_walk.h"

namespace factdesk::ui {
namespace {

// Dear ImGui's default range: Basic Latin and Latin-1 Supplement.
constexpr unsigned short kDefaultBase[] = {0x0020, 0x00FF, 0};

}  // namespace

GlyphCoverage::GlyphCoverage() {
  SetBase(kDefaultBase);
}

void GlyphCoverage::SetBase(const unsigned short* ranges) {
  known_.reset();
  added_.clear();
  grown_ = false;
  for (const unsigned short* r = ranges; r != nullptr && r[0] != 0 && r[1] != 0; r += 2) {
    for (unsigned c = r[0]; c <= r[1]; ++c) known_.set(c);
  }
  // Control characters are never drawn as glyphs.
  for (unsigned c = 0; c < 0x20; ++c) known_.set(c);
}

bool GlyphCoverage::Add(std::string_view utf8) {
  bool grew = false;
  for (std::size_t pos = 0; pos < utf8.size();) {
    if (static_cast<unsigned char>(utf8[pos]) < 0x80) {  // ASCII: always in the atlas
      ++pos;
      continue;
    }
    const char32_t c = DecodeAt(utf8, pos, &pos);
    if (Covers(c) || added_.size() >= kMaxAdded) continue;
    known_.set(c);
    added_.push_back(c);
    grew = true;
  }
  grown_ = grown_ || grew;
  return grew;
}

std::vector<unsigned short> GlyphCoverage::AddedRanges() const {
  std::vector<unsigned short> out;
  out.reserve(added_.size() * 2 + 1);
  for (const char32_t c : added_) {
    out.push_back(static_cast<unsigned short>(c));
    out.push_back(static_cast<unsigned short>(c));
  }
  out.push_back(0);
  return out;
}

}  // namespace factdesk::ui
