#include "client/ui/claim_navigation.h"

#include <gtest/gtest.h>

#include "client/ui/claim_filter.h"
#include "tests/unit/ui/ui_fixtures.h"

namespace factdesk::ui {
namespace {

using testing::MakeClaim;

class ClaimNavigation : public ::testing::Test {
 protected:
  void SetUp() override {
    // Reading order: 3 (ord 1), 1 (ord 2 @0), 2 (ord 2 @10), 4 (ord 5, disputed);
    // claim 9 is in another transcript.
    model_.UpsertClaims({MakeClaim(1, 2, 0), MakeClaim(2, 2, 10), MakeClaim(3, 1, 4),
                         MakeClaim(4, 5, 0, v1::CLAIM_STATUS_DISPUTED),
                         MakeClaim(9, 0, 0, v1::CLAIM_STATUS_OPEN, 11)});
  }
  std::int64_t Step(std::int64_t current, std::int32_t ordinal, bool forward,
                    const model::WorkspaceModel::ClaimFilter& filter = {}) {
    const v1::Claim* c = StepClaim(model_, 10, current, ordinal, forward, filter);
    return c == nullptr ? 0 : c->id();
  }
  model::WorkspaceModel model_;
};

TEST_F(ClaimNavigation, JAndKWalkReadingOrder) {
  EXPECT_EQ(Step(3, 0, true), 1);
  EXPECT_EQ(Step(1, 0, true), 2);
  EXPECT_EQ(Step(2, 0, true), 4);
  EXPECT_EQ(Step(4, 0, true), 0);  // the end
  EXPECT_EQ(Step(4, 0, false), 2);
  EXPECT_EQ(Step(3, 0, false), 0);  // the start
}

TEST_F(ClaimNavigation, WithoutACurrentClaimStartsFromTheReadingPosition) {
  EXPECT_EQ(Step(0, 0, true), 3);
  EXPECT_EQ(Step(0, 2, true), 1);
  EXPECT_EQ(Step(0, 3, true), 4);
  EXPECT_EQ(Step(0, 3, false), 2);  // the last one before ordinal 3
  EXPECT_EQ(Step(0, 9, false), 4);  // nothing after: the last claim
  EXPECT_EQ(Step(0, 9, true), 0);
  // A claim of another transcript is not a current claim here.
  EXPECT_EQ(Step(9, 2, true), 1);
}

TEST_F(ClaimNavigation, FiltersSkipClaims) {
  ClaimFilterSpec disputed;
  disputed.statuses = {v1::CLAIM_STATUS_DISPUTED};
  EXPECT_EQ(Step(0, 0, true, MakeClaimFilter(disputed)), 4);
  EXPECT_EQ(Step(4, 0, false, MakeClaimFilter(disputed)), 0);
}

}  // namespace
}  // namespace factdesk::ui
