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

// Loads the UI font into the atlas at `pixels` (already multiplied by the monitor's
// content scale): Noto Sans CJK SC from Debian's fonts-noto-cjk, with the Latin,
// punctuation and common CJK ranges (so Chinese quotes render without a 20,000-glyph
// atlas) plus `extra` (more ranges, zero-terminated: the characters the transcripts
// turned out to need); DejaVu Sans, then ImGui's built-in font, when it is missing (with
// a warning on stderr).
LoadedFont LoadFonts(ImGuiIO& io, float pixels, const ImWchar* extra = nullptr);

}  // namespace factdesk::desktop
