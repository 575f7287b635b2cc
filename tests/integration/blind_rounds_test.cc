// Issue 17.3: a reopened claim is a new round of review. What the earlier round
// concluded (its reviews, the dispute's decision, the final verdict) is hidden from
// whoever has not reviewed in the new round, on every path: ListReviews, GetClaim,
// history, disputes, dashboards, every export and the stream (replay from 0 and live),
// until the claim settles again. Issue 17.6: a member removed and added again replays
// the whole log.
#include <set>

#include "factdesk/v1/export.grpc.pb.h"
#include "tests/integration/live_helpers.h"
#include "tests/integration/workflow_fixture.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

// What round 1 said, other than Ben's own review.
const std::vector<std::string> kRoundOne = {"Unverifiable", "ROUND1-CAT", "Needs context",
                                            "ROUND1-DECISION"};
// Ben's own round-1 review, which he always sees.
const std::vector<std::string> kBens = {"Mostly false", "ROUND1-BEN"};

class BlindRoundsTest : public WorkflowTest {
 protected:
  // A publisher, so that the ClaimReview export runs (it is refused without one). Set
  // only where exports are read: its event carries the rating scale's labels, which the
  // stream tests would take for round 1's verdicts.
  void SetPublisher() {
    v1::UpdatePublisherRequest req;
    req.set_workspace_id(ws_);
    req.mutable_publisher()->set_name("Desk");
    req.mutable_publisher()->set_claim_url_prefix("https://desk.example/checks/");
    v1::Workspace updated;
    EXPECT_TRUE(server_->workspaces()->UpdatePublisher(Ctx(ana_.token).get(), req, &updated).ok());
    publisher_set_ = true;
  }
  bool publisher_set_ = false;

  grpc::Status Submit(const TestUser& by, std::int64_t claim, const std::string& verdict,
                      const std::string& rationale, std::int64_t expected_version = 0) {
    v1::SubmitReviewRequest req;
    req.set_claim_id(claim);
    req.set_verdict(verdict);
    req.set_rationale(rationale);
    req.set_confidence(v1::CONFIDENCE_HIGH);
    req.set_expected_version(expected_version);
    v1::SubmitReviewResponse resp;
    return server_->reviews()->SubmitReview(Ctx(by.token).get(), req, &resp);
  }

  // Round 1 ends in a dispute Eve decides; then she reopens the claim.
  v1::Claim ReopenedAfterADecidedRound() {
    const v1::Claim claim = Mark(0);
    EXPECT_TRUE(Submit(ben_, claim.id(), "Mostly false", "ROUND1-BEN").ok());
    EXPECT_TRUE(Submit(cat_, claim.id(), "Unverifiable", "ROUND1-CAT").ok());
    v1::DecideDisputeRequest decide;
    decide.set_dispute_id(DisputeOf(claim.id(), eve_).id());
    decide.set_verdict("Needs context");
    decide.set_reasoning("ROUND1-DECISION: the figure omits seasonal work.");
    v1::Dispute decided;
    EXPECT_TRUE(server_->reviews()->DecideDispute(Ctx(eve_.token).get(), decide, &decided).ok());
    EXPECT_EQ(Get(claim.id()).status(), v1::CLAIM_STATUS_RESOLVED);
    v1::Claim reopened;
    EXPECT_TRUE(Reopen(eve_, Get(claim.id()), "New figures were published.", &reopened).ok());
    EXPECT_EQ(reopened.status(), v1::CLAIM_STATUS_IN_REVIEW);
    return reopened;
  }

  // Everything one member can read about the claim, by every RPC and every export.
  std::string EveryPath(const TestUser& as, std::int64_t claim) {
    std::string all;
    v1::ListReviewsRequest list;
    list.set_claim_id(claim);
    v1::ListReviewsResponse reviews;
    EXPECT_TRUE(server_->reviews()->ListReviews(Ctx(as.token).get(), list, &reviews).ok());
    all += reviews.DebugString();
    v1::GetClaimRequest get;
    get.set_claim_id(claim);
    v1::Claim c;
    EXPECT_TRUE(server_->claims()->GetClaim(Ctx(as.token).get(), get, &c).ok());
    all += c.DebugString();
    v1::ListClaimsRequest claims;
    claims.set_workspace_id(ws_);
    v1::ListClaimsResponse listed;
    EXPECT_TRUE(server_->claims()->ListClaims(Ctx(as.token).get(), claims, &listed).ok());
    all += listed.DebugString();
    v1::GetClaimHistoryRequest history;
    history.set_claim_id(claim);
    v1::GetClaimHistoryResponse h;
    EXPECT_TRUE(server_->claims()->GetClaimHistory(Ctx(as.token).get(), history, &h).ok());
    all += h.DebugString();
    v1::GetDisputeRequest dispute;
    dispute.set_claim_id(claim);
    v1::Dispute d;
    EXPECT_TRUE(server_->reviews()->GetDispute(Ctx(as.token).get(), dispute, &d).ok());
    all += d.DebugString();
    v1::ListDisputesRequest disputes;
    disputes.set_workspace_id(ws_);
    v1::ListDisputesResponse ds;
    EXPECT_TRUE(server_->reviews()->ListDisputes(Ctx(as.token).get(), disputes, &ds).ok());
    all += ds.DebugString();
    v1::GetDashboardRequest dashboard;
    dashboard.set_workspace_id(ws_);
    v1::Dashboard board;
    EXPECT_TRUE(server_->dashboards()->GetDashboard(Ctx(as.token).get(), dashboard, &board).ok());
    all += board.DebugString();
    return all + Exports(as);
  }

  std::string Exports(const TestUser& as) {
    if (!publisher_set_) SetPublisher();
    std::string all;
    auto stub = v1::ExportService::NewStub(server_->channel());
    for (const auto format :
         {v1::EXPORT_FORMAT_CLAIMREVIEW, v1::EXPORT_FORMAT_ANNOTATIONS, v1::EXPORT_FORMAT_CSV,
          v1::EXPORT_FORMAT_SOURCES_CSV, v1::EXPORT_FORMAT_HTML, v1::EXPORT_FORMAT_VTT}) {
      v1::ExportRequest req;
      req.set_workspace_id(ws_);
      req.set_transcript_id(segments_[0].transcript_id());
      req.set_format(format);
      auto ctx = Ctx(as.token);
      auto reader = stub->Export(ctx.get(), req);
      v1::ExportChunk chunk;
      while (reader->Read(&chunk)) all += chunk.data();
      const grpc::Status status = reader->Finish();
      // A transcript without timings has no VTT; every other format must export.
      if (format != v1::EXPORT_FORMAT_VTT) {
        EXPECT_TRUE(status.ok()) << status.error_message();
      }
    }
    return all;
  }

  static std::string Found(const std::string& text, const std::vector<std::string>& needles) {
    std::string found;
    for (const auto& n : needles) {
      if (text.find(n) != std::string::npos) found += (found.empty() ? "" : ", ") + n;
    }
    return found;
  }

  static std::string Replay(StreamCollector& stream, std::int64_t last_seq) {
    EXPECT_TRUE(stream.WaitForSeq(last_seq, 30s));
    EXPECT_EQ(CheckGapFree(stream.events()), "");
    std::string all;
    for (const auto& e : stream.events()) all += e.DebugString();
    return all;
  }

  std::int64_t LastSeq() {
    v1::GetWorkspaceRequest req;
    req.set_workspace_id(ws_);
    v1::Workspace w;
    EXPECT_TRUE(server_->workspaces()->GetWorkspace(Ctx(ana_.token).get(), req, &w).ok());
    return w.last_seq();
  }
};

TEST_F(BlindRoundsTest, AfterAReopenRoundOneIsHiddenOnEveryPathFromWhoHasNotReviewedInRoundTwo) {
  const v1::Claim claim = ReopenedAfterADecidedRound();
  // Dan never reviewed; Vic is a viewer; Ben reviewed in round 1 only.
  for (const TestUser* who : {&dan_, &vic_}) {
    const std::string seen = EveryPath(*who, claim.id());
    EXPECT_EQ(Found(seen, kRoundOne), "") << who->user.handle();
    EXPECT_EQ(Found(seen, kBens), "") << who->user.handle();
  }
  const std::string bens = EveryPath(ben_, claim.id());
  EXPECT_EQ(Found(bens, kRoundOne), "");
  EXPECT_NE(Found(bens, kBens), "") << "Ben still sees his own review";
  // An editor sees everything (so the paths above do carry it).
  EXPECT_EQ(Found(EveryPath(eve_, claim.id()), kRoundOne),
            "Unverifiable, ROUND1-CAT, Needs context, ROUND1-DECISION");
}

TEST_F(BlindRoundsTest, TheStreamReplayedFromZeroAndLiveHidesRoundOneUntilYouReviewInRoundTwo) {
  const v1::Claim claim = ReopenedAfterADecidedRound();
  const std::int64_t reopened_at = LastSeq();
  StreamCollector dan(server_->channel(), dan_.token, ws_, 0);
  StreamCollector vic(server_->channel(), vic_.token, ws_, 0);
  StreamCollector ben(server_->channel(), ben_.token, ws_, 0);
  StreamCollector eve(server_->channel(), eve_.token, ws_, 0);
  EXPECT_EQ(Found(Replay(dan, reopened_at), kRoundOne), "");
  EXPECT_EQ(Found(Replay(vic, reopened_at), kRoundOne), "");
  const std::string bens = Replay(ben, reopened_at);
  EXPECT_EQ(Found(bens, kRoundOne), "");
  EXPECT_EQ(Found(bens, kBens), "Mostly false, ROUND1-BEN");
  EXPECT_EQ(Found(Replay(eve, reopened_at), kRoundOne),
            "Unverifiable, ROUND1-CAT, Needs context, ROUND1-DECISION");

  // Live, in round 2: Cat revises; hidden from all three, not from the editor.
  ASSERT_TRUE(Submit(cat_, claim.id(), "Half true", "ROUND2-CAT", 1).ok());
  const std::int64_t cat_revised = LastSeq();
  for (StreamCollector* s : {&dan, &vic, &ben}) {
    ASSERT_TRUE(s->WaitForSeq(cat_revised, 30s));
    EXPECT_EQ(Found(s->events().back().DebugString(), {"Half true", "ROUND2-CAT"}), "");
    EXPECT_TRUE(s->events().back().review().hidden());
  }
  ASSERT_TRUE(eve.WaitForSeq(cat_revised, 30s));
  EXPECT_EQ(eve.events().back().review().verdict().label(), "Half true");

  // Ben reviews in round 2: both rounds open up to him, on every path, and to nobody else.
  ASSERT_TRUE(Submit(ben_, claim.id(), "Half true", "ROUND2-BEN", 1).ok());
  EXPECT_EQ(Get(claim.id()).status(), v1::CLAIM_STATUS_RESOLVED);  // they agree: settled
  const std::string now_bens = EveryPath(ben_, claim.id());
  EXPECT_EQ(Found(now_bens, kRoundOne), "Unverifiable, ROUND1-CAT, Needs context, ROUND1-DECISION");
  EXPECT_NE(now_bens.find("ROUND2-CAT"), std::string::npos);
  // Settled again: the whole story is the workspace's, even for a viewer replaying it.
  EXPECT_NE(Found(EveryPath(vic_, claim.id()), kRoundOne), "");
  StreamCollector vic_again(server_->channel(), vic_.token, ws_, 0);
  EXPECT_EQ(Found(Replay(vic_again, LastSeq()), kRoundOne),
            "Unverifiable, ROUND1-CAT, Needs context, ROUND1-DECISION");
}

TEST_F(BlindRoundsTest, AReviewerOfRoundOneSeesAgainOnlyOnceTheyReviseInRoundTwo) {
  const v1::Claim claim = ReopenedAfterADecidedRound();
  // Dan reviews in round 2 (a first review): he sees round 1 too.
  ASSERT_TRUE(Submit(dan_, claim.id(), "False", "ROUND2-DAN").ok());
  EXPECT_EQ(Found(EveryPath(dan_, claim.id()), kRoundOne),
            "Unverifiable, ROUND1-CAT, Needs context, ROUND1-DECISION");
  // Cat, who reviewed only in round 1, does not see Dan's round-2 review.
  EXPECT_EQ(EveryPath(cat_, claim.id()).find("ROUND2-DAN"), std::string::npos);
}

// Issue 17.6: the replay used to stop at the member's old removal ("you were removed").
TEST_F(BlindRoundsTest, AMemberRemovedAndAddedAgainReplaysTheWholeLog) {
  Mark(1);
  v1::RemoveMemberRequest remove;
  remove.set_workspace_id(ws_);
  remove.set_handle("dan");
  v1::RemoveMemberResponse removed;
  ASSERT_TRUE(server_->workspaces()->RemoveMember(Ctx(ana_.token).get(), remove, &removed).ok());
  Mark(2);
  server_->AddMember("desk", dan_, "checker");
  Mark(3);
  const std::int64_t last = LastSeq();
  StreamCollector dan(server_->channel(), dan_.token, ws_, 0);
  ASSERT_TRUE(dan.WaitForSeq(last, 30s)) << dan.Finish(1s).error_message();
  EXPECT_EQ(CheckGapFree(dan.events()), "");
  std::set<v1::EventKind> kinds;
  for (const auto& e : dan.events()) kinds.insert(e.kind());
  EXPECT_TRUE(kinds.contains(v1::EVENT_KIND_MEMBER_REMOVED));
  // Removed again while subscribed: that one ends the stream.
  ASSERT_TRUE(server_->workspaces()->RemoveMember(Ctx(ana_.token).get(), remove, &removed).ok());
  const grpc::Status ended = dan.Finish(30s);
  EXPECT_EQ(ended.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  EXPECT_NE(ended.error_message().find("you were removed from this workspace"), std::string::npos);
}

// Issue 18: an event goes out as bytes serialized once and shared by every stream, unless
// the blind rule changes it for a reader, who then gets their own. Three readers of one
// live review each get their view, the claim event next to it is the same bytes for all,
// and a replayed batch (framed from the same cached bytes) carries the same views.
TEST_F(BlindRoundsTest, EachReaderOfOneLiveReviewGetsTheirOwnViewAndABatchCarriesTheSame) {
  const v1::Claim claim = Mark(0);
  const std::int64_t from = LastSeq();
  StreamCollector ben(server_->channel(), ben_.token, ws_, from);
  StreamCollector vic(server_->channel(), vic_.token, ws_, from);
  StreamCollector eve(server_->channel(), eve_.token, ws_, from);
  ASSERT_TRUE(Submit(ben_, claim.id(), "Mostly false", "LIVE-BEN").ok());
  Mark(1);
  const std::int64_t last = LastSeq();
  // The events from..last as one reader received them (the claim matcher may add more).
  const auto received = [&](StreamCollector& s) {
    EXPECT_TRUE(s.WaitForSeq(last, 30s));
    auto events = s.events();
    EXPECT_EQ(CheckGapFree(events, from), "");
    events.resize(static_cast<std::size_t>(last - from));
    return events;
  };
  const auto to_ben = received(ben);
  const auto to_vic = received(vic);
  const auto to_eve = received(eve);
  int reviews = 0;
  for (std::size_t i = 0; i < to_eve.size(); ++i) {
    if (to_eve[i].kind() != v1::EVENT_KIND_REVIEW_SUBMITTED) {
      // Anything the blind rule leaves alone is the same for everyone, byte for byte.
      EXPECT_EQ(to_ben[i].SerializeAsString(), to_eve[i].SerializeAsString());
      EXPECT_EQ(to_vic[i].SerializeAsString(), to_eve[i].SerializeAsString());
      continue;
    }
    ++reviews;
    EXPECT_EQ(to_ben[i].review().rationale(), "LIVE-BEN");  // his own
    EXPECT_FALSE(to_ben[i].review().hidden());
    EXPECT_TRUE(to_vic[i].review().hidden());  // a viewer, blind while the claim is in review
    EXPECT_EQ(Found(to_vic[i].DebugString(), {"Mostly false", "LIVE-BEN"}), "");
    EXPECT_EQ(to_eve[i].review().verdict().label(), "Mostly false");  // an editor sees it all
    EXPECT_EQ(to_eve[i].review().rationale(), "LIVE-BEN");
  }
  EXPECT_EQ(reviews, 1);

  // Replayed from where the live streams started: the backlog arrives batched, framed
  // from the same cached bytes, each reader's views as they came live.
  for (auto [who, live] : {std::pair{&vic_, &to_vic}, std::pair{&ben_, &to_ben}}) {
    StreamCollector replay(server_->channel(), who->token, ws_, from);
    const auto replayed = received(replay);
    EXPECT_GT(replay.batches(), 0);
    for (std::size_t i = 0; i < replayed.size(); ++i) {
      EXPECT_EQ(replayed[i].SerializeAsString(), (*live)[i].SerializeAsString())
          << who->user.handle() << " seq " << replayed[i].seq();
    }
  }
}

}  // namespace
}  // namespace factdesk::testing
