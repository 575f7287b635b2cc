#include "domain/unicode.h"

#include <gtest/gtest.h>

namespace factdesk::domain::unicode {
namespace {

TEST(DecodeAt, DecodesOneToFourByteSequences) {
  const std::string_view text = "aé中😀";
  CodePoint cp = DecodeAt(text, 0);
  EXPECT_TRUE(cp.valid);
  EXPECT_EQ(cp.value, U'a');
  EXPECT_EQ(cp.size, 1U);
  cp = DecodeAt(text, 1);
  EXPECT_EQ(cp.value, U'é');
  EXPECT_EQ(cp.size, 2U);
  cp = DecodeAt(text, 3);
  EXPECT_EQ(cp.value, U'中');
  EXPECT_EQ(cp.size, 3U);
  cp = DecodeAt(text, 6);
  EXPECT_EQ(cp.value, U'😀');
  EXPECT_EQ(cp.size, 4U);
}

TEST(DecodeAt, InvalidSequencesAdvanceOneByte) {
  for (const std::string_view bad :
       {std::string_view("\xff"), std::string_view("\x80"), std::string_view("\xC0\xAF"),
        std::string_view("\xE4\xB8"), std::string_view("\xED\xA0\x80"),
        std::string_view("\xF4\x90\x80\x80")}) {
    const CodePoint cp = DecodeAt(bad, 0);
    EXPECT_FALSE(cp.valid);
    EXPECT_EQ(cp.size, 1U);
  }
}

TEST(IsWhitespace, ClassifiesSpacesAndNotLetters) {
  for (const char32_t cp :
       {U' ', U'\t', U'\n', U'\u00A0', U'\u2000', U'\u200A', U'\u3000', U'\u200B', U'\uFEFF'}) {
    EXPECT_TRUE(IsWhitespace(cp)) << static_cast<unsigned>(cp);
  }
  for (const char32_t cp : {U'a', U'0', U'\u00AD', U'\u200C', U'\u200D', U'中'}) {
    EXPECT_FALSE(IsWhitespace(cp)) << static_cast<unsigned>(cp);
  }
}

TEST(EqualsIgnoringAsciiCase, FoldsAsciiOnly) {
  EXPECT_TRUE(EqualsIgnoringAsciiCase("Mostly TRUE", "mostly true"));
  EXPECT_FALSE(EqualsIgnoringAsciiCase("True", "Tru"));
  EXPECT_FALSE(EqualsIgnoringAsciiCase("Été", "été"));  // no Unicode folding
}

}  // namespace
}  // namespace factdesk::domain::unicode
