#pragma once

#include <string>

struct ImGuiIO;

namespace factdesk::desktop {

// Loads the UI font into the atlas at `pixels` (already multiplied by the monitor's
// content scale): Noto Sans CJK SC from Debian's fonts-noto-cjk, with the Latin,
// punctuation and common CJK ranges (so Chinese quotes render without a 20,000-glyph
// atlas); DejaVu Sans, then ImGui's built-in font, when it is missing (with a warning
// on stderr). Returns a description of what was loaded.
std::string LoadFonts(ImGuiIO& io, float pixels);

}  // namespace factdesk::desktop
