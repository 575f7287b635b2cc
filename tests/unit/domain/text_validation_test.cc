#include "domain/text_validation.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/limits.h"

namespace factdesk::domain {
namespace {

std::string Repeat(std::string_view unit, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out.append(unit);
  return out;
}

void ExpectInvalid(const Status& status, const std::string& message) {
  EXPECT_EQ(status.code(), Code::kInvalidArgument);
  EXPECT_EQ(status.message(), message);
}

TEST(ValidateText, AcceptsTextUpToTheLimit) {
  EXPECT_TRUE(ValidateText("summary", "Inflation fell to 2%.", kMaxSummaryChars, true).ok());
  EXPECT_TRUE(ValidateText("summary", Repeat("a", 500), 500, true).ok());
}

TEST(ValidateText, RefusesOneCharacterOverTheLimit) {
  ExpectInvalid(ValidateText("summary", Repeat("a", 501), 500, true),
                "summary: must be at most 500 characters (got 501)");
  ExpectInvalid(ValidateText("summary", Repeat("a", 612), 500, true),
                "summary: must be at most 500 characters (got 612)");
}

TEST(ValidateText, CountsCodePointsNotBytes) {
  // 500 two-, three- and four-byte characters are 500 characters.
  EXPECT_TRUE(ValidateText("summary", Repeat("é", 500), 500, true).ok());
  EXPECT_TRUE(ValidateText("summary", Repeat("中", 500), 500, true).ok());
  EXPECT_TRUE(ValidateText("summary", Repeat("😀", 500), 500, true).ok());
  ExpectInvalid(ValidateText("summary", Repeat("😀", 501), 500, true),
                "summary: must be at most 500 characters (got 501)");
  ExpectInvalid(ValidateText("summary", Repeat("中", 499) + "ab", 500, true),
                "summary: must be at most 500 characters (got 501)");
}

// Single-line fields refuse what a terminal would obey (issue 17.7); tab and newline pass.
TEST(ValidateLine, RefusesC0DelAndC1ControlsNamingTheFirst) {
  EXPECT_TRUE(
      ValidateLine("summary", "Crime fell\tby 18%\nlast year \u00e9\u00a0", 500, true).ok());
  ExpectInvalid(ValidateLine("summary", "Ok\x1b]52;c;aGk=\x07", 500, true),
                "summary: must not contain control characters (U+001B at byte 2)");
  ExpectInvalid(ValidateLine("title", "a\rb", 500, false),
                "title: must not contain control characters (U+000D at byte 1)");
  ExpectInvalid(ValidateLine("title", "ab\x7f", 500, false),
                "title: must not contain control characters (U+007F at byte 2)");
  ExpectInvalid(ValidateLine("claimant",
                             "Ana \xC2\x9B"
                             "2J",
                             500, true),
                "claimant: must not contain control characters (U+009B at byte 4)");
  // The checks of ValidateText come first.
  ExpectInvalid(ValidateLine("title", "\xff\x1b", 500, false),
                "title: is not valid UTF-8 (byte 0)");
  // Multi-line text keeps them.
  EXPECT_TRUE(ValidateText("body", "\x1b[31mred\x1b[0m", 500, true).ok());
}

TEST(ValidateText, EveryTextLimitHoldsAtTheLimitAndRefusesOneMore) {
  const struct {
    const char* field;
    std::size_t limit;
  } kLimits[] = {
      {"summary", kMaxSummaryChars},
      {"note", kMaxNoteChars},
      {"title", kMaxTitleChars},
      {"claimant", kMaxClaimantChars},
      {"source.title", kMaxSourceTitleChars},
      {"publisher", kMaxPublisherChars},
      {"excerpt", kMaxExcerptChars},
      {"rationale", kMaxRationaleChars},
      {"reason", kMaxReasonChars},
      {"query", kMaxSearchQueryChars},
      {"display_name", kMaxDisplayNameChars},
  };
  for (const auto& [field, limit] : kLimits) {
    SCOPED_TRACE(field);
    EXPECT_TRUE(ValidateText(field, Repeat("ж", limit), limit, true).ok());
    ExpectInvalid(ValidateText(field, Repeat("ж", limit + 1), limit, true),
                  std::string(field) + ": must be at most " + std::to_string(limit) +
                      " characters (got " + std::to_string(limit + 1) + ")");
  }
}

TEST(ValidateText, LimitsHaveTheAgreedValues) {
  EXPECT_EQ(kMaxSummaryChars, 500U);
  EXPECT_EQ(kMaxNoteChars, 20000U);
  EXPECT_EQ(kMaxTitleChars, 300U);
  EXPECT_EQ(kMaxClaimantChars, 200U);
  EXPECT_EQ(kMaxUrlBytes, 2048U);
  EXPECT_EQ(kMaxSourceTitleChars, 500U);
  EXPECT_EQ(kMaxPublisherChars, 200U);
  EXPECT_EQ(kMaxExcerptChars, 5000U);
  EXPECT_EQ(kMaxRationaleChars, 10000U);
  EXPECT_EQ(kMaxReasonChars, 2000U);
  EXPECT_EQ(kAnchorContextBytes, 32U);
  EXPECT_EQ(kMaxSearchQueryChars, 500U);
  EXPECT_EQ(kMaxHandleChars, 40U);
  EXPECT_EQ(kMaxDisplayNameChars, 100U);
  EXPECT_EQ(kMaxPageSize, 500);
  EXPECT_EQ(kDefaultPageSize, 100);
}

TEST(ValidateText, RequiredTextMustNotBeEmptyOrBlank) {
  ExpectInvalid(ValidateText("summary", "", 500, true), "summary: must not be empty");
  ExpectInvalid(ValidateText("summary", " \t\r\n", 500, true), "summary: must not be empty");
  ExpectInvalid(ValidateText("summary", "\u00A0\u2003\u3000\u200B", 500, true),
                "summary: must not be empty");
}

TEST(ValidateText, OptionalTextMayBeEmptyOrBlank) {
  EXPECT_TRUE(ValidateText("claimant", "", 200, false).ok());
  EXPECT_TRUE(ValidateText("claimant", "   ", 200, false).ok());
}

TEST(ValidateText, OptionalTextIsStillLimited) {
  ExpectInvalid(ValidateText("claimant", Repeat("x", 201), 200, false),
                "claimant: must be at most 200 characters (got 201)");
}

TEST(ValidateText, RefusesInvalidUtf8NamingTheByte) {
  ExpectInvalid(ValidateText("summary", "The rate fell to \xff", 500, true),
                "summary: is not valid UTF-8 (byte 17)");
  ExpectInvalid(ValidateText("summary", "\xC0\xAF", 500, true),  // overlong '/'
                "summary: is not valid UTF-8 (byte 0)");
  ExpectInvalid(ValidateText("summary", "ab\xED\xA0\x80", 500, true),  // surrogate
                "summary: is not valid UTF-8 (byte 2)");
  ExpectInvalid(ValidateText("summary", "中\xE4\xB8", 500, true),  // truncated
                "summary: is not valid UTF-8 (byte 3)");
  // Checked before emptiness: invalid bytes are not "empty".
  ExpectInvalid(ValidateText("summary", "\xff", 500, true), "summary: is not valid UTF-8 (byte 0)");
}

TEST(ValidateText, RefusesNulBytes) {
  ExpectInvalid(ValidateText("note", std::string("ab\0cd", 5), 100, false),
                "note: must not contain a NUL character (byte 2)");
}

TEST(ValidateText, KeepsNewlinesAndTabsInsideText) {
  EXPECT_TRUE(ValidateText("note", "line one\n\tline two", 100, true).ok());
}

TEST(Trim, RemovesAsciiWhitespaceAtBothEnds) {
  EXPECT_EQ(Trim("  \t hello world \r\n"), "hello world");
  EXPECT_EQ(Trim("\v\fx\f\v"), "x");
  EXPECT_EQ(Trim("no-trim"), "no-trim");
}

TEST(Trim, RemovesUnicodeSpaces) {
  EXPECT_EQ(Trim("\u00A0fact\u00A0"), "fact");
  EXPECT_EQ(Trim("\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200Afact"), "fact");
  EXPECT_EQ(Trim("\u3000事実\u3000"), "事実");
  EXPECT_EQ(Trim("\u1680\u2028\u2029\u202F\u205F\u0085x"), "x");
  EXPECT_EQ(Trim("\uFEFF\u200Bx\u200B"), "x");
}

TEST(Trim, KeepsWhitespaceInsideAndNonSpaceCharacters) {
  EXPECT_EQ(Trim(" a \u00A0 b "), "a \u00A0 b");
  // "à" is C3 A0: its second byte equals NO-BREAK SPACE's last byte; it must survive.
  EXPECT_EQ(Trim("à"), "à");
  EXPECT_EQ(Trim(" voilà "), "voilà");
  EXPECT_EQ(Trim("\u00ADx"), "\u00ADx");  // soft hyphen is not whitespace
}

TEST(Trim, AllWhitespaceBecomesEmpty) {
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim(" \u3000\t"), "");
}

TEST(Trim, TreatsInvalidBytesAsText) {
  EXPECT_EQ(Trim(" \xff "), "\xff");
  EXPECT_EQ(Trim("\xC2 x"), "\xC2 x");  // a truncated sequence stays
}

constexpr const char* kHandleRule =
    "must be 2\u201340 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit";

TEST(ValidateHandle, AcceptsWellFormedHandles) {
  const std::vector<std::string> handles = {"ab",    "a1",    "0x",           "jane.doe",
                                            "j_d-x", "m-g_2", Repeat("a", 40)};
  for (const std::string& handle : handles) {
    SCOPED_TRACE(handle);
    EXPECT_TRUE(ValidateHandle(handle).ok());
  }
}

TEST(ValidateHandle, RefusesEverythingElseWithTheRule) {
  for (const std::string& handle :
       {std::string(), std::string("a"), Repeat("a", 41), std::string("Jane"), std::string("-ab"),
        std::string(".ab"), std::string("_ab"), std::string("ab cd"), std::string("ab@c"),
        std::string("é1"), std::string("ab\n")}) {
    SCOPED_TRACE(handle);
    ExpectInvalid(ValidateHandle(handle), std::string("handle: ") + kHandleRule);
  }
}

TEST(ValidateSlug, SameRuleWithItsOwnFieldName) {
  EXPECT_TRUE(ValidateSlug("newsroom-2024").ok());
  EXPECT_TRUE(ValidateSlug(Repeat("s", 40)).ok());
  ExpectInvalid(ValidateSlug("News Room"), std::string("slug: ") + kHandleRule);
  ExpectInvalid(ValidateSlug(Repeat("s", 41)), std::string("slug: ") + kHandleRule);
  ExpectInvalid(ValidateSlug("x"), std::string("slug: ") + kHandleRule);
}

}  // namespace
}  // namespace factdesk::domain
