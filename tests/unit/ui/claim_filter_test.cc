#include "client/ui/claim_filter.h"

#include <gtest/gtest.h>

#include "tests/unit/ui/ui_fixtures.h"

namespace factdesk::ui {
namespace {

using testing::MakeClaim;

TEST(ClaimFilter, EmptySpecMatchesEverythingAndMakesNoFunction) {
  ClaimFilterSpec spec;
  EXPECT_TRUE(spec.empty());
  EXPECT_TRUE(MatchesFilter(spec, MakeClaim(1, 0, 0)));
  EXPECT_FALSE(static_cast<bool>(MakeClaimFilter(spec)));
}

TEST(ClaimFilter, StatusesAssigneeSpeakerAndText) {
  v1::Claim open = MakeClaim(1, 0, 0, v1::CLAIM_STATUS_OPEN);
  v1::Claim disputed = MakeClaim(2, 1, 0, v1::CLAIM_STATUS_DISPUTED);
  disputed.add_assignees()->set_id(42);
  disputed.set_summary("Unemployment FELL by half");

  ClaimFilterSpec by_status;
  by_status.statuses = {v1::CLAIM_STATUS_DISPUTED, v1::CLAIM_STATUS_IN_REVIEW};
  EXPECT_FALSE(MatchesFilter(by_status, open));
  EXPECT_TRUE(MatchesFilter(by_status, disputed));

  ClaimFilterSpec mine;
  mine.assigned_to_me = true;
  mine.self_user_id = 42;
  EXPECT_FALSE(MatchesFilter(mine, open));
  EXPECT_TRUE(MatchesFilter(mine, disputed));

  ClaimFilterSpec speaker;
  speaker.speaker = "CLINTON";
  EXPECT_FALSE(MatchesFilter(speaker, open));     // TRUMP
  EXPECT_TRUE(MatchesFilter(speaker, disputed));  // CLINTON
  open.set_claimant("CLINTON");                   // the claimant counts too
  EXPECT_TRUE(MatchesFilter(speaker, open));

  ClaimFilterSpec text;
  text.text = "fell by";
  EXPECT_TRUE(MatchesFilter(text, disputed));
  EXPECT_FALSE(MatchesFilter(text, open));
  EXPECT_TRUE(MakeClaimFilter(text)(disputed));
}

TEST(ClaimFilter, ATagMatchesOnlyClaimsWithIt) {
  v1::Claim economy = MakeClaim(1, 0, 0);
  economy.add_tags("budget");
  economy.add_tags("economy");
  const v1::Claim untagged = MakeClaim(2, 1, 0);
  ClaimFilterSpec spec;
  spec.tag = "economy";
  EXPECT_FALSE(spec.empty());
  EXPECT_TRUE(MatchesFilter(spec, economy));
  EXPECT_FALSE(MatchesFilter(spec, untagged));
  spec.tag = "econ";  // a whole tag, not a prefix
  EXPECT_FALSE(MatchesFilter(spec, economy));
  EXPECT_EQ(DescribeFilter(spec), "#econ");
}

TEST(ClaimFilter, DescriptionNamesEveryActivePartInReadingOrder) {
  ClaimFilterSpec spec;
  EXPECT_EQ(DescribeFilter(spec), "");
  spec.statuses = {v1::CLAIM_STATUS_DISPUTED, v1::CLAIM_STATUS_IN_REVIEW};
  EXPECT_EQ(DescribeFilter(spec), "In review, Disputed");
  spec.assigned_to_me = true;
  spec.speaker = "CLINTON";
  spec.text = "jobs";
  EXPECT_EQ(DescribeFilter(spec),
            "In review, Disputed \xC2\xB7 mine \xC2\xB7 CLINTON \xC2\xB7 \"jobs\"");
  spec.tag = "economy";
  EXPECT_EQ(DescribeFilter(spec),
            "In review, Disputed \xC2\xB7 mine \xC2\xB7 CLINTON \xC2\xB7 "
            "\"jobs\" \xC2\xB7 #economy");
  ClaimFilterSpec text_only;
  text_only.text = "tax";
  EXPECT_EQ(DescribeFilter(text_only), "\"tax\"");
}

TEST(ClaimFilter, FindCaseless) {
  EXPECT_EQ(FindCaseless("Hello World", "world"), 6U);
  EXPECT_EQ(FindCaseless("Hello World", "o", 5), 7U);
  EXPECT_EQ(FindCaseless("Hello", "xyz"), std::string_view::npos);
}

}  // namespace
}  // namespace factdesk::ui
