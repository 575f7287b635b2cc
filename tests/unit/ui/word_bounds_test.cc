#include "client/ui/word_bounds.h"

#include <string>

#include <gtest/gtest.h>

namespace factdesk::ui {
namespace {

// The quick drag: "rity risk. It’s a big security ris".
const std::string kText =
    "There is a security risk. It\u2019s a big security risk.\u00A0China\u2019s "
    "\u201Cwell-known\u201D "
    "firms, the U.S. says.";

std::string Cut(ByteRange r) {
  return kText.substr(r.begin, r.end - r.begin);
}

TEST(WordBounds, ADoubleClickTakesTheWholeWordWithItsApostropheButNotItsQuotes) {
  EXPECT_EQ(Cut(WordAt(kText, kText.find("curity"))), "security");
  EXPECT_EQ(Cut(WordAt(kText, kText.find("It"))), "It\u2019s");
  EXPECT_EQ(Cut(WordAt(kText, kText.find("s a big"))), "It\u2019s");
  EXPECT_EQ(Cut(WordAt(kText, kText.find("known"))), "well-known");
  EXPECT_EQ(Cut(WordAt(kText, kText.find("S. says"))), "U.S");
  // A no-break space ends a word; a space or a quote is taken alone.
  EXPECT_EQ(Cut(WordAt(kText, kText.find("hina"))), "China\u2019s");
  EXPECT_EQ(Cut(WordAt(kText, kText.find(" a big"))), " ");
  EXPECT_EQ(Cut(WordAt(kText, kText.find("\u201C"))), "\u201C");
  EXPECT_EQ(WordAt(kText, kText.size()), (ByteRange{kText.size(), kText.size()}));
}

TEST(WordBounds, ATripleClickTakesTheSentence) {
  EXPECT_EQ(Cut(SentenceAt(kText, kText.find("big"))), "It\u2019s a big security risk.");
  EXPECT_EQ(Cut(SentenceAt(kText, 0)), "There is a security risk.");
}

TEST(WordBounds, DragEndsSnapToWordEdgesAndCutWordsAreFound) {
  const std::size_t begin = kText.find("rity risk.");
  const std::size_t end = kText.find("k.\u00A0China");  // inside the second "risk"
  EXPECT_TRUE(CutsAWord(kText, begin, end));
  EXPECT_EQ(WordStartAt(kText, begin), kText.find("security"));
  EXPECT_EQ(WordEndAt(kText, end), kText.find(".\u00A0China"));
  const std::size_t whole = kText.find("It\u2019s");
  EXPECT_FALSE(CutsAWord(kText, whole, kText.find(" a big")));
  // At an edge nothing moves.
  EXPECT_EQ(WordStartAt(kText, whole), whole);
  EXPECT_EQ(WordEndAt(kText, kText.find(" a big")), kText.find(" a big"));
}

TEST(WordBounds, ChineseRunsEndAtCjkPunctuation) {
  const std::string zh = "\u674E\u96EF\u8BF4\uFF0C\u6CA1\u6709";  // 李雯说，没有
  EXPECT_EQ(WordAt(zh, 3).end, zh.find("\uFF0C"));
  EXPECT_EQ(WordAt(zh, zh.find("\u6CA1")).begin, zh.find("\u6CA1"));
}

}  // namespace
}  // namespace factdesk::ui
