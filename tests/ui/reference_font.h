#pragma once

#include <imgui.h>

namespace factdesk::testing {

constexpr const char* kDejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kNotoSansCjk = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
constexpr int kNotoSansCjkSc = 2;  // the face the desktop uses

// One font file alone in an atlas of its own, configured as the desktop configures its
// fonts: what a glyph drawn from that file measures, to tell which file the desktop's
// merged atlas took it from.
class ReferenceFont {
 public:
  ReferenceFont(const char* path, int face, float pixels) {
    ImFontConfig config;
    config.FontNo = face;
    config.OversampleH = 1;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    // What the tests compare (every glyph would take seconds to rasterise).
    static const ImWchar kCompared[] = {0x0020, 0x02FF, 0x0531, 0x0531, 0x2000, 0x206F,
                                        0x4E2D, 0x4E2D, 0x96EF, 0x96EF, 0};
    font_ = atlas_.AddFontFromFileTTF(path, pixels, &config, kCompared);
    atlas_.Build();
  }
  const ImFont* font() const { return font_; }
  float Advance(ImWchar c) const { return font_->FindGlyphNoFallback(c)->AdvanceX; }

 private:
  ImFontAtlas atlas_;
  ImFont* font_ = nullptr;
};

}  // namespace factdesk::testing
