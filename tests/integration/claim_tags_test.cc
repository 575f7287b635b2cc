// Claim tags through a real server: who may tag, the tag rule, the event live clients
// receive, the claim's version left alone, and the dashboard's counts by tag.
#include <chrono>

#include <gtest/gtest.h>

#include "proto/factdesk/v1/metadata.h"
#include "tests/integration/claim_search_fixture.h"
#include "tests/integration/live_helpers.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;
using TagTest = ClaimSearchTest;

std::vector<std::string> TagsOf(const v1::Claim& claim) {
  return {claim.tags().begin(), claim.tags().end()};
}

TEST_F(TagTest, ACheckerTagsAndUntagsWithoutChangingTheVersion) {
  const v1::Claim claim = Mark(0);
  v1::Claim tagged;
  ASSERT_TRUE(Tag(ben_, claim.id(), "economy", &tagged).ok());
  ASSERT_TRUE(Tag(cat_, claim.id(), "budget-2024", &tagged).ok());
  EXPECT_EQ(TagsOf(tagged), (std::vector<std::string>{"budget-2024", "economy"}));
  EXPECT_EQ(tagged.version(), claim.version());
  EXPECT_EQ(TagsOf(Get(claim.id(), &vic_)), TagsOf(tagged));

  v1::Claim untagged;
  ASSERT_TRUE(Untag(eve_, claim.id(), "economy", &untagged).ok());
  EXPECT_EQ(TagsOf(untagged), (std::vector<std::string>{"budget-2024"}));
}

TEST_F(TagTest, AnyStateCanBeTagged) {
  const v1::Claim published = PublishedClaim(1);
  const v1::Claim dismissed = DismissedClaim(2);
  EXPECT_TRUE(Tag(ben_, published.id(), "health").ok());
  EXPECT_TRUE(Tag(ben_, dismissed.id(), "health").ok());
}

TEST_F(TagTest, AViewerCannotTagAndNothingIsWritten) {
  const v1::Claim claim = Mark(0);
  ASSERT_TRUE(Tag(ben_, claim.id(), "economy").ok());
  const auto before = server_->Snapshot();
  EXPECT_REFUSED(Tag(vic_, claim.id(), "health"), grpc::StatusCode::PERMISSION_DENIED,
                 "a viewer may not tag a claim; it needs the checker role");
  EXPECT_REFUSED(Untag(vic_, claim.id(), "economy"), grpc::StatusCode::PERMISSION_DENIED,
                 "a viewer may not tag a claim; it needs the checker role");
  EXPECT_EQ(server_->Snapshot(), before);
}

TEST_F(TagTest, BadTagsAreRefusedNamingTheFieldAndNothingIsWritten) {
  const v1::Claim claim = Mark(0);
  const auto before = server_->Snapshot();
  EXPECT_REFUSED(Tag(ben_, claim.id(), "Economy"), grpc::StatusCode::INVALID_ARGUMENT,
                 "tag: must be lowercase ('E' at byte 0)");
  EXPECT_REFUSED(Tag(ben_, claim.id(), ""), grpc::StatusCode::INVALID_ARGUMENT,
                 "tag: must not be empty");
  EXPECT_REFUSED(Tag(ben_, claim.id(), "health care"), grpc::StatusCode::INVALID_ARGUMENT,
                 "tag: may hold only a-z, 0-9 and hyphens (byte 0x20 at byte 6)");
  EXPECT_REFUSED(Tag(ben_, claim.id(), std::string(33, 'a')), grpc::StatusCode::INVALID_ARGUMENT,
                 "tag: must be at most 32 characters (got 33 bytes)");
  EXPECT_REFUSED(Tag(ben_, claim.id(), "tax--cuts"), grpc::StatusCode::INVALID_ARGUMENT,
                 "tag: hyphens go only between letters or digits");
  EXPECT_REFUSED(Tag(ben_, 0, "economy"), grpc::StatusCode::INVALID_ARGUMENT,
                 "claim_id: must be a positive id");
  EXPECT_REFUSED(Tag(ben_, 999999, "economy"), grpc::StatusCode::NOT_FOUND,
                 "claim 999999 does not exist");
  EXPECT_EQ(server_->Snapshot(), before);
}

TEST_F(TagTest, TaggingTwiceUntaggingWhatIsNotThereAndTooManyTagsAreRefused) {
  const v1::Claim claim = Mark(0);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(Tag(ben_, claim.id(), "t" + std::to_string(i)).ok());
  const auto before = server_->Snapshot();
  EXPECT_REFUSED(Tag(ben_, claim.id(), "t3"), grpc::StatusCode::ALREADY_EXISTS,
                 "tag: claim " + std::to_string(claim.id()) + " is already tagged t3");
  EXPECT_REFUSED(Tag(ben_, claim.id(), "economy"), grpc::StatusCode::FAILED_PRECONDITION,
                 "claim " + std::to_string(claim.id()) +
                     " has 10 tags, the most a claim can have; untag one first");
  EXPECT_REFUSED(Untag(ben_, claim.id(), "economy"), grpc::StatusCode::NOT_FOUND,
                 "tag: claim " + std::to_string(claim.id()) + " is not tagged economy");
  EXPECT_EQ(server_->Snapshot(), before);
}

TEST_F(TagTest, ARetryUnderTheSameKeyTagsOnce) {
  const v1::Claim claim = Mark(0);
  v1::TagClaimRequest req;
  req.set_claim_id(claim.id());
  req.set_tag("economy");
  v1::Claim first;
  v1::Claim retried;
  auto ctx = Ctx(ben_.token);
  ctx->AddMetadata(v1::kIdempotencyKey, "tag-once-1");
  ASSERT_TRUE(server_->claims()->TagClaim(ctx.get(), req, &first).ok());
  const auto before = server_->Snapshot();
  auto again = Ctx(ben_.token);
  again->AddMetadata(v1::kIdempotencyKey, "tag-once-1");
  const auto status = server_->claims()->TagClaim(again.get(), req, &retried);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(retried.SerializeAsString(), first.SerializeAsString());
  EXPECT_EQ(server_->Snapshot(), before);
}

TEST_F(TagTest, LiveClientsReceiveTheTagEvents) {
  const v1::Claim claim = Mark(0);
  const std::int64_t from = std::stoll(server_->QueryValue(
      "SELECT last_seq FROM workspace_seqs WHERE workspace_id = " + std::to_string(ws_)));
  StreamCollector stream(server_->channel(), vic_.token, ws_, from);
  ASSERT_TRUE(Tag(ben_, claim.id(), "economy").ok());
  ASSERT_TRUE(Untag(ben_, claim.id(), "economy").ok());
  ASSERT_TRUE(stream.WaitForSeq(from + 2, 30s));
  stream.Cancel();
  const auto events = stream.events();
  ASSERT_EQ(events.size(), 2U);
  EXPECT_EQ(events[0].kind(), v1::EVENT_KIND_CLAIM_TAGGED);
  EXPECT_EQ(events[0].tag(), "economy");
  EXPECT_EQ(events[0].claim_id(), claim.id());
  EXPECT_EQ(TagsOf(events[0].claim()), (std::vector<std::string>{"economy"}));
  EXPECT_EQ(events[1].kind(), v1::EVENT_KIND_CLAIM_UNTAGGED);
  EXPECT_EQ(events[1].tag(), "economy");
  EXPECT_TRUE(events[1].claim().tags().empty());
  EXPECT_EQ(server_->QueryValue("SELECT kind FROM events WHERE workspace_id = " +
                                std::to_string(ws_) + " AND seq = " + std::to_string(from + 1)),
            "claim.tagged");
}

TEST_F(TagTest, TheHistorySaysWhoTaggedWhat) {
  const v1::Claim claim = Mark(0);
  ASSERT_TRUE(Tag(ben_, claim.id(), "economy").ok());
  v1::GetClaimHistoryRequest req;
  req.set_claim_id(claim.id());
  v1::GetClaimHistoryResponse history;
  ASSERT_TRUE(server_->claims()->GetClaimHistory(Ctx(vic_.token).get(), req, &history).ok());
  ASSERT_FALSE(history.entries().empty());
  EXPECT_EQ(history.entries().rbegin()->kind(), "claim.tagged");
  EXPECT_EQ(history.entries().rbegin()->summary(), "tagged the claim economy");
}

TEST_F(TagTest, TheDashboardCountsClaimsByTag) {
  const v1::Claim a = Mark(0);
  const v1::Claim b = Mark(1);
  const v1::Claim c = Mark(2);
  for (const auto& claim : {a, b, c}) ASSERT_TRUE(Tag(ben_, claim.id(), "economy").ok());
  ASSERT_TRUE(Tag(ben_, a.id(), "health").ok());
  ASSERT_TRUE(Tag(ben_, b.id(), "budget").ok());
  v1::GetDashboardRequest req;
  req.set_workspace_id(ws_);
  v1::Dashboard dashboard;
  ASSERT_TRUE(server_->dashboards()->GetDashboard(Ctx(vic_.token).get(), req, &dashboard).ok());
  ASSERT_EQ(dashboard.by_tag_size(), 3);
  EXPECT_EQ(dashboard.by_tag(0).tag(), "economy");
  EXPECT_EQ(dashboard.by_tag(0).count(), 3);
  EXPECT_EQ(dashboard.by_tag(1).tag(), "budget");  // ties by tag
  EXPECT_EQ(dashboard.by_tag(1).count(), 1);
  EXPECT_EQ(dashboard.by_tag(2).tag(), "health");
}

}  // namespace
}  // namespace factdesk::testing
