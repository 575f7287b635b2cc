#pragma once

#include <vector>

#include <imgui.h>

namespace factdesk::desktop {

// The font's glyphs a frame drew, in drawing order, read back from the draw lists' glyph
// quads by their atlas coordinates (a glyph a clip rectangle cut is not read): what the
// screen shows, for the --report-glyphs test hook.
std::vector<const ImFontGlyph*> DrawnGlyphs(const ImDrawData& data, const ImFont& font);

}  // namespace factdesk::desktop
