// The blind rule along a stream: history judged as the reader stands now (their role,
// their membership, each claim's round), live events moving that standing.
#include "domain/blind_reader.h"

#include <gtest/gtest.h>

namespace factdesk::domain {
namespace {

using Verdict = BlindReader::Verdict;

constexpr std::int64_t kReader = 7;
constexpr std::int64_t kOther = 8;
constexpr std::int64_t kClaim = 100;

BlindReader::Standing At10(Role role, std::vector<std::int64_t> blind = {},
                           std::vector<std::int64_t> reviewed = {}) {
  return {.as_of_seq = 10,
          .role = role,
          .blind_claims = std::move(blind),
          .reviewed_this_round = std::move(reviewed)};
}

BlindReader::Event Review(std::int64_t seq, std::int64_t reviewer, ClaimState state) {
  BlindReader::Event e;
  e.seq = seq;
  e.claim_id = kClaim;
  e.claim_state = state;
  e.reviewer_id = reviewer;
  return e;
}

BlindReader::Event Reopen(std::int64_t seq) {
  BlindReader::Event e;
  e.seq = seq;
  e.claim_id = kClaim;
  e.claim_state = ClaimState::kInReview;
  e.starts_round = true;
  return e;
}

TEST(MaySeeOthersReviews, EditorsAlwaysOthersOnceTheyReviewedThisRoundOrItIsSettled) {
  EXPECT_TRUE(MaySeeOthersReviews(Role::kEditor, ClaimState::kInReview, false));
  EXPECT_TRUE(MaySeeOthersReviews(Role::kChecker, ClaimState::kInReview, true));
  EXPECT_FALSE(MaySeeOthersReviews(Role::kChecker, ClaimState::kDisputed, false));
  EXPECT_FALSE(MaySeeOthersReviews(Role::kViewer, ClaimState::kInReview, false));
  for (auto settled : {ClaimState::kResolved, ClaimState::kPublished, ClaimState::kDismissed}) {
    EXPECT_TRUE(MaySeeOthersReviews(Role::kViewer, settled, false));
  }
}

// The leak of issue 17.3: a claim resolved in round 1, reopened: replaying from seq 0,
// the resolving review (its copy of the claim says RESOLVED) stays hidden, as the claim
// is undecided now.
TEST(BlindReader, HistoryOfAReopenedClaimIsBlindToWhoHasNotReviewedInTheNewRound) {
  BlindReader checker(kReader, At10(Role::kChecker, {kClaim}));
  EXPECT_EQ(checker.Judge(Review(3, kOther, ClaimState::kInReview)), Verdict::kBlind);
  EXPECT_EQ(checker.Judge(Review(4, kOther, ClaimState::kResolved)), Verdict::kBlind);
  EXPECT_EQ(checker.Judge(Reopen(5)), Verdict::kBlind);
  BlindReader::Event unrelated;
  unrelated.seq = 6;
  unrelated.claim_id = kClaim + 1;
  unrelated.claim_state = ClaimState::kInReview;
  EXPECT_EQ(checker.Judge(unrelated), Verdict::kShow);
}

TEST(BlindReader, HistoryOfAClaimSettledNowOrReviewedThisRoundIsShown) {
  BlindReader reader(kReader, At10(Role::kViewer));
  EXPECT_EQ(reader.Judge(Review(3, kOther, ClaimState::kInReview)), Verdict::kShow);
}

TEST(BlindReader, ARemovalAndRoleChangeInTheHistoryDoNotCountAMemberAddedAgain) {
  BlindReader reader(kReader, At10(Role::kChecker));
  BlindReader::Event removed;
  removed.seq = 4;
  removed.reader_removed = true;
  EXPECT_EQ(reader.Judge(removed), Verdict::kShow);
  BlindReader::Event promoted;
  promoted.seq = 5;
  promoted.reader_role = Role::kAdmin;
  EXPECT_EQ(reader.Judge(promoted), Verdict::kShow);
  EXPECT_EQ(reader.role(), Role::kChecker);
  removed.seq = 11;  // live: this one counts
  EXPECT_EQ(reader.Judge(removed), Verdict::kEnd);
}

TEST(BlindReader, LiveOwnReviewOpensTheRoundAndAReopeningClosesItAgain) {
  BlindReader reader(kReader, At10(Role::kChecker));
  EXPECT_EQ(reader.Judge(Review(11, kOther, ClaimState::kInReview)), Verdict::kBlind);
  EXPECT_EQ(reader.Judge(Review(12, kReader, ClaimState::kDisputed)), Verdict::kShow);
  EXPECT_EQ(reader.Judge(Review(13, kOther, ClaimState::kDisputed)), Verdict::kShow);
  EXPECT_EQ(reader.Judge(Review(14, kOther, ClaimState::kResolved)), Verdict::kShow);
  EXPECT_EQ(reader.Judge(Reopen(15)), Verdict::kBlind);
  EXPECT_EQ(reader.Judge(Review(16, kOther, ClaimState::kInReview)), Verdict::kBlind);
  EXPECT_EQ(reader.Judge(Review(17, kReader, ClaimState::kInReview)), Verdict::kShow);
}

TEST(BlindReader, LiveRoleChangesCount) {
  BlindReader reader(kReader, At10(Role::kChecker));
  BlindReader::Event promoted;
  promoted.seq = 11;
  promoted.reader_role = Role::kEditor;
  EXPECT_EQ(reader.Judge(promoted), Verdict::kShow);
  EXPECT_EQ(reader.Judge(Review(12, kOther, ClaimState::kInReview)), Verdict::kShow);
}

TEST(BlindReader, ReviewedThisRoundAtTheStartCountsLive) {
  BlindReader reader(kReader, At10(Role::kChecker, {}, {kClaim}));
  EXPECT_EQ(reader.Judge(Review(11, kOther, ClaimState::kDisputed)), Verdict::kShow);
}

}  // namespace
}  // namespace factdesk::domain
