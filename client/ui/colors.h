#pragma once

#include <cstdint>
#include <string_view>

namespace factdesk::ui {

// An 8-bit RGBA colour. ToU32() packs it the way ImGui's IM_COL32 does, so the pure
// logic can pick colours without including ImGui.
struct Rgba {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
  std::uint8_t a = 255;

  std::uint32_t ToU32() const {
    return (std::uint32_t{a} << 24U) | (std::uint32_t{b} << 16U) | (std::uint32_t{g} << 8U) |
           std::uint32_t{r};
  }
  Rgba WithAlpha(std::uint8_t alpha) const { return {r, g, b, alpha}; }
  friend bool operator==(const Rgba&, const Rgba&) = default;
};

// `fg` laid over `bg` at `amount` (0..1), opaque: highlights are drawn opaque so
// screenshots show a known colour.
Rgba Mix(Rgba fg, Rgba bg, float amount);
// Hue in degrees, saturation and value in 0..1.
Rgba FromHsv(float hue, float saturation, float value);

// The palette the views share (a calm dark theme).
namespace palette {
inline constexpr Rgba kReaderBg{24, 26, 31, 255};
inline constexpr Rgba kText{222, 224, 228, 255};
inline constexpr Rgba kDimText{140, 146, 156, 255};
inline constexpr Rgba kCueText{150, 160, 175, 255};
inline constexpr Rgba kSelection{70, 110, 190, 255};
inline constexpr Rgba kSearchHit{95, 85, 40, 255};
inline constexpr Rgba kGood{90, 190, 110, 255};
inline constexpr Rgba kBad{225, 85, 85, 255};
inline constexpr Rgba kWarn{235, 180, 70, 255};
}  // namespace palette

// A stable colour for a speaker (or user) name: the same name always gets the same
// hue, on every machine and run (FNV-1a of the bytes, not std::hash).
Rgba SpeakerColor(std::string_view name);
std::uint64_t Fnv1a(std::string_view bytes);

}  // namespace factdesk::ui
