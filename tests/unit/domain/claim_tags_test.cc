#include "domain/claim_tags.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/limits.h"

namespace factdesk::domain {
namespace {

TEST(CheckTag, AcceptsLowercaseSlugs) {
  for (const char* tag : {"economy", "a", "covid-19", "climate-2024", "x1-y2-z3"}) {
    EXPECT_TRUE(CheckTag(tag).ok()) << tag;
  }
  EXPECT_TRUE(CheckTag(std::string(kMaxTagChars, 'a')).ok());
}

TEST(CheckTag, RefusesAnEmptyTag) {
  const Status s = CheckTag("");
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.message(), "tag: must not be empty");
}

TEST(CheckTag, RefusesOneCharacterPastTheLimit) {
  const Status s = CheckTag(std::string(kMaxTagChars + 1, 'a'));
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_EQ(s.message(), "tag: must be at most 32 characters (got 33 bytes)");
}

TEST(CheckTag, AHugeTagIsRefusedWithoutEchoingIt) {
  const Status s = CheckTag(std::string(1'000'000, 'x'));
  EXPECT_EQ(s.code(), Code::kInvalidArgument);
  EXPECT_LT(s.message().size(), 100U);
}

TEST(CheckTag, RefusesUppercaseNamingTheCharacter) {
  EXPECT_EQ(CheckTag("Economy").message(), "tag: must be lowercase ('E' at byte 0)");
}

TEST(CheckTag, RefusesSpacesPunctuationAndNonAscii) {
  EXPECT_EQ(CheckTag("health care").message(),
            "tag: may hold only a-z, 0-9 and hyphens (byte 0x20 at byte 6)");
  EXPECT_EQ(CheckTag("tax_cuts").message(),
            "tag: may hold only a-z, 0-9 and hyphens ('_' at byte 3)");
  EXPECT_EQ(CheckTag("caf\xc3\xa9").message(),
            "tag: may hold only a-z, 0-9 and hyphens (byte 0xC3 at byte 3)");
  EXPECT_EQ(CheckTag("a\x1b[31m").code(), Code::kInvalidArgument);
}

TEST(CheckTag, HyphensOnlyJoinRuns) {
  for (const char* tag : {"-economy", "economy-", "tax--cuts", "-"}) {
    const Status s = CheckTag(tag);
    EXPECT_EQ(s.code(), Code::kInvalidArgument) << tag;
    EXPECT_EQ(s.message(),
              "tag: hyphens go only between letters or digits, one at a time (like "
              "climate-policy)")
        << tag;
  }
}

TEST(CheckTagToAdd, AllowsANewTagUpToTheLimit) {
  std::vector<std::string> tags;
  for (std::size_t i = 0; i + 1 < kMaxTagsPerClaim; ++i) tags.push_back("t" + std::to_string(i));
  EXPECT_TRUE(CheckTagToAdd(41, tags, "economy").ok());
}

TEST(CheckTagToAdd, RefusesATagTheClaimHas) {
  const Status s = CheckTagToAdd(41, {"economy", "tax"}, "tax");
  EXPECT_EQ(s.code(), Code::kAlreadyExists);
  EXPECT_EQ(s.message(), "tag: claim 41 is already tagged tax");
}

TEST(CheckTagToAdd, RefusesPastTheMostTagsPerClaim) {
  std::vector<std::string> tags;
  for (std::size_t i = 0; i < kMaxTagsPerClaim; ++i) tags.push_back("t" + std::to_string(i));
  const Status s = CheckTagToAdd(41, tags, "economy");
  EXPECT_EQ(s.code(), Code::kFailedPrecondition);
  EXPECT_EQ(s.message(), "claim 41 has 10 tags, the most a claim can have; untag one first");
}

TEST(CheckTagToRemove, NeedsTheTagOnTheClaim) {
  EXPECT_TRUE(CheckTagToRemove(41, {"economy"}, "economy").ok());
  const Status s = CheckTagToRemove(41, {"economy"}, "tax");
  EXPECT_EQ(s.code(), Code::kNotFound);
  EXPECT_EQ(s.message(), "tag: claim 41 is not tagged tax");
}

}  // namespace
}  // namespace factdesk::domain
