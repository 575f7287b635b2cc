#include "domain/token_lifetime.h"

#include <gtest/gtest.h>

namespace factdesk::domain {
namespace {

using namespace std::chrono_literals;

TEST(TokenLifetime, HoursDaysAndWeeks) {
  EXPECT_EQ(*ParseTokenLifetime("12h"), 12h);
  EXPECT_EQ(*ParseTokenLifetime("30d"), std::chrono::days(30));
  EXPECT_EQ(*ParseTokenLifetime("6w"), std::chrono::weeks(6));
  EXPECT_EQ(*ParseTokenLifetime("366d"), std::chrono::days(366));
  EXPECT_EQ(*ParseTokenLifetime("1h"), 1h);
  EXPECT_EQ(kDefaultTokenLifetime, std::chrono::days(90));
}

TEST(TokenLifetime, RefusesWhatIsNotADurationWithinTheLimits) {
  const auto refused = [](std::string_view text, std::string_view why) {
    const auto r = ParseTokenLifetime(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
    EXPECT_NE(r.status().message().find("--expires-in: "), std::string::npos);
    EXPECT_NE(r.status().message().find(why), std::string::npos) << r.status().message();
  };
  refused("", "is not a duration");
  refused("30", "needs a unit");  // a bare number: days? hours?
  refused("d", "is not a duration");
  refused("0d", "is not a duration");
  refused("-3d", "is not a duration");
  refused("3 d", "is not a duration");
  refused("30m", "needs a unit");
  refused("367d", "longer than the limit of 366 days");
  refused("53w", "longer than the limit");
  refused("99999999999999999999h", "is not a duration");
}

}  // namespace
}  // namespace factdesk::domain
