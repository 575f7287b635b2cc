#include "client/desktop/fonts.h"

#include <filesystem>
#include <iostream>

#include <imgui.h>

namespace factdesk::desktop {
namespace {

constexpr const char* kCjk[] = {
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
};
constexpr int kCjkSimplifiedChinese = 2;  // face index of "Noto Sans CJK SC" in the .ttc
constexpr const char* kDejaVu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

// Default + common simplified Chinese + the Latin, punctuation and symbol blocks
// transcripts use (curly quotes, dashes, ellipsis, arrows, bullets).
const ImWchar* FixedRanges(ImGuiIO& io) {
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    ImFontGlyphRangesBuilder b;
    b.AddRanges(io.Fonts->GetGlyphRangesChineseSimplifiedCommon());
    static const ImWchar kExtra[] = {
        0x0100, 0x024F,  // Latin Extended-A and -B
        0x0370, 0x03FF,  // Greek
        0x0400, 0x04FF,  // Cyrillic
        0x2000, 0x206F,  // General Punctuation
        0x20A0, 0x20CF,  // currency
        0x2190, 0x21FF,  // arrows
        0x2500, 0x25FF,  // box drawing, geometric shapes (status dots)
        0x2600, 0x26FF,  // misc symbols
        0xFFFD, 0xFFFD,  // replacement character
        0,
    };
    b.AddRanges(kExtra);
    b.BuildRanges(&ranges);
  }
  return ranges.Data;
}

// The fixed ranges plus `extra`; the storage lives until the next call, by which time
// the atlas built from it has been cleared.
const ImWchar* WithExtra(const ImWchar* fixed, const ImWchar* extra) {
  if (extra == nullptr || extra[0] == 0) return fixed;
  static ImVector<ImWchar> ranges;
  ranges.clear();
  ImFontGlyphRangesBuilder b;
  b.AddRanges(fixed);
  b.AddRanges(extra);
  b.BuildRanges(&ranges);
  return ranges.Data;
}

}  // namespace

LoadedFont LoadFonts(ImGuiIO& io, float pixels, const ImWchar* extra) {
  io.Fonts->Clear();
  ImFontConfig config;
  config.OversampleH = 1;  // the CJK set is large; keep the atlas small
  config.OversampleV = 1;
  config.PixelSnapH = true;
  for (const char* path : kCjk) {
    if (!std::filesystem::exists(path)) continue;
    config.FontNo = kCjkSimplifiedChinese;
    if (io.Fonts->AddFontFromFileTTF(path, pixels, &config, WithExtra(FixedRanges(io), extra)) !=
        nullptr) {
      return {std::string("Noto Sans CJK SC from ") + path, FixedRanges(io)};
    }
  }
  std::cerr << "factdesk-desktop: warning: Noto Sans CJK not found (install fonts-noto-cjk); "
               "Chinese text will not render\n";
  if (std::filesystem::exists(kDejaVu)) {
    ImFontConfig dv;
    dv.OversampleH = 2;
    static const ImWchar kLatin[] = {0x0020, 0x024F, 0x2000, 0x206F, 0x2190, 0x25FF, 0};
    if (io.Fonts->AddFontFromFileTTF(kDejaVu, pixels, &dv, WithExtra(kLatin, extra)) != nullptr) {
      return {std::string("DejaVu Sans from ") + kDejaVu, kLatin};
    }
  }
  std::cerr << "factdesk-desktop: warning: DejaVu Sans not found either; using ImGui's "
               "built-in font\n";
  ImFontConfig builtin;
  builtin.SizePixels = pixels;
  io.Fonts->AddFontDefault(&builtin);
  return {"ImGui's built-in font", io.Fonts->GetGlyphRangesDefault()};
}

}  // namespace factdesk::desktop
