#include "checkworthy/clef_tsv.h"

#include <gtest/gtest.h>

namespace factdesk::checkworthy {
namespace {

std::string ClefRefusal(std::string_view bytes) {
  const auto lines = ParseClefTsv(bytes, "debate.tsv");
  EXPECT_FALSE(lines.ok()) << bytes;
  if (lines.ok()) return "";
  EXPECT_EQ(lines.status().code(), Code::kInvalidArgument);
  return lines.status().message();
}

TEST(ClefTsvTest, ReadsLabelledLines) {
  const auto lines = ParseClefTsv(
      "\xEF\xBB\xBF"
      "1\tHOLT\tGood evening.\t0\r\n2\tSYSTEM\t(APPLAUSE)\t0\n\n3\tTRUMP\tWe lost 70,000 "
      "factories.\t1\n",
      "debate.tsv");
  ASSERT_TRUE(lines.ok()) << lines.status().ToString();
  ASSERT_EQ(lines->size(), 3U);
  EXPECT_EQ((*lines)[0].number, 1);
  EXPECT_EQ((*lines)[0].speaker, "HOLT");
  EXPECT_EQ((*lines)[0].text, "Good evening.");
  EXPECT_EQ((*lines)[0].worthy, false);
  EXPECT_EQ((*lines)[1].speaker, kClefSystemSpeaker);
  EXPECT_EQ((*lines)[2].number, 3);
  EXPECT_EQ((*lines)[2].worthy, true);
}

TEST(ClefTsvTest, LabelsAndAHeaderAreOptional) {
  const auto lines = ParseClefTsv("line\tspeaker\ttext\n7\tA\tHello.\n9\tB\t\n", "d.tsv");
  ASSERT_TRUE(lines.ok()) << lines.status().ToString();
  ASSERT_EQ(lines->size(), 2U);
  EXPECT_EQ((*lines)[0].number, 7);
  EXPECT_FALSE((*lines)[0].worthy.has_value());
  EXPECT_EQ((*lines)[1].text, "");
}

TEST(ClefTsvTest, RefusesMalformedLinesNamingThem) {
  EXPECT_EQ(ClefRefusal("1\tA\tHi.\n2\tA Hi.\n"),
            "debate.tsv: line 2: expected line<TAB>speaker<TAB>text[<TAB>label], found 2 fields");
  EXPECT_EQ(ClefRefusal("1\tA\tHi.\t0\textra\n"),
            "debate.tsv: line 1: expected line<TAB>speaker<TAB>text[<TAB>label], found 5 fields");
  EXPECT_EQ(ClefRefusal("one\tA\tHi.\n"),
            "debate.tsv: line 1: the line number 'one' is not a positive whole number");
  EXPECT_EQ(ClefRefusal("0\tA\tHi.\n"),
            "debate.tsv: line 1: the line number '0' is not a positive whole number");
  EXPECT_EQ(ClefRefusal("1\tA\tHi.\n\n1\tB\tHo.\n"),
            "debate.tsv: line 3: the line number 1 does not follow 1");
  EXPECT_EQ(ClefRefusal("1\tA\tHi.\tyes\n"), "debate.tsv: line 1: the label 'yes' is not 0 or 1");
  EXPECT_EQ(ClefRefusal("1\tA\tHi.\t1\n2\tA\tHo.\n"),
            "debate.tsv: line 2: no label, but the lines before it have one");
  EXPECT_EQ(ClefRefusal("1\tA\tHi.\n2\tA\tHo.\t0\n"),
            "debate.tsv: line 2: a label, but the lines before it have none");
  EXPECT_EQ(ClefRefusal("1\tA\tHi.\n2\tA\tH\xffo.\n"),
            "debate.tsv: line 2: invalid UTF-8 at byte 5 of the line");
  EXPECT_EQ(ClefRefusal("\n  \n"), "debate.tsv: no lines to score");
}

}  // namespace
}  // namespace factdesk::checkworthy
