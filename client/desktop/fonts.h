#pragma once

#include <string>

#include <imgui.h>

namespace factdesk::desktop {

// The UI font as loaded: what it is, and the fixed character ranges it was built with
// (Dear ImGui's format; they live as long as the program).
struct LoadedFont {
  std::string description;
  const ImWchar* fixed_ranges = nullptr;
};

// The glyph drawn for a character no font holds: a white square (□), as desktops show
// missing characters, rather than a '?' that reads as part of the text. Characters
// outside the Basic Multilingual Plane (emoji) get it too: Debian's ImGui has a 16-bit
// ImWchar and decodes them to U+FFFD, which the atlas leaves out on purpose so that it
// falls back to this box as well.
inline constexpr ImWchar kMissingGlyph = 0x25A1;

// Builds the UI font into the atlas at `pixels` (already multiplied by the monitor's
// content scale) as one merged font: Latin, Greek, Cyrillic, punctuation and symbols
// from DejaVu Sans (fonts-dejavu-core), so curly quotes and dashes keep their Latin
// widths; CJK characters only (the common simplified Chinese set, CJK punctuation,
// kana, full-width forms) merged in from Noto Sans CJK SC (fonts-noto-cjk); plus
// `extra` (more ranges, zero-terminated: the characters the transcripts turned out to
// need), from whichever of the two holds them, DejaVu first. A missing font is warned
// about on stderr and the other used alone; ImGui's built-in font when both are missing.
// The atlas is built before returning, with kMissingGlyph as the fallback.
LoadedFont LoadFonts(ImGuiIO& io, float pixels, const ImWchar* extra = nullptr);

}  // namespace factdesk::desktop
