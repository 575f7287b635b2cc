#include "common/text_prefix.h"

#include <string>

#include <gtest/gtest.h>

namespace factdesk {
namespace {

TEST(ShortPrefix, KeepsShortTextAndCutsLongTextNamingItsLength) {
  EXPECT_EQ(ShortPrefix("desk"), "desk");
  EXPECT_EQ(ShortPrefix(std::string(4'000'000, 'a'), 8), "aaaaaaaa\u2026 (4000000 bytes)");
  // Cut on a code point boundary: "é" is two bytes.
  EXPECT_EQ(ShortPrefix("\u00e9\u00e9\u00e9", 3), "\u00e9\u2026 (6 bytes)");
}

// Nothing a caller sent can start a log line of its own (issue 17.9).
TEST(LogSafe, EscapesLineBreaksAndControls) {
  EXPECT_EQ(LogSafe("True\n[info] forged", 100), "True\\n[info] forged");
  EXPECT_EQ(LogSafe("a\rb\tc\x1b[2J\x7f", 100), "a\\rb\\tc\\x1b[2J\\x7f");
  EXPECT_EQ(LogSafe("csi \xC2\x9B"
                    "2J caf\u00e9",
                    100),
            "csi \\u009b2J caf\u00e9");
  EXPECT_EQ(LogSafe(std::string(5000, 'x'), 10), "xxxxxxxxxx\u2026 (5000 bytes)");
  EXPECT_EQ(LogSafe(std::string(8, '\n'), 10), "\\n\\n\\n\\n\\n\u2026 (8 bytes)");
}

}  // namespace
}  // namespace factdesk
