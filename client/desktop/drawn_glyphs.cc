#include "client/desktop/drawn_glyphs.h"

#include <map>
#include <utility>

namespace factdesk::desktop {

std::vector<const ImFontGlyph*> DrawnGlyphs(const ImDrawData& data, const ImFont& font) {
  std::map<std::pair<float, float>, const ImFontGlyph*> by_corner;
  for (const ImFontGlyph& g : font.Glyphs) {
    if (g.Visible != 0) by_corner[{g.U0, g.V0}] = &g;
  }
  std::vector<const ImFontGlyph*> drawn;
  for (int l = 0; l < data.CmdListsCount; ++l) {
    const ImVector<ImDrawVert>& v = data.CmdLists[l]->VtxBuffer;
    for (int i = 0; i + 3 < v.Size; ++i) {
      const auto it = by_corner.find({v[i].uv.x, v[i].uv.y});
      if (it == by_corner.end()) continue;
      const ImFontGlyph& g = *it->second;
      if (v[i + 2].uv.x != g.U1 || v[i + 2].uv.y != g.V1) continue;
      drawn.push_back(&g);
      i += 3;
    }
  }
  return drawn;
}

}  // namespace factdesk::desktop
