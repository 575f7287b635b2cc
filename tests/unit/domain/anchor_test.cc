#include "domain/anchor.h"

#include <string>

#include <gtest/gtest.h>

#include "common/utf8.h"
#include "domain/limits.h"

namespace factdesk::domain {
namespace {

std::int64_t Find(std::string_view text, std::string_view what) {
  const std::size_t at = text.find(what);
  EXPECT_NE(at, std::string_view::npos) << what;
  return static_cast<std::int64_t>(at);
}

void ExpectInvalid(const Result<Anchor>& result, const std::string& message) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(result.status().message(), message);
}

TEST(AnchorRange, QuotesTheRangeWithShortContext) {
  const std::string text = "Unemployment fell to 3.5 percent last year.";
  const std::int64_t start = Find(text, "3.5 percent");
  const Result<Anchor> anchor = AnchorRange(text, start, start + 11);
  ASSERT_TRUE(anchor.ok()) << anchor.status().ToString();
  EXPECT_EQ(anchor->quote, "3.5 percent");
  EXPECT_EQ(anchor->prefix, "Unemployment fell to ");
  EXPECT_EQ(anchor->suffix, " last year.");
}

TEST(AnchorRange, ContextIsAtMost32BytesEachSide) {
  const std::string before = "0123456789abcdefghijklmnopqrstuvwxyz";  // 36 bytes
  const std::string after = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";   // 36 bytes
  const std::string text = before + "QUOTE" + after;
  const auto start = static_cast<std::int64_t>(before.size());
  const Result<Anchor> anchor = AnchorRange(text, start, start + 5);
  ASSERT_TRUE(anchor.ok());
  EXPECT_EQ(anchor->quote, "QUOTE");
  EXPECT_EQ(anchor->prefix, before.substr(4));
  EXPECT_EQ(anchor->prefix.size(), kAnchorContextBytes);
  EXPECT_EQ(anchor->suffix, after.substr(0, 32));
}

TEST(AnchorRange, ChineseQuoteAndContextStayOnCodePointBoundaries) {
  // 3-byte characters: 32 bytes of context hold 10 whole characters (30 bytes).
  const std::string before = "他说去年全国的失业率已经下降到了";  // 16 characters, 48 bytes
  const std::string quote = "百分之三点五";
  const std::string after = "，这是二十年来的最低水平。";  // 13 characters, 39 bytes
  const std::string text = before + quote + after;
  const auto start = static_cast<std::int64_t>(before.size());
  const Result<Anchor> anchor =
      AnchorRange(text, start, start + static_cast<std::int64_t>(quote.size()));
  ASSERT_TRUE(anchor.ok()) << anchor.status().ToString();
  EXPECT_EQ(anchor->quote, quote);
  EXPECT_EQ(anchor->prefix, "的失业率已经下降到了");
  EXPECT_EQ(anchor->prefix, before.substr(before.size() - 30));
  EXPECT_EQ(anchor->suffix, after.substr(0, 30));
  EXPECT_EQ(anchor->suffix, "，这是二十年来的最低");
  EXPECT_TRUE(utf8::IsValid(anchor->prefix));
  EXPECT_TRUE(utf8::IsValid(anchor->suffix));
}

TEST(AnchorRange, EmojiQuoteAndEmojiContext) {
  const std::string emoji9 = "😀😀😀😀😀😀😀😀😀";  // 36 bytes
  const std::string text = "x" + emoji9 + "🍕" + "y" + emoji9;
  const std::int64_t start = Find(text, "🍕");
  const Result<Anchor> anchor = AnchorRange(text, start, start + 4);
  ASSERT_TRUE(anchor.ok()) << anchor.status().ToString();
  EXPECT_EQ(anchor->quote, "🍕");
  EXPECT_EQ(anchor->prefix, emoji9.substr(4));            // 8 emoji = exactly 32 bytes
  EXPECT_EQ(anchor->suffix, "y" + emoji9.substr(0, 28));  // 1 + 7 * 4 = 29 bytes
}

TEST(AnchorRange, RangesAtTheEndsOfTheSegment) {
  const std::string text = "Crime is up. Taxes are down.";
  Result<Anchor> anchor = AnchorRange(text, 0, 12);
  ASSERT_TRUE(anchor.ok());
  EXPECT_EQ(anchor->quote, "Crime is up.");
  EXPECT_EQ(anchor->prefix, "");
  EXPECT_EQ(anchor->suffix, " Taxes are down.");

  anchor = AnchorRange(text, 13, static_cast<std::int64_t>(text.size()));
  ASSERT_TRUE(anchor.ok());
  EXPECT_EQ(anchor->quote, "Taxes are down.");
  EXPECT_EQ(anchor->prefix, "Crime is up. ");
  EXPECT_EQ(anchor->suffix, "");

  anchor = AnchorRange(text, 0, static_cast<std::int64_t>(text.size()));
  ASSERT_TRUE(anchor.ok());
  EXPECT_EQ(anchor->quote, text);
  EXPECT_EQ(anchor->prefix, "");
  EXPECT_EQ(anchor->suffix, "");
}

TEST(AnchorRange, SingleMultiByteCharacterAtEachEnd) {
  const std::string text = "é中😀";
  Result<Anchor> anchor = AnchorRange(text, 0, 2);
  ASSERT_TRUE(anchor.ok());
  EXPECT_EQ(anchor->quote, "é");
  anchor = AnchorRange(text, 5, 9);
  ASSERT_TRUE(anchor.ok());
  EXPECT_EQ(anchor->quote, "😀");
  EXPECT_EQ(anchor->prefix, "é中");
}

TEST(AnchorRange, RefusesOffsetsThatSplitACharacter) {
  const std::string text = "abcd中文字";  // 中 at bytes 4..6
  ExpectInvalid(AnchorRange(text, 5, 10), "start_byte: 5 splits a UTF-8 character");
  ExpectInvalid(AnchorRange(text, 6, 10), "start_byte: 6 splits a UTF-8 character");
  ExpectInvalid(AnchorRange(text, 0, 5), "end_byte: 5 splits a UTF-8 character");
  ExpectInvalid(AnchorRange(text, 4, 8), "end_byte: 8 splits a UTF-8 character");
  const std::string emoji = "a😀b";
  for (std::int64_t inside = 2; inside <= 4; ++inside) {
    ExpectInvalid(AnchorRange(emoji, inside, 6),
                  "start_byte: " + std::to_string(inside) + " splits a UTF-8 character");
    ExpectInvalid(AnchorRange(emoji, 0, inside),
                  "end_byte: " + std::to_string(inside) + " splits a UTF-8 character");
  }
}

TEST(AnchorRange, RefusesRangesOutsideTheSegment) {
  const std::string text(97, 'x');
  ExpectInvalid(AnchorRange(text, -1, 5), "start_byte: must not be negative (got -1)");
  ExpectInvalid(AnchorRange(text, 10, 120),
                "end_byte: 120 is past the end of the segment (97 bytes)");
  ExpectInvalid(AnchorRange(text, 97, 98),
                "end_byte: 98 is past the end of the segment (97 bytes)");
  EXPECT_TRUE(AnchorRange(text, 96, 97).ok());
  ExpectInvalid(AnchorRange("", 0, 1), "end_byte: 1 is past the end of the segment (0 bytes)");
}

TEST(AnchorRange, RefusesEmptyAndReversedRanges) {
  const std::string text = "some words here";
  ExpectInvalid(AnchorRange(text, 4, 4), "end_byte: must be greater than start_byte");
  ExpectInvalid(AnchorRange(text, 8, 3), "end_byte: must be greater than start_byte");
  ExpectInvalid(AnchorRange(text, 0, -2), "end_byte: must be greater than start_byte");
  ExpectInvalid(AnchorRange("", 0, 0), "end_byte: must be greater than start_byte");
}

TEST(AnchorRange, RefusesAQuoteThatIsOnlyWhitespace) {
  const std::string text = "one  two\u3000three";
  ExpectInvalid(AnchorRange(text, 3, 5), "quote: the selected text is only whitespace");
  const std::int64_t ideographic = Find(text, "\u3000");
  ExpectInvalid(AnchorRange(text, ideographic, ideographic + 3),
                "quote: the selected text is only whitespace");
  // Whitespace around words is kept as selected.
  const Result<Anchor> anchor = AnchorRange(text, 3, 8);
  ASSERT_TRUE(anchor.ok());
  EXPECT_EQ(anchor->quote, "  two");
}

Anchor AnchorOf(std::string_view text, std::string_view quote, std::size_t occurrence = 0) {
  std::size_t at = text.find(quote);
  for (std::size_t i = 0; i < occurrence; ++i) at = text.find(quote, at + 1);
  const Result<Anchor> anchor = AnchorRange(text, static_cast<std::int64_t>(at),
                                            static_cast<std::int64_t>(at + quote.size()));
  EXPECT_TRUE(anchor.ok());
  return anchor.ok() ? *anchor : Anchor{};
}

using Range = std::pair<std::int64_t, std::int64_t>;

TEST(Reanchor, FindsTheQuoteInUnchangedText) {
  const std::string text = "Exports grew by 12 percent in 2023.";
  const Anchor anchor = AnchorOf(text, "12 percent");
  EXPECT_EQ(Reanchor(text, anchor), Range(16, 26));
}

TEST(Reanchor, FollowsTheQuoteWhenTextIsInsertedBefore) {
  const Anchor anchor = AnchorOf("Exports grew by 12 percent in 2023.", "12 percent");
  const std::string revised = "[inaudible] Exports grew by 12 percent in 2023.";
  const auto range = Reanchor(revised, anchor);
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(revised.substr(static_cast<std::size_t>(range->first),
                           static_cast<std::size_t>(range->second - range->first)),
            "12 percent");
  EXPECT_EQ(*range, Range(28, 38));
}

TEST(Reanchor, UsesContextToChooseAmongOccurrences) {
  const std::string text =
      "In 2019 it was 40 percent. By 2023 it was 40 percent of all homes, officials said.";
  const Anchor second = AnchorOf(text, "40 percent", 1);
  const Anchor first = AnchorOf(text, "40 percent", 0);
  const std::string revised =
      "In 2019, they say, it was 40 percent. By 2023 it was 40 percent of all homes, officials "
      "said.";
  const auto second_range = Reanchor(revised, second);
  ASSERT_TRUE(second_range.has_value());
  EXPECT_EQ(second_range->first, static_cast<std::int64_t>(revised.rfind("40 percent")));
  const auto first_range = Reanchor(revised, first);
  ASSERT_TRUE(first_range.has_value());
  EXPECT_EQ(first_range->first, static_cast<std::int64_t>(revised.find("40 percent")));
}

TEST(Reanchor, PrefersTheBestContextMatchEvenWhenOnlyTheSuffixSurvives) {
  const Anchor anchor = AnchorOf("He said: taxes rose under the last government.", "taxes rose");
  const std::string revised =
      "Yes, taxes rose, a bit. Then he said taxes rose under the last government.";
  const auto range = Reanchor(revised, anchor);
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->first, static_cast<std::int64_t>(revised.rfind("taxes rose")));
}

TEST(Reanchor, TakesTheEarliestOccurrenceOnATie) {
  const Anchor anchor{"fact", "", ""};
  EXPECT_EQ(Reanchor("a fact and a fact", anchor), Range(2, 6));
}

TEST(Reanchor, ReturnsNulloptWhenTheQuoteIsGone) {
  const Anchor anchor = AnchorOf("Exports grew by 12 percent in 2023.", "12 percent");
  EXPECT_FALSE(Reanchor("Exports grew by 11 percent in 2023.", anchor).has_value());
  EXPECT_FALSE(Reanchor("", anchor).has_value());
  EXPECT_FALSE(Reanchor("anything", Anchor{}).has_value());
}

TEST(Reanchor, WorksWithMultiByteText) {
  const std::string text = "他说失业率是百分之五。她说失业率是百分之五。";
  const Anchor second = AnchorOf(text, "百分之五", 1);
  const std::string revised = "主持人：他说失业率是百分之五。她说失业率是百分之五。";
  const auto range = Reanchor(revised, second);
  ASSERT_TRUE(range.has_value());
  EXPECT_EQ(range->first, static_cast<std::int64_t>(revised.rfind("百分之五")));
  EXPECT_EQ(range->second - range->first, 12);
  // The result is itself a valid anchor range.
  EXPECT_TRUE(AnchorRange(revised, range->first, range->second).ok());
}

TEST(Reanchor, IgnoresMatchesInsideACharacter) {
  // A continuation byte can only occur inside a multi-byte character in valid text.
  const Anchor odd{"\xB8", "", ""};
  EXPECT_FALSE(Reanchor("中", odd).has_value());  // E4 B8 AD
  const Anchor tail{"\xB8\xAD", "", ""};
  EXPECT_FALSE(Reanchor("中", tail).has_value());
}

}  // namespace
}  // namespace factdesk::domain
