#include "proto/claim_link_text.h"

#include <gtest/gtest.h>

namespace factdesk::v1 {
namespace {

TEST(LinkText, AnArchivedCheckShowsItsClaimVerdictPublisherAndPage) {
  ClaimLink link;
  link.set_check_id(12);
  link.set_claim_reviewed("Crime rose 40%");
  link.set_rating_name("False");
  link.set_author_name("River Check");
  link.set_url("https://checks.example/crime");
  EXPECT_EQ(
      LinkText(link),
      "check 12: \u201cCrime rose 40%\u201d (False, River Check) https://checks.example/crime");
}

TEST(LinkText, TheDesksOwnClaimIsNamedAsTheClaimWithoutItsPublisher) {
  ClaimLink link;
  link.set_check_id(30);
  link.set_claim_id(7);
  link.set_claim_reviewed("Crime rose 40%");
  link.set_rating_name("Mostly false");
  link.set_author_name("The Desk");
  EXPECT_EQ(LinkText(link), "claim 7: \u201cCrime rose 40%\u201d (Mostly false)");
  link.clear_rating_name();
  link.clear_claim_reviewed();
  EXPECT_EQ(LinkText(link), "claim 7");
}

}  // namespace
}  // namespace factdesk::v1
