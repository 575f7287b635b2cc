#include "client/desktop/fonts.h"

#include <filesystem>
#include <initializer_list>
#include <iostream>

#include <imgui.h>

namespace factdesk::desktop {
namespace {

constexpr const char* kLatin = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kCjk[] = {
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
};
constexpr int kCjkSimplifiedChinese = 2;  // face index of "Noto Sans CJK SC" in the .ttc
// Dear ImGui sizes a font by its line height (ascent + descent), which is 1.448 em in Noto
// Sans CJK and 1.164 em in DejaVu Sans: at the same size an ideograph would be a fifth
// smaller than the Latin text around it. Scaled by their ratio, an ideograph is one
// DejaVu em wide, as CJK text set beside Latin should be.
constexpr float kCjkScale = 1.448F / 1.164F;
// Everything from here up in Dear ImGui's Chinese ranges is CJK; below it, Latin and
// punctuation that a CJK font draws full-width ("China’ s").
constexpr ImWchar kFirstCjk = 0x2E80;

// What DejaVu Sans draws: the scripts and the punctuation and symbols transcripts use.
constexpr ImWchar kLatinRanges[] = {
    0x0020, 0x036F,  // Latin, Latin Extended, IPA, spacing and combining marks
    0x0370, 0x04FF,  // Greek, Cyrillic
    0x1E00, 0x1EFF,  // Latin Extended Additional (Vietnamese)
    0x2000, 0x206F,  // General Punctuation: curly quotes, dashes, no-break spaces, …
    0x2070, 0x20CF,  // super- and subscripts, currency
    0x2100, 0x21FF,  // letterlike symbols, number forms, arrows
    0x2200, 0x22FF,  // mathematical operators
    0x2500, 0x27BF,  // box drawing, geometric shapes (status dots, □), symbols, dingbats
    0,
};

// The CJK part of Dear ImGui's common simplified Chinese ranges: ideographs, CJK
// punctuation, kana and full-width forms, without its Latin, punctuation and U+FFFD.
const ImWchar* CjkRanges(ImGuiIO& io) {
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    for (const ImWchar* r = io.Fonts->GetGlyphRangesChineseSimplifiedCommon(); r[0] != 0; r += 2) {
      if (r[0] < kFirstCjk || r[0] == IM_UNICODE_CODEPOINT_INVALID) continue;
      ranges.push_back(r[0]);
      ranges.push_back(r[1]);
    }
    ranges.push_back(0);
  }
  return ranges.Data;
}

// Both fonts' ranges plus U+FFFD: what the atlas was asked for, so the views never ask
// for it again. U+FFFD is in no font's ranges: it draws as the missing-glyph box.
const ImWchar* FixedRanges(ImGuiIO& io) {
  static ImVector<ImWchar> ranges;
  if (ranges.empty()) {
    static const ImWchar kReplacement[] = {IM_UNICODE_CODEPOINT_INVALID,
                                           IM_UNICODE_CODEPOINT_INVALID, 0};
    ImFontGlyphRangesBuilder b;
    b.AddRanges(kLatinRanges);
    b.AddRanges(CjkRanges(io));
    b.AddRanges(kReplacement);
    b.BuildRanges(&ranges);
  }
  return ranges.Data;
}

// `base` plus `extra`, in storage of its own (`slot`) that lives until the next call
// with the same slot, by which time the atlas built from it has been cleared.
const ImWchar* WithExtra(ImVector<ImWchar>& slot, const ImWchar* base, const ImWchar* extra) {
  if (extra == nullptr || extra[0] == 0) return base;
  slot.clear();
  ImFontGlyphRangesBuilder b;
  b.AddRanges(base);
  b.AddRanges(extra);
  b.BuildRanges(&slot);
  return slot.Data;
}

const char* FirstExisting(std::initializer_list<const char*> paths) {
  for (const char* path : paths) {
    if (std::filesystem::exists(path)) return path;
  }
  return nullptr;
}

ImFont* AddFont(ImGuiIO& io, const char* path, int face, bool merge, float pixels,
                const ImWchar* ranges) {
  ImFontConfig config;
  config.FontNo = face;
  config.MergeMode = merge;
  config.OversampleH = 1;  // the CJK set is large; keep the atlas small
  config.OversampleV = 1;
  config.PixelSnapH = true;
  return io.Fonts->AddFontFromFileTTF(path, pixels, &config, ranges);
}

// Adds DejaVu and/or Noto Sans CJK; the description, empty when neither could be added.
std::string AddLatinAndCjk(ImGuiIO& io, float pixels, const ImWchar* extra) {
  static ImVector<ImWchar> latin_slot;
  static ImVector<ImWchar> cjk_slot;
  const char* latin = FirstExisting({kLatin});
  const char* cjk = FirstExisting({kCjk[0], kCjk[1]});
  std::string description;
  if (latin != nullptr &&
      AddFont(io, latin, 0, false, pixels, WithExtra(latin_slot, kLatinRanges, extra)) != nullptr) {
    description = std::string("DejaVu Sans from ") + latin;
  } else {
    std::cerr << "factdesk-desktop: warning: DejaVu Sans not found (install fonts-dejavu-core); "
                 "Latin punctuation will be drawn full-width\n";
  }
  const ImWchar* cjk_ranges = description.empty() ? FixedRanges(io) : CjkRanges(io);
  const float cjk_pixels = description.empty() ? pixels : pixels * kCjkScale;
  if (cjk != nullptr && AddFont(io, cjk, kCjkSimplifiedChinese, !description.empty(), cjk_pixels,
                                WithExtra(cjk_slot, cjk_ranges, extra)) != nullptr) {
    description +=
        (description.empty() ? "" : ", CJK from ") + std::string("Noto Sans CJK SC from ") + cjk;
  } else {
    std::cerr << "factdesk-desktop: warning: Noto Sans CJK not found (install fonts-noto-cjk); "
                 "Chinese text will not render\n";
  }
  return description;
}

}  // namespace

LoadedFont LoadFonts(ImGuiIO& io, float pixels, const ImWchar* extra) {
  io.Fonts->Clear();
  LoadedFont loaded{AddLatinAndCjk(io, pixels, extra), FixedRanges(io)};
  if (loaded.description.empty()) {
    ImFontConfig builtin;
    builtin.SizePixels = pixels;
    io.Fonts->AddFontDefault(&builtin);
    loaded = {"ImGui's built-in font", io.Fonts->GetGlyphRangesDefault()};
  }
  io.Fonts->Build();
  ImFont* font = io.Fonts->Fonts[0];
  if (font->FindGlyphNoFallback(kMissingGlyph) != nullptr) {
    font->FallbackChar = kMissingGlyph;
    font->BuildLookupTable();
  }
  return loaded;
}

}  // namespace factdesk::desktop
