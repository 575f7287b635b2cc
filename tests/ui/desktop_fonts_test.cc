// The desktop's font atlas, built headless as the window builds it (no GL needed): Latin
// text and punctuation measure as DejaVu Sans, CJK as Noto Sans CJK, and characters no
// font holds (emoji included) as the missing-glyph box. The references are atlases built
// here from each font file alone, at the same size.
#include <cfloat>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <imgui.h>

#include "client/desktop/fonts.h"
#include "tests/ui/reference_font.h"

namespace factdesk::desktop {
namespace {

constexpr float kPixels = 16;

// The seed podcast's first paragraph (read in place): "technologies—such as",
// "China’s technology".
std::string SeedParagraph() {
  std::ifstream in(std::string(FACTDESK_SHARED_DIR) + "/seeds/000_964967168d34df55.txt");
  std::string line;
  std::getline(in, line);
  return line;
}

float Width(const ImFont& font, const std::string& text) {
  return font.CalcTextSizeA(font.FontSize, FLT_MAX, 0, text.c_str()).x;
}

class DesktopFontsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);
  }
  void TearDown() override { ImGui::DestroyContext(context_); }
  const ImFont& Load(const ImWchar* extra = nullptr) {
    loaded_ = LoadFonts(ImGui::GetIO(), kPixels, extra);
    return *ImGui::GetIO().Fonts->Fonts[0];
  }

  ImGuiContext* context_ = nullptr;
  LoadedFont loaded_;
  testing::ReferenceFont dejavu_{testing::kDejaVuSans, 0, kPixels};
  testing::ReferenceFont cjk_{testing::kNotoSansCjk, testing::kNotoSansCjkSc, kPixels};
};

TEST_F(DesktopFontsTest, CurlyQuotesAndDashesInTheSeedComeFromTheLatinFont) {
  const ImFont& font = Load();
  EXPECT_NE(loaded_.description.find("DejaVu Sans"), std::string::npos) << loaded_.description;
  EXPECT_NE(loaded_.description.find("Noto Sans CJK SC"), std::string::npos) << loaded_.description;
  const std::string paragraph = SeedParagraph();
  ASSERT_NE(paragraph.find("China\u2019s"), std::string::npos) << paragraph;
  ASSERT_NE(paragraph.find("technologies\u2014such"), std::string::npos) << paragraph;
  for (const char32_t c : {U'\u2019', U'\u2018', U'\u201C', U'\u201D', U'\u2014', U'\u2013'}) {
    SCOPED_TRACE(::testing::Message() << "U+" << std::hex << static_cast<unsigned>(c));
    const ImFontGlyph* drawn = font.FindGlyphNoFallback(static_cast<ImWchar>(c));
    ASSERT_NE(drawn, nullptr);
    const float latin = dejavu_.font()->FindGlyphNoFallback(static_cast<ImWchar>(c))->AdvanceX;
    const float cjk = cjk_.font()->FindGlyphNoFallback(static_cast<ImWchar>(c))->AdvanceX;
    EXPECT_EQ(drawn->AdvanceX, latin);
    // The CJK font's punctuation is wider (full-width quotes): the check can tell them apart.
    EXPECT_NE(drawn->AdvanceX, cjk);
  }
  // The whole paragraph sets exactly as DejaVu Sans sets it.
  EXPECT_EQ(Width(font, paragraph), Width(*dejavu_.font(), paragraph));
}

TEST_F(DesktopFontsTest, ChineseComesFromTheCjkFontAndGrowsIntoTheSameAtlas) {
  const ImFont& font = Load();
  const ImFontGlyph* zhong = font.FindGlyphNoFallback(0x4E2D);  // 中, in the common set
  ASSERT_NE(zhong, nullptr);
  // Full-width beside the Latin text: one DejaVu em (U+2003 EM SPACE is one em wide), not
  // the fifth narrower ideograph Noto Sans CJK gives at the same size.
  const float em = dejavu_.Advance(0x2003);
  EXPECT_NEAR(zhong->AdvanceX, em, 1.0F);
  EXPECT_GT(em - cjk_.Advance(0x4E2D), 1.5F);
  EXPECT_EQ(font.FindGlyphNoFallback(0x96EF), nullptr);  // 雯 is not: the atlas grows
  EXPECT_EQ(font.FindGlyphNoFallback(0x0531), nullptr);  // nor Armenian Ա

  static const ImWchar kExtra[] = {0x96EF, 0x96EF, 0x0531, 0x0531, 0};
  const ImFont& grown = Load(kExtra);
  ASSERT_NE(grown.FindGlyphNoFallback(0x96EF), nullptr);
  EXPECT_NEAR(grown.FindGlyphNoFallback(0x96EF)->AdvanceX, dejavu_.Advance(0x2003), 1.0F);
  // A grown character DejaVu has comes from DejaVu, not the CJK font.
  ASSERT_NE(grown.FindGlyphNoFallback(0x0531), nullptr);
  EXPECT_EQ(grown.FindGlyphNoFallback(0x0531)->AdvanceX,
            dejavu_.font()->FindGlyphNoFallback(0x0531)->AdvanceX);
  // Still Latin punctuation after growing.
  EXPECT_EQ(grown.FindGlyphNoFallback(0x2019)->AdvanceX,
            dejavu_.font()->FindGlyphNoFallback(0x2019)->AdvanceX);
}

TEST_F(DesktopFontsTest, EmojiAndMissingCharactersShowAsABoxNotAQuestionMark) {
  const ImFont& font = Load();
  EXPECT_EQ(font.FallbackChar, kMissingGlyph);
  const ImFontGlyph* box = font.FindGlyphNoFallback(kMissingGlyph);
  ASSERT_NE(box, nullptr);
  EXPECT_EQ(font.FindGlyph(0x0E01), box);  // Thai ก: in neither font's ranges
  // U+FFFD (what ImGui decodes a character beyond 16 bits to) is left out so it falls back.
  EXPECT_EQ(font.FindGlyphNoFallback(IM_UNICODE_CODEPOINT_INVALID), nullptr);
  EXPECT_EQ(font.FindGlyph(IM_UNICODE_CODEPOINT_INVALID), box);
  const std::string grinning = "\xF0\x9F\x98\x80";  // U+1F600
  EXPECT_EQ(Width(font, grinning), box->AdvanceX);
  EXPECT_EQ(Width(font, "a" + grinning + "b"), Width(font, "a\u25A1b"));
  EXPECT_NE(Width(font, grinning), Width(font, "?"));
}

}  // namespace
}  // namespace factdesk::desktop
