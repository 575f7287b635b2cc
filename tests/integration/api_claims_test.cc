// Marking claims, reading them, editing them without lost updates; bad input refused.
#include <algorithm>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include <google/protobuf/util/message_differencer.h>

#include "proto/factdesk/v1/metadata.h"
#include "tests/integration/api_fixture.h"

namespace factdesk::testing {
namespace {

using google::protobuf::util::MessageDifferencer;

TEST_F(ApiTest, MarkingAnchorsTheQuoteWithContext) {
  const std::string quote = "per capita GDP grew six-fold in a decade";
  const v1::Claim claim = Mark(quote);
  EXPECT_EQ(claim.quote(), quote);
  EXPECT_EQ(claim.summary(), quote);                 // defaults to the quote
  EXPECT_EQ(claim.claimant(), "Mary Kay Magistad");  // the segment's speaker (the host)
  EXPECT_EQ(claim.status(), v1::CLAIM_STATUS_OPEN);
  EXPECT_EQ(claim.version(), 1);
  EXPECT_EQ(claim.created_by().handle(), "ben");
  EXPECT_LE(claim.prefix().size(), 32U);
  EXPECT_LE(claim.suffix().size(), 32U);
  EXPECT_TRUE(claim.prefix().ends_with("towns became cities, when "));
  EXPECT_TRUE(claim.suffix().starts_with(", when economic growth"));
  EXPECT_EQ(claim.transcript_id(), seed_.id());
}

TEST_F(ApiTest, MarkingUsesTheGivenSummaryAndClaimant) {
  int offset = 0;
  const v1::Segment seg = SegmentWith(seed_.id(), "40 years ago", &offset);
  v1::CreateClaimRequest req;
  req.set_segment_id(seg.id());
  req.set_start_byte(offset);
  req.set_end_byte(offset + 12);
  req.set_summary("  Shenzhen became a special economic zone 40 years ago  ");
  req.set_claimant("Narrator");
  v1::Claim claim;
  ASSERT_TRUE(server().claims()->CreateClaim(Ctx(ben_.token).get(), req, &claim).ok());
  EXPECT_EQ(claim.summary(), "Shenzhen became a special economic zone 40 years ago");
  EXPECT_EQ(claim.claimant(), "Narrator");
  v1::GetClaimRequest get;
  get.set_claim_id(claim.id());
  v1::Claim read;
  ASSERT_TRUE(server().claims()->GetClaim(Ctx(vic_.token).get(), get, &read).ok());
  EXPECT_TRUE(MessageDifferencer::Equals(read, claim));
}

TEST_F(ApiTest, MarkingRefusesRangesThatSplitACharacterOrLeaveTheSegment) {
  int offset = 0;
  // "China’s": the apostrophe is U+2019, three bytes.
  const v1::Segment seg = SegmentWith(seed_.id(), "China\xe2\x80\x99s city skylines", &offset);
  const auto before = server().Snapshot();
  v1::CreateClaimRequest req;
  req.set_segment_id(seg.id());
  req.set_start_byte(offset + 6);  // inside the apostrophe
  req.set_end_byte(offset + 20);
  v1::Claim claim;
  EXPECT_REFUSED(server().claims()->CreateClaim(Ctx(ben_.token).get(), req, &claim),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "start_byte: " + std::to_string(offset + 6) + " splits a UTF-8 character");
  req.set_start_byte(0);
  req.set_end_byte(static_cast<int>(seg.text().size()) + 1);
  EXPECT_REFUSED(server().claims()->CreateClaim(Ctx(ben_.token).get(), req, &claim),
                 grpc::StatusCode::INVALID_ARGUMENT, "end_byte: ");
  EXPECT_REFUSED(server().claims()->CreateClaim(Ctx(ben_.token).get(), req, &claim),
                 grpc::StatusCode::INVALID_ARGUMENT, "past the end of the segment");
  req.set_start_byte(10);
  req.set_end_byte(10);
  EXPECT_REFUSED(server().claims()->CreateClaim(Ctx(ben_.token).get(), req, &claim),
                 grpc::StatusCode::INVALID_ARGUMENT, "end_byte: must be greater than start_byte");
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(ApiTest, CuesAndCaptionsCannotCarryClaims) {
  v1::Segment cue;
  for (const auto& s : Segments(seed_.id())) {
    if (s.kind() == v1::SEGMENT_KIND_CUE) {
      cue = s;
      break;
    }
  }
  ASSERT_NE(cue.id(), 0);
  const auto before = server().Snapshot();
  v1::CreateClaimRequest req;
  req.set_segment_id(cue.id());
  req.set_start_byte(0);
  req.set_end_byte(5);
  v1::Claim claim;
  EXPECT_REFUSED(server().claims()->CreateClaim(Ctx(ben_.token).get(), req, &claim),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "segment_id: segment " + std::to_string(cue.id()) + " is a cue");
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(ApiTest, UnknownSegmentAndClaimAreNotFound) {
  v1::CreateClaimRequest req;
  req.set_segment_id(99999999);
  req.set_start_byte(0);
  req.set_end_byte(4);
  v1::Claim claim;
  EXPECT_REFUSED(server().claims()->CreateClaim(Ctx(ben_.token).get(), req, &claim),
                 grpc::StatusCode::NOT_FOUND, "segment 99999999 does not exist");
  v1::GetClaimRequest get;
  get.set_claim_id(88888888);
  EXPECT_REFUSED(server().claims()->GetClaim(Ctx(ben_.token).get(), get, &claim),
                 grpc::StatusCode::NOT_FOUND, "claim 88888888 does not exist");
  get.set_claim_id(0);
  EXPECT_REFUSED(server().claims()->GetClaim(Ctx(ben_.token).get(), get, &claim),
                 grpc::StatusCode::INVALID_ARGUMENT, "claim_id: must be a positive id");
}

TEST_F(ApiTest, SummaryLimitIsFiveHundredCharacters) {
  int offset = 0;
  const v1::Segment seg = SegmentWith(seed_.id(), "fishing villages", &offset);
  v1::CreateClaimRequest req;
  req.set_segment_id(seg.id());
  req.set_start_byte(offset);
  req.set_end_byte(offset + 16);
  std::string summary;
  for (int i = 0; i < 500; ++i) summary += "\xe4\xb8\xad";  // 中: 500 characters, 1500 bytes
  req.set_summary(summary);
  v1::Claim claim;
  ASSERT_TRUE(server().claims()->CreateClaim(Ctx(ben_.token).get(), req, &claim).ok());
  EXPECT_EQ(claim.summary(), summary);
  const auto before = server().Snapshot();
  req.set_summary(summary + "x");
  EXPECT_REFUSED(server().claims()->CreateClaim(Ctx(ben_.token).get(), req, &claim),
                 grpc::StatusCode::INVALID_ARGUMENT,
                 "summary: must be at most 500 characters (got 501)");
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(ApiTest, StaleUpdateIsAbortedWithTheCurrentClaimAndWritesNothing) {
  const v1::Claim claim = Mark("make tech components");
  v1::UpdateClaimRequest first;
  first.set_claim_id(claim.id());
  first.set_expected_version(claim.version());
  first.set_summary("Shenzhen's first maker space let people make tech components");
  v1::Claim updated;
  ASSERT_TRUE(server().claims()->UpdateClaim(Ctx(eve_.token).get(), first, &updated).ok());
  EXPECT_EQ(updated.version(), claim.version() + 1);
  EXPECT_EQ(updated.summary(), first.summary());

  // Ben read version 1 and edits it after Eve.
  const auto before = server().Snapshot();
  v1::UpdateClaimRequest stale = first;
  stale.set_summary("Ben's edit");
  auto ctx = Ctx(ben_.token);
  v1::Claim ignored;
  EXPECT_REFUSED(server().claims()->UpdateClaim(ctx.get(), stale, &ignored),
                 grpc::StatusCode::ABORTED, "you read version 1; it is now version 2");
  const auto& trailers = ctx->GetServerTrailingMetadata();
  const auto it = trailers.find(v1::kCurrentRecordKey);
  ASSERT_NE(it, trailers.end());
  v1::Claim current;
  ASSERT_TRUE(current.ParseFromArray(it->second.data(), static_cast<int>(it->second.size())));
  EXPECT_EQ(current.version(), 2);
  EXPECT_EQ(current.summary(), first.summary());
  EXPECT_EQ(server().Snapshot(), before);
}

TEST_F(ApiTest, UpdateNeedsAVersionAndSomethingToChange) {
  const v1::Claim claim = Mark("encouraging Chinese to come here");
  v1::UpdateClaimRequest req;
  req.set_claim_id(claim.id());
  req.set_summary("x");
  v1::Claim out;
  EXPECT_REFUSED(server().claims()->UpdateClaim(Ctx(ben_.token).get(), req, &out),
                 grpc::StatusCode::INVALID_ARGUMENT, "expected_version: must be the version");
  req.set_expected_version(claim.version());
  req.clear_summary();
  EXPECT_REFUSED(server().claims()->UpdateClaim(Ctx(ben_.token).get(), req, &out),
                 grpc::StatusCode::INVALID_ARGUMENT, "give a summary or a claimant");
  req.set_claimant("");
  EXPECT_REFUSED(server().claims()->UpdateClaim(Ctx(ben_.token).get(), req, &out),
                 grpc::StatusCode::INVALID_ARGUMENT, "claimant: must not be empty");
}

TEST_F(ApiTest, ListClaimsFiltersByTranscriptStatusAndAssignee) {
  const v1::Claim a = Mark("started Shenzhen");
  const v1::Claim b = Mark("a darling of Silicon Valley");
  v1::ListClaimsRequest req;
  req.set_workspace_id(ws_);
  req.set_transcript_id(seed_.id());
  req.add_statuses(v1::CLAIM_STATUS_OPEN);
  v1::ListClaimsResponse resp;
  ASSERT_TRUE(server().claims()->ListClaims(Ctx(vic_.token).get(), req, &resp).ok());
  std::vector<std::int64_t> ids;
  for (const auto& c : resp.claims()) {
    EXPECT_EQ(c.transcript_id(), seed_.id());
    EXPECT_EQ(c.status(), v1::CLAIM_STATUS_OPEN);
    ids.push_back(c.id());
  }
  EXPECT_NE(std::find(ids.begin(), ids.end(), a.id()), ids.end());
  EXPECT_NE(std::find(ids.begin(), ids.end(), b.id()), ids.end());
  // Transcript order: by segment, then position.
  for (int i = 1; i < resp.claims_size(); ++i) {
    EXPECT_LE(resp.claims(i - 1).segment_ordinal(), resp.claims(i).segment_ordinal());
  }

  v1::AssignClaimRequest assign;
  assign.set_claim_id(b.id());
  assign.set_expected_version(b.version());
  assign.add_assignee_ids(ben_.user.id());
  v1::Claim assigned;
  ASSERT_TRUE(server().claims()->AssignClaim(Ctx(eve_.token).get(), assign, &assigned).ok());
  EXPECT_EQ(assigned.status(), v1::CLAIM_STATUS_IN_REVIEW);
  v1::ListClaimsRequest mine;
  mine.set_workspace_id(ws_);
  mine.set_assignee_id(ben_.user.id());
  v1::ListClaimsResponse assigned_to_ben;
  ASSERT_TRUE(server().claims()->ListClaims(Ctx(ben_.token).get(), mine, &assigned_to_ben).ok());
  ASSERT_EQ(assigned_to_ben.claims_size(), 1);
  EXPECT_EQ(assigned_to_ben.claims(0).id(), b.id());
  EXPECT_EQ(assigned_to_ben.claims(0).assignees(0).handle(), "ben");

  req.clear_statuses();
  req.add_statuses(static_cast<v1::ClaimStatus>(99));
  EXPECT_REFUSED(server().claims()->ListClaims(Ctx(vic_.token).get(), req, &resp),
                 grpc::StatusCode::INVALID_ARGUMENT, "statuses: 99 is not a claim status");
}

// Every claim of `request`'s scope, page by page.
std::vector<v1::Claim> AllClaimPages(TestServer& server, const TestUser& user,
                                     v1::ListClaimsRequest request) {
  std::vector<v1::Claim> all;
  for (int guard = 0; guard < 1000; ++guard) {
    v1::ListClaimsResponse resp;
    const auto status = server.claims()->ListClaims(Ctx(user.token).get(), request, &resp);
    EXPECT_TRUE(status.ok()) << status.error_message();
    for (const auto& c : resp.claims()) all.push_back(c);
    if (!status.ok() || resp.next_page_token().empty()) break;
    request.set_page_token(resp.next_page_token());
  }
  return all;
}

// Reading order: transcript, segment, position in it, then the older claim first.
bool ClaimReadsBefore(const v1::Claim& a, const v1::Claim& b) {
  return std::tuple(a.transcript_id(), a.segment_ordinal(), a.start_byte(), a.id()) <
         std::tuple(b.transcript_id(), b.segment_ordinal(), b.start_byte(), b.id());
}

TEST_F(ApiTest, ListClaimsPagesInTranscriptOrder) {
  // Marked against the reading order: later segments first, a later quote in a segment
  // before an earlier one, and two claims on one span.
  const std::vector<v1::Segment> debate = Segments(debate_.id());
  std::vector<v1::Segment> speech;
  for (const auto& s : debate) {
    if (s.kind() == v1::SEGMENT_KIND_SPEECH && s.text().size() >= 40) speech.push_back(s);
  }
  ASSERT_GE(speech.size(), 40U);
  std::set<std::int64_t> made;
  for (const auto& [index, start] : std::vector<std::pair<std::size_t, int>>{
           {30, 0}, {5, 20}, {20, 0}, {5, 0}, {12, 10}, {5, 0}, {39, 3}}) {
    v1::CreateClaimRequest create;
    create.set_segment_id(speech[index].id());
    create.set_start_byte(start);
    create.set_end_byte(start + 10);
    v1::Claim claim;
    ASSERT_TRUE(server().claims()->CreateClaim(Ctx(ben_.token).get(), create, &claim).ok());
    made.insert(claim.id());
  }
  for (const char* q : {"kicked it into", "host of tech fairs", "the Chinese drone maker DJI"}) {
    made.insert(Mark(q).id());
  }

  v1::ListClaimsRequest req;
  req.set_workspace_id(ws_);
  req.set_page_size(2);
  const std::vector<v1::Claim> paged = AllClaimPages(server(), vic_, req);
  std::set<std::int64_t> unique;
  for (const auto& c : paged) unique.insert(c.id());
  EXPECT_EQ(unique.size(), paged.size());
  for (const std::int64_t id : made) EXPECT_TRUE(unique.contains(id)) << id;
  EXPECT_TRUE(std::is_sorted(paged.begin(), paged.end(), ClaimReadsBefore));
  // One page holds the same claims in the same order.
  req.set_page_size(1000);
  const std::vector<v1::Claim> whole = AllClaimPages(server(), vic_, req);
  ASSERT_EQ(whole.size(), paged.size());
  for (std::size_t i = 0; i < whole.size(); ++i) EXPECT_EQ(whole[i].id(), paged[i].id());

  // One transcript's claims, paged: that transcript's, all of them, in order.
  req.set_page_size(2);
  req.set_transcript_id(debate_.id());
  const std::vector<v1::Claim> in_debate = AllClaimPages(server(), vic_, req);
  EXPECT_GE(in_debate.size(), 7U);
  EXPECT_TRUE(std::is_sorted(in_debate.begin(), in_debate.end(), ClaimReadsBefore));
  for (const auto& c : in_debate) EXPECT_EQ(c.transcript_id(), debate_.id());
  EXPECT_EQ(static_cast<std::size_t>(std::count_if(
                whole.begin(), whole.end(),
                [&](const v1::Claim& c) { return c.transcript_id() == debate_.id(); })),
            in_debate.size());

  req.set_page_token("garbage");
  v1::ListClaimsResponse bad;
  EXPECT_REFUSED(server().claims()->ListClaims(Ctx(vic_.token).get(), req, &bad),
                 grpc::StatusCode::INVALID_ARGUMENT, "page_token: ");
}

}  // namespace
}  // namespace factdesk::testing
