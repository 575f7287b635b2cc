#include "client/ui/glyph_coverage.h"

#include <gtest/gtest.h>

namespace factdesk::ui {
namespace {

// Latin-1 and two CJK characters, as a font atlas's fixed ranges would be given.
constexpr unsigned short kBase[] = {0x0020, 0x00FF, 0x4E00, 0x4E01, 0x6D8C, 0x6D8C, 0};

TEST(GlyphCoverage, OnlyCharactersOutsideTheAtlasAreAddedOnceEach) {
  GlyphCoverage g;
  g.SetBase(kBase);
  EXPECT_FALSE(g.Add("Plain text, caf\xC3\xA9 and \xE4\xB8\x80 (U+4E00) are in the atlas"));
  EXPECT_FALSE(g.TakeGrown());
  // 李雯: U+674E and U+96EF are not; 涌 (U+6D8C) is.
  EXPECT_TRUE(g.Add("My name is \xE6\x9D\x8E\xE9\x9B\xAF, \xE6\xB6\x8C"));
  EXPECT_EQ(g.added(), (std::vector<char32_t>{0x674E, 0x96EF}));
  EXPECT_TRUE(g.TakeGrown());
  EXPECT_FALSE(g.TakeGrown()) << "taken once";
  EXPECT_FALSE(g.Add("\xE9\x9B\xAF again")) << "already added";
  EXPECT_TRUE(g.Covers(0x96EF));
  EXPECT_EQ(g.AddedRanges(), (std::vector<unsigned short>{0x674E, 0x674E, 0x96EF, 0x96EF, 0}));
}

TEST(GlyphCoverage, AstralCharactersAndControlsAreNeverAdded) {
  GlyphCoverage g;
  g.SetBase(kBase);
  // U+1F600 (an emoji) is outside ImGui's 16-bit range; a tab is not drawn as a glyph.
  EXPECT_FALSE(g.Add("\xF0\x9F\x98\x80\t"));
  EXPECT_TRUE(g.added().empty());
}

TEST(GlyphCoverage, GrowthStopsAtTheCapAndANewBaseForgetsTheAdditions) {
  GlyphCoverage g;
  g.SetBase(kBase);
  std::string text;
  for (char32_t c = 0x5000; c < 0x5000 + GlyphCoverage::kMaxAdded + 10; ++c) {
    text += static_cast<char>(0xE0 | (c >> 12U));
    text += static_cast<char>(0x80 | ((c >> 6U) & 0x3FU));
    text += static_cast<char>(0x80 | (c & 0x3FU));
  }
  EXPECT_TRUE(g.Add(text));
  EXPECT_EQ(g.added().size(), GlyphCoverage::kMaxAdded);
  EXPECT_FALSE(g.Covers(0x5000 + GlyphCoverage::kMaxAdded));
  g.SetBase(kBase);
  EXPECT_TRUE(g.added().empty());
  EXPECT_FALSE(g.Covers(0x5000));
}

}  // namespace
}  // namespace factdesk::ui
