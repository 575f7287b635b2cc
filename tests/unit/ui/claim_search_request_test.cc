#include "client/ui/claim_search_request.h"

#include <gtest/gtest.h>

namespace factdesk::ui {
namespace {

TEST(ClaimSearchRequest, WordsOnlyAskForTheFirstPageOfTheWholeWorkspace) {
  ClaimSearchSpec spec;
  spec.query = "  \"tax cuts\" -wealthy  ";
  const v1::SearchClaimsRequest req = MakeClaimSearchRequest(spec, 7, 3);
  EXPECT_EQ(req.workspace_id(), 7);
  EXPECT_EQ(req.query(), "\"tax cuts\" -wealthy");
  EXPECT_EQ(req.statuses_size(), 0);
  EXPECT_EQ(req.transcript_id(), 0) << "the open transcript is not a filter unless asked";
  EXPECT_TRUE(req.verdict().empty());
  EXPECT_TRUE(req.speaker().empty());
  EXPECT_TRUE(req.tag().empty());
  EXPECT_EQ(req.page_size(), kClaimSearchPage);
  EXPECT_TRUE(req.page_token().empty());
  EXPECT_FALSE(spec.has_filters());
}

TEST(ClaimSearchRequest, FiltersBecomeTheRequestsFields) {
  ClaimSearchSpec spec;
  spec.query = "jobs";
  spec.statuses = {v1::CLAIM_STATUS_RESOLVED, v1::CLAIM_STATUS_OPEN};
  spec.verdict = "Mostly false";
  spec.speaker = " Clinton ";
  spec.this_transcript = true;
  spec.tag = " #economy";
  EXPECT_TRUE(spec.has_filters());
  const v1::SearchClaimsRequest req = MakeClaimSearchRequest(spec, 7, 3, "tok");
  ASSERT_EQ(req.statuses_size(), 2);
  EXPECT_EQ(req.statuses(0), v1::CLAIM_STATUS_OPEN);
  EXPECT_EQ(req.statuses(1), v1::CLAIM_STATUS_RESOLVED);
  EXPECT_EQ(req.verdict(), "Mostly false");
  EXPECT_EQ(req.speaker(), "Clinton");
  EXPECT_EQ(req.transcript_id(), 3);
  EXPECT_EQ(req.tag(), "economy") << "the tag as the dashboard shows it (#economy) is the tag";
  EXPECT_EQ(req.page_token(), "tok");
}

TEST(ClaimSearchRequest, ThisTranscriptWithNoneOpenFiltersNothing) {
  ClaimSearchSpec spec;
  spec.query = "jobs";
  spec.this_transcript = true;
  EXPECT_EQ(MakeClaimSearchRequest(spec, 7, 0).transcript_id(), 0);
}

TEST(ClaimSearchRequest, BlankQueriesHaveNoWords) {
  EXPECT_FALSE(HasSearchWords(""));
  EXPECT_FALSE(HasSearchWords(" \t "));
  EXPECT_TRUE(HasSearchWords(" x "));
}

TEST(ClaimSearchRequest, EveryMatchedFieldHasWords) {
  EXPECT_EQ(MatchedFieldLabel(v1::CLAIM_FIELD_QUOTE), "in the quote");
  EXPECT_EQ(MatchedFieldLabel(v1::CLAIM_FIELD_SUMMARY), "in the summary");
  EXPECT_EQ(MatchedFieldLabel(v1::CLAIM_FIELD_RATIONALE), "in a review's rationale");
  EXPECT_EQ(MatchedFieldLabel(v1::CLAIM_FIELD_NOTE), "in a note");
  EXPECT_EQ(MatchedFieldLabel(v1::CLAIM_FIELD_SOURCE_TITLE), "in a source's title");
}

}  // namespace
}  // namespace factdesk::ui
