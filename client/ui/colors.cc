#include "client/ui/colors.h"

#include <algorithm>
#include <cmath>

namespace factdesk::ui {

Rgba Mix(Rgba fg, Rgba bg, float amount) {
  amount = std::clamp(amount, 0.0F, 1.0F);
  auto mix = [amount](std::uint8_t f, std::uint8_t b) {
    return static_cast<std::uint8_t>(
        std::lround(static_cast<float>(f) * amount + static_cast<float>(b) * (1.0F - amount)));
  };
  return {mix(fg.r, bg.r), mix(fg.g, bg.g), mix(fg.b, bg.b), 255};
}

Rgba FromHsv(float hue, float saturation, float value) {
  hue = std::fmod(std::fmod(hue, 360.0F) + 360.0F, 360.0F);
  const float c = value * saturation;
  const float x = c * (1 - std::fabs(std::fmod(hue / 60.0F, 2.0F) - 1));
  const float m = value - c;
  float r = 0;
  float g = 0;
  float b = 0;
  if (hue < 60) {
    r = c, g = x;
  } else if (hue < 120) {
    r = x, g = c;
  } else if (hue < 180) {
    g = c, b = x;
  } else if (hue < 240) {
    g = x, b = c;
  } else if (hue < 300) {
    r = x, b = c;
  } else {
    r = c, b = x;
  }
  auto to8 = [m](float v) { return static_cast<std::uint8_t>(std::lround((v + m) * 255.0F)); };
  return {to8(r), to8(g), to8(b), 255};
}

std::uint64_t Fnv1a(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

Rgba SpeakerColor(std::string_view name) {
  if (name.empty()) return palette::kDimText;
  const std::uint64_t h = Fnv1a(name);
  // 36 hues 10 degrees apart, two brightness levels: distinct yet readable on dark.
  const float hue = static_cast<float>(h % 36U) * 10.0F;
  const float value = ((h >> 8U) & 1U) != 0 ? 0.92F : 0.80F;
  return FromHsv(hue, 0.50F, value);
}

}  // namespace factdesk::ui
