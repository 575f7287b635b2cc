// The CLI's pure helpers: marking claims in text, output and the
// credentials file.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "client/cli/output.h"
#include "client/cli/segment_text.h"
#include "client/net/credentials_file.h"
#include "tests/support/test_postgres.h"

namespace factdesk::cli {
namespace {

TEST(MarkClaims, WrapsEachRangeWithItsIdAndTag) {
  EXPECT_EQ(MarkClaims("abc def ghi", {{7, {4, 7}, "OPEN"}}), "abc [[#7 def]](OPEN) ghi");
  EXPECT_EQ(MarkClaims("abc def", {{1, {0, 3}, "OPEN"}, {2, {4, 7}, "RESOLVED: True"}}),
            "[[#1 abc]](OPEN) [[#2 def]](RESOLVED: True)");
  // Nested: the inner claim closes first.
  EXPECT_EQ(MarkClaims("abcdef", {{1, {0, 6}, "A"}, {2, {2, 6}, "B"}}),
            "[[#1 ab[[#2 cdef]](B)]](A)");
  // Out of range is clamped rather than crashing on a revised transcript.
  EXPECT_EQ(MarkClaims("abc", {{3, {1, 99}, "X"}}), "a[[#3 bc]](X)");
}

TEST(QuoteRange, FindsTheQuoteOrSaysWhatIsWrongWithTheFlags) {
  const std::string text = "We cut taxes. Then we cut taxes again.";
  EXPECT_EQ(*QuoteRange(text, "Then we", 0, "segment 2"), (ByteRange{14, 21}));
  EXPECT_EQ(*QuoteRange(text, "cut taxes", 2, "segment 2"), (ByteRange{22, 31}));

  const auto twice = QuoteRange(text, "cut taxes", 0, "segment 2");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(twice.status().message(),
            "--quote: occurs 2 times in segment 2; say which with --occurrence K (1-2), or quote "
            "more of the text");
  const auto third = QuoteRange(text, "cut taxes", 3, "segment 2");
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().message(), "--occurrence: the quote occurs only 2 times in segment 2");
  const auto missing = QuoteRange(text, "raised taxes", 0, "the segment's text");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(
      missing.status().message(),
      "--quote: not found in the segment's text (\"We cut taxes. Then we cut taxes again.\")");
}

TEST(Output, SnippetsShorteningAndTimes) {
  EXPECT_EQ(RenderSnippet("a \xEE\x80\x80match\xEE\x80\x81 b", false), "a **match** b");
  EXPECT_EQ(RenderSnippet("\xEE\x80\x80m\xEE\x80\x81", true), "\x1b[1mm\x1b[0m");
  // A phrase's words, marked one by one, read as one match.
  EXPECT_EQ(RenderSnippet("\xEE\x80\x80"
                          "a\xEE\x80\x81 \xEE\x80\x80"
                          "b\xEE\x80\x81 c",
                          false),
            "**a b** c");
  EXPECT_EQ(Shorten("abcdef", 4), "abc…");
  EXPECT_EQ(Shorten("h\u00e9llo", 10), "h\u00e9llo");
  EXPECT_EQ(Shorten("\u00e9\u00e9\u00e9\u00e9", 3), "\u00e9\u00e9…");
  EXPECT_EQ(ClockTime(3723000), "01:02:03");
  EXPECT_EQ(ClockTime(std::nullopt), "");
  EXPECT_EQ(Age(59), "59s");
  EXPECT_EQ(Age(3 * 3600 + 5 * 60), "3h 05m");
  EXPECT_EQ(Bar(5, 10, 10), "#####");
}

TEST(CredentialsFile, RoundTripsWithOwnerOnlyModes) {
  testing::TempDir dir;
  const std::string path = dir.path() + "/nested/factdesk/credentials";
  const client::Credentials saved{"https://desk.example:443", "fd_secret", "/etc/ca.pem"};
  ASSERT_TRUE(client::SaveCredentials(path, saved).ok());
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600U);
  ASSERT_EQ(stat((dir.path() + "/nested/factdesk").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700U);
  auto loaded = client::LoadCredentials(path);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(*loaded, saved);
  // Saving again replaces it, still 0600.
  ASSERT_TRUE(client::SaveCredentials(path, {"h:1", "t", ""}).ok());
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600U);
  EXPECT_EQ(client::LoadCredentials(path)->server, "h:1");
  // A missing file is no login yet; a broken one is an error naming it.
  EXPECT_EQ(*client::LoadCredentials(dir.path() + "/none"), client::Credentials{});
  std::FILE* f = std::fopen((dir.path() + "/bad").c_str(), "w");
  std::fputs("{not json", f);
  std::fclose(f);
  const auto bad = client::LoadCredentials(dir.path() + "/bad");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(dir.path() + "/bad"), std::string::npos);
}

}  // namespace
}  // namespace factdesk::cli
