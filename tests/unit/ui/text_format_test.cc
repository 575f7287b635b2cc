#include "client/ui/text_format.h"

#include <gtest/gtest.h>

namespace factdesk::ui {
namespace {

TEST(TextFormat, Timestamps) {
  EXPECT_EQ(FormatTimestamp(0), "0:00");
  EXPECT_EQ(FormatTimestamp(65'000), "1:05");
  EXPECT_EQ(FormatTimestamp(3'723'000), "1:02:03");
  EXPECT_EQ(FormatTimestamp(-5), "0:00");
}

TEST(TextFormat, AgoAndDurations) {
  EXPECT_EQ(FormatAgo(2), "just now");
  EXPECT_EQ(FormatAgo(42), "42 s ago");
  EXPECT_EQ(FormatAgo(300), "5 min ago");
  EXPECT_EQ(FormatAgo(7200), "2 h ago");
  EXPECT_EQ(FormatDuration(90000), "1 d");
  // Never "0 s": a dispute opened a moment ago, a claim resolved within the minute.
  EXPECT_EQ(FormatDuration(0), "under a minute");
  EXPECT_EQ(FormatDuration(59), "under a minute");
  EXPECT_EQ(FormatDuration(60), "1 min");
}

TEST(TextFormat, Initials) {
  EXPECT_EQ(Initials("Ana Moreno"), "AM");
  EXPECT_EQ(Initials("ben"), "B");
  EXPECT_EQ(Initials("mary-jane watson smith"), "MJ");
  EXPECT_EQ(Initials("\xE9\x99\x88 \xE6\x98\x8E"), "\xE9\x99\x88\xE6\x98\x8E");  // 陈 明
  EXPECT_EQ(Initials(""), "");
}

TEST(TextFormat, SnippetMarkersAndTerms) {
  const std::string snippet =
      "the \xEE\x80\x80"
      "economy\xEE\x80\x81 grew, \xEE\x80\x80"
      "Economy\xEE\x80\x81!";
  const auto parts = ParseSnippet(snippet);
  ASSERT_EQ(parts.size(), 5U);
  EXPECT_EQ(parts[0], (SnippetPart{"the ", false}));
  EXPECT_EQ(parts[1], (SnippetPart{"economy", true}));
  EXPECT_EQ(parts[3], (SnippetPart{"Economy", true}));
  EXPECT_EQ(MatchedTerms(snippet), std::vector<std::string>{"economy"});
  const auto hits = FindTerms("The Economy and the economy.", {"economy"});
  ASSERT_EQ(hits.size(), 2U);
  EXPECT_EQ(hits[0], (std::pair<std::size_t, std::size_t>{4, 11}));
  EXPECT_EQ(hits[1], (std::pair<std::size_t, std::size_t>{20, 27}));
}

}  // namespace
}  // namespace factdesk::ui
