// Reviews and disputes: blind second opinions, every way a dispute ends, the source
// rule, the marker's own review, corrections, rating scales and history.
#include "tests/integration/live_helpers.h"
#include "tests/integration/workflow_fixture.h"

namespace factdesk::testing {
namespace {

using namespace std::chrono_literals;

class ReviewTest : public WorkflowTest {};

std::vector<v1::Review> Reviews(TestServer& server, const TestUser& as, std::int64_t claim) {
  v1::ListReviewsRequest req;
  req.set_claim_id(claim);
  v1::ListReviewsResponse resp;
  EXPECT_TRUE(server.reviews()->ListReviews(Ctx(as.token).get(), req, &resp).ok());
  return {resp.reviews().begin(), resp.reviews().end()};
}

std::string HistoryText(TestServer& server, const TestUser& as, std::int64_t claim) {
  v1::GetClaimHistoryRequest req;
  req.set_claim_id(claim);
  v1::GetClaimHistoryResponse resp;
  EXPECT_TRUE(server.claims()->GetClaimHistory(Ctx(as.token).get(), req, &resp).ok());
  return resp.DebugString();
}

TEST_F(ReviewTest, ReviewsAreBlindUntilYouSubmitYoursOnEveryRpcAndOnTheStream) {
  const v1::Claim claim = Mark(0);
  StreamCollector cat_stream(server_->channel(), cat_.token, ws_, 0);
  StreamCollector eve_stream(server_->channel(), eve_.token, ws_, 0);
  v1::SubmitReviewResponse bens;
  ASSERT_TRUE(Review(ben_, claim.id(), "Mostly false", &bens).ok());
  EXPECT_EQ(bens.claim().status(), v1::CLAIM_STATUS_IN_REVIEW);

  // Cat has not reviewed: Ben's verdict and rationale reach her by no RPC...
  const auto hidden = Reviews(*server_, cat_, claim.id());
  ASSERT_EQ(hidden.size(), 1U);
  EXPECT_TRUE(hidden[0].hidden());
  EXPECT_EQ(hidden[0].reviewer().handle(), "ben");
  EXPECT_TRUE(hidden[0].verdict().label().empty());
  EXPECT_TRUE(hidden[0].rationale().empty());
  EXPECT_EQ(HistoryText(*server_, cat_, claim.id()).find("Mostly false"), std::string::npos);
  EXPECT_EQ(HistoryText(*server_, vic_, claim.id()).find("Mostly false"), std::string::npos);
  // ...nor on the stream, while the editor sees everything.
  auto review_event = [](StreamCollector& s) -> std::optional<v1::Event> {
    for (const auto& e : s.events()) {
      if (e.kind() == v1::EVENT_KIND_REVIEW_SUBMITTED) return e;
    }
    return std::nullopt;
  };
  ASSERT_TRUE(cat_stream.WaitUntil([&] { return review_event(cat_stream).has_value(); }, 10s));
  ASSERT_TRUE(eve_stream.WaitUntil([&] { return review_event(eve_stream).has_value(); }, 10s));
  EXPECT_TRUE(review_event(cat_stream)->review().hidden());
  EXPECT_TRUE(review_event(cat_stream)->review().verdict().label().empty());
  EXPECT_EQ(review_event(cat_stream)->DebugString().find("Mostly false"), std::string::npos);
  EXPECT_EQ(review_event(eve_stream)->review().verdict().label(), "Mostly false");
  EXPECT_FALSE(Reviews(*server_, eve_, claim.id())[0].hidden());
  // The dashboard does not show an open dispute's verdicts to checkers either (none yet).

  // Once Cat submits hers, she sees Ben's; both differ: a dispute opens.
  v1::SubmitReviewResponse cats;
  ASSERT_TRUE(Review(cat_, claim.id(), "True", &cats).ok());
  EXPECT_EQ(cats.claim().status(), v1::CLAIM_STATUS_DISPUTED);
  const auto visible = Reviews(*server_, cat_, claim.id());
  ASSERT_EQ(visible.size(), 2U);
  for (const auto& r : visible) EXPECT_FALSE(r.hidden());
  // Ben's revision reaches Cat's stream in the clear now.
  v1::SubmitReviewResponse revised;
  ASSERT_TRUE(Review(ben_, claim.id(), "Half true", &revised, bens.review().version()).ok());
  ASSERT_TRUE(cat_stream.WaitUntil(
      [&] {
        for (const auto& e : cat_stream.events()) {
          if (e.kind() == v1::EVENT_KIND_REVIEW_REVISED) return true;
        }
        return false;
      },
      10s));
  for (const auto& e : cat_stream.events()) {
    if (e.kind() == v1::EVENT_KIND_REVIEW_REVISED) {
      EXPECT_EQ(e.review().verdict().label(), "Half true");
    }
  }
  // Dan, a checker who has not reviewed, still sees neither.
  for (const auto& r : Reviews(*server_, dan_, claim.id())) EXPECT_TRUE(r.hidden());
  v1::GetDashboardRequest dash;
  dash.set_workspace_id(ws_);
  v1::Dashboard as_dan;
  ASSERT_TRUE(server_->dashboards()->GetDashboard(Ctx(dan_.token).get(), dash, &as_dan).ok());
  ASSERT_EQ(as_dan.open_disputes_size(), 1);
  EXPECT_EQ(as_dan.open_disputes(0).verdicts_size(), 0);
  v1::Dashboard as_eve;
  ASSERT_TRUE(server_->dashboards()->GetDashboard(Ctx(eve_.token).get(), dash, &as_eve).ok());
  EXPECT_EQ(as_eve.open_disputes(0).verdicts_size(), 2);
  const v1::Dispute for_dan = DisputeOf(claim.id(), dan_);
  for (const auto& r : for_dan.reviews()) EXPECT_TRUE(r.hidden());
}

TEST_F(ReviewTest, AnEditorDecidesADisputeWithReviewsAndSourcesSideBySide) {
  const v1::Claim claim = DisputedClaim(1);
  EXPECT_EQ(claim.status(), v1::CLAIM_STATUS_DISPUTED);
  AddSource(claim.id(), cat_, v1::STANCE_SUPPORTS);
  const v1::Dispute dispute = DisputeOf(claim.id(), eve_);
  EXPECT_EQ(dispute.status(), v1::DISPUTE_STATUS_OPEN);
  EXPECT_EQ(dispute.reviews_size(), 2);
  EXPECT_EQ(dispute.sources_size(), 2);
  EXPECT_EQ(dispute.claim().id(), claim.id());
  EXPECT_NE(dispute.waiting_for().find("editor"), std::string::npos) << dispute.waiting_for();
  // Its own note thread.
  v1::AddNoteRequest note;
  note.set_claim_id(claim.id());
  note.set_thread(v1::NOTE_THREAD_DISPUTE);
  note.set_body("The 2011 figure was revised; see the agency's errata.");
  v1::Note added;
  ASSERT_TRUE(server_->notes()->AddNote(Ctx(ben_.token).get(), note, &added).ok());
  EXPECT_EQ(added.thread(), v1::NOTE_THREAD_DISPUTE);
  // Checkers cannot decide it.
  EXPECT_EQ(Decide(ben_, dispute.id(), "False").error_code(), grpc::StatusCode::PERMISSION_DENIED);
  v1::Dispute decided;
  ASSERT_TRUE(Decide(eve_, dispute.id(), "Mostly false", &decided).ok());
  EXPECT_EQ(decided.status(), v1::DISPUTE_STATUS_CLOSED);
  EXPECT_EQ(decided.resolution(), v1::DISPUTE_RESOLUTION_EDITOR_DECISION);
  EXPECT_EQ(decided.decided_by().handle(), "eve");
  EXPECT_EQ(decided.final_verdict().label(), "Mostly false");
  EXPECT_EQ(decided.reasoning(), "The official series is authoritative here.");
  const v1::Claim resolved = Get(claim.id());
  EXPECT_EQ(resolved.status(), v1::CLAIM_STATUS_RESOLVED);
  EXPECT_EQ(resolved.final_verdict().label(), "Mostly false");
  EXPECT_EQ(resolved.final_verdict().value(), 2);
  EXPECT_EQ(resolved.final_verdict().best(), 5);
  EXPECT_EQ(resolved.final_verdict().worst(), 1);
  // A resolved claim's reviews are no longer blind; revisions are closed.
  for (const auto& r : Reviews(*server_, dan_, claim.id())) EXPECT_FALSE(r.hidden());
  const auto late = Review(dan_, claim.id(), "True");
  EXPECT_EQ(late.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(late.error_message().find("claim is RESOLVED"), std::string::npos);
}

TEST_F(ReviewTest, ReviewersWhoChangeTheirMindsEndADisputeByAgreeing) {
  const v1::Claim claim = Mark(2);
  v1::SubmitReviewResponse bens;
  ASSERT_TRUE(Review(ben_, claim.id(), "False", &bens).ok());
  v1::SubmitReviewResponse cats;
  ASSERT_TRUE(Review(cat_, claim.id(), "True", &cats).ok());
  ASSERT_EQ(cats.claim().status(), v1::CLAIM_STATUS_DISPUTED);
  // A stale revision is refused with the current review attached.
  const auto stale = Review(cat_, claim.id(), "False", nullptr, 99);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::ABORTED);
  const auto again = Review(cat_, claim.id(), "False");
  EXPECT_EQ(again.error_code(), grpc::StatusCode::ABORTED);
  EXPECT_NE(again.error_message().find("to revise it, send expected_version=1"), std::string::npos);
  v1::SubmitReviewResponse revised;
  ASSERT_TRUE(Review(cat_, claim.id(), "False", &revised, cats.review().version()).ok());
  EXPECT_EQ(revised.claim().status(), v1::CLAIM_STATUS_RESOLVED);
  EXPECT_EQ(revised.claim().final_verdict().label(), "False");
  EXPECT_EQ(revised.review().revisions_size(), 1);
  EXPECT_EQ(revised.review().revisions(0).verdict().label(), "True");
  const v1::Dispute dispute = DisputeOf(claim.id(), eve_);
  EXPECT_EQ(dispute.status(), v1::DISPUTE_STATUS_CLOSED);
  EXPECT_EQ(dispute.resolution(), v1::DISPUTE_RESOLUTION_AGREEMENT);
}

// A review (and a publication) that moves the claim reads it back with the state change
// (no read after): each answer's claim is the claim as GetClaim reads it next, counts
// and times included.
TEST_F(ReviewTest, EachReviewAnswersWithTheClaimAsItThenStands) {
  const v1::Claim claim = Mark(4);
  const auto same_as_read = [&](const v1::Claim& answered) {
    const v1::Claim read = Get(claim.id(), &eve_);
    EXPECT_EQ(answered.status(), read.status());
    EXPECT_EQ(answered.version(), read.version());
    EXPECT_EQ(answered.review_count(), read.review_count());
    EXPECT_EQ(answered.source_count(), read.source_count());
    EXPECT_EQ(answered.status_reason(), read.status_reason());
    EXPECT_EQ(answered.final_verdict().label(), read.final_verdict().label());
    EXPECT_EQ(answered.updated_at().SerializeAsString(), read.updated_at().SerializeAsString());
    EXPECT_EQ(answered.resolved_at().SerializeAsString(), read.resolved_at().SerializeAsString());
  };
  v1::SubmitReviewResponse bens;
  ASSERT_TRUE(Review(ben_, claim.id(), "False", &bens).ok());
  EXPECT_EQ(bens.claim().review_count(), 1);
  same_as_read(bens.claim());
  v1::SubmitReviewResponse cats;
  ASSERT_TRUE(Review(cat_, claim.id(), "True", &cats).ok());
  EXPECT_EQ(cats.claim().status(), v1::CLAIM_STATUS_DISPUTED);
  same_as_read(cats.claim());
  v1::SubmitReviewResponse revised;
  ASSERT_TRUE(Review(cat_, claim.id(), "False", &revised, cats.review().version()).ok());
  EXPECT_EQ(revised.claim().status(), v1::CLAIM_STATUS_RESOLVED);
  same_as_read(revised.claim());
  v1::Claim published;
  ASSERT_TRUE(Publish(eve_, revised.claim(), &published).ok());
  EXPECT_EQ(published.status(), v1::CLAIM_STATUS_PUBLISHED);
  same_as_read(published);
  EXPECT_EQ(published.published_at().SerializeAsString(),
            Get(claim.id(), &eve_).published_at().SerializeAsString());
}

TEST_F(ReviewTest, UnderMajorityAPanelOfThreeDecides) {
  SetPolicy(2, true, v1::DISPUTE_RULE_MAJORITY);
  const v1::Claim claim = DisputedClaim(3);
  const v1::Dispute open = DisputeOf(claim.id(), eve_);
  const auto early = Decide(eve_, open.id(), "False");
  EXPECT_EQ(early.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(early.error_message().find("dispute rule MAJORITY"), std::string::npos)
      << early.error_message();
  v1::SubmitReviewResponse third;
  ASSERT_TRUE(Review(dan_, claim.id(), "False", &third).ok());  // False 2 - True 1
  EXPECT_EQ(third.claim().status(), v1::CLAIM_STATUS_RESOLVED);
  EXPECT_EQ(third.claim().final_verdict().label(), "False");
  const v1::Dispute closed = DisputeOf(claim.id(), eve_);
  EXPECT_EQ(closed.resolution(), v1::DISPUTE_RESOLUTION_MAJORITY);
  EXPECT_FALSE(closed.has_decided_by());
}

TEST_F(ReviewTest, UnderMajorityATieGoesToAnEditor) {
  SetPolicy(2, true, v1::DISPUTE_RULE_MAJORITY);
  const v1::Claim claim = DisputedClaim(4);  // False, True
  v1::SubmitReviewResponse third;
  ASSERT_TRUE(Review(dan_, claim.id(), "Half true", &third).ok());  // 1-1-1: no majority
  EXPECT_EQ(third.claim().status(), v1::CLAIM_STATUS_DISPUTED);
  const v1::Dispute tie = DisputeOf(claim.id(), eve_);
  EXPECT_NE(tie.waiting_for().find("editor"), std::string::npos) << tie.waiting_for();
  v1::Dispute decided;
  ASSERT_TRUE(Decide(eve_, tie.id(), "Half true", &decided).ok());
  EXPECT_EQ(decided.resolution(), v1::DISPUTE_RESOLUTION_EDITOR_DECISION);
  EXPECT_EQ(Get(claim.id()).final_verdict().label(), "Half true");
}

TEST_F(ReviewTest, AVerdictNeedsASourceUnlessThePolicySaysOtherwise) {
  const v1::Claim bare = Mark(5, /*with_source=*/false);
  const auto before = server_->Snapshot();
  const auto refused = Review(ben_, bare.id(), "False");
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(refused.error_message().find("claim has no source"), std::string::npos);
  EXPECT_EQ(server_->Snapshot(), before);
  SetPolicy(2, false, v1::DISPUTE_RULE_EDITOR_DECIDES);
  EXPECT_TRUE(Review(ben_, bare.id(), "False").ok());
}

TEST_F(ReviewTest, TheMarkerMayReviewButNotAlone) {
  SetPolicy(1, true, v1::DISPUTE_RULE_EDITOR_DECIDES);
  const v1::Claim claim = Mark(6);  // marked by ben
  v1::SubmitReviewResponse own;
  ASSERT_TRUE(Review(ben_, claim.id(), "True", &own).ok());
  EXPECT_EQ(own.claim().status(), v1::CLAIM_STATUS_IN_REVIEW);
  v1::SubmitReviewResponse second;
  ASSERT_TRUE(Review(cat_, claim.id(), "True", &second).ok());
  EXPECT_EQ(second.claim().status(), v1::CLAIM_STATUS_RESOLVED);
  // With one required review, someone else's single review resolves it.
  const v1::Claim other = Mark(7);
  ASSERT_TRUE(Review(cat_, other.id(), "False", &second).ok());
  EXPECT_EQ(second.claim().status(), v1::CLAIM_STATUS_RESOLVED);
}

TEST_F(ReviewTest, APublishedCheckChangesOnlyByARecordedCorrection) {
  const v1::Claim published = PublishedClaim(8);
  EXPECT_EQ(published.status(), v1::CLAIM_STATUS_PUBLISHED);
  EXPECT_TRUE(published.has_published_at());
  v1::UpdateClaimRequest edit;
  edit.set_claim_id(published.id());
  edit.set_expected_version(published.version());
  edit.set_summary("quiet change");
  v1::Claim out;
  const auto locked = server_->claims()->UpdateClaim(Ctx(eve_.token).get(), edit, &out);
  EXPECT_EQ(locked.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_NE(locked.error_message().find("claim is PUBLISHED"), std::string::npos);
  v1::CorrectClaimRequest correct;
  correct.set_claim_id(published.id());
  correct.set_expected_version(published.version());
  correct.set_verdict("Mostly false");
  const auto no_reason = server_->claims()->CorrectClaim(Ctx(eve_.token).get(), correct, &out);
  EXPECT_EQ(no_reason.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  correct.set_reason("The agency revised the 2008 series in March.");
  ASSERT_TRUE(server_->claims()->CorrectClaim(Ctx(eve_.token).get(), correct, &out).ok());
  EXPECT_EQ(out.status(), v1::CLAIM_STATUS_PUBLISHED);
  EXPECT_EQ(out.final_verdict().label(), "Mostly false");
  EXPECT_EQ(out.correction_count(), 1);
  EXPECT_EQ(server_->QueryValue("SELECT reason FROM claim_corrections WHERE claim_id = " +
                                std::to_string(out.id())),
            "The agency revised the 2008 series in March.");
  const std::string history = HistoryText(*server_, vic_, out.id());
  EXPECT_NE(history.find("corrected the published check"), std::string::npos);
  EXPECT_NE(history.find("old_value: \"False\""), std::string::npos) << history;
  EXPECT_NE(history.find("new_value: \"Mostly false\""), std::string::npos);
}

TEST_F(ReviewTest, ReplacingTheScaleNeverRewritesPastVerdicts) {
  const v1::Claim resolved = ResolvedClaim(9, "False");
  v1::SetRatingScaleRequest req;
  req.set_workspace_id(ws_);
  for (const auto& [label, value] : std::vector<std::pair<std::string, double>>{
           {"Correct", 3}, {"Partly correct", 2}, {"Incorrect", 1}}) {
    auto* l = req.add_labels();
    l->set_label(label);
    l->set_ordered(true);
    l->set_value(value);
  }
  v1::Workspace ws;
  EXPECT_EQ(server_->workspaces()->SetRatingScale(Ctx(eve_.token).get(), req, &ws).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(server_->workspaces()->SetRatingScale(Ctx(ana_.token).get(), req, &ws).ok());
  EXPECT_EQ(ws.rating_scale().labels_size(), 3);
  EXPECT_EQ(ws.rating_scale().best(), 3);
  const v1::Claim after = Get(resolved.id());
  EXPECT_EQ(after.final_verdict().label(), "False");
  EXPECT_EQ(after.final_verdict().best(), 5);
  const v1::Claim fresh = Mark(10);
  const auto old_label = Review(ben_, fresh.id(), "False");
  EXPECT_EQ(old_label.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(old_label.error_message().find("not on this workspace's rating scale"),
            std::string::npos);
  EXPECT_TRUE(Review(ben_, fresh.id(), "Incorrect").ok());
  // A scale with a single ordered label is refused.
  v1::SetRatingScaleRequest bad;
  bad.set_workspace_id(ws_);
  auto* only = bad.add_labels();
  only->set_label("Yes");
  only->set_ordered(true);
  only->set_value(1);
  const auto invalid = server_->workspaces()->SetRatingScale(Ctx(ana_.token).get(), bad, &ws);
  EXPECT_EQ(invalid.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(invalid.error_message().find("rating_scale: "), std::string::npos);
}

TEST_F(ReviewTest, HistoryNamesWhoDidWhatWithOldAndNewValues) {
  const v1::Claim claim = Mark(11);
  ASSERT_TRUE(Review(ben_, claim.id(), "True").ok());
  ASSERT_TRUE(Review(cat_, claim.id(), "True").ok());
  v1::GetClaimHistoryRequest req;
  req.set_claim_id(claim.id());
  v1::GetClaimHistoryResponse history;
  ASSERT_TRUE(server_->claims()->GetClaimHistory(Ctx(eve_.token).get(), req, &history).ok());
  std::vector<std::string> kinds;
  for (const auto& e : history.entries()) kinds.push_back(e.kind());
  EXPECT_EQ(kinds, (std::vector<std::string>{"claim.created", "source.added", "review.submitted",
                                             "review.submitted"}));
  EXPECT_EQ(history.entries(0).actor().handle(), "ben");
  EXPECT_EQ(history.entries(3).actor().handle(), "cat");
  EXPECT_EQ(history.entries(3).summary(), "submitted a review: True (confidence high)");
  bool status_changed = false;
  for (const auto& c : history.entries(3).changes()) {
    if (c.field() == "status") {
      EXPECT_EQ(c.old_value(), "IN_REVIEW");
      EXPECT_EQ(c.new_value(), "RESOLVED");
      status_changed = true;
    }
  }
  EXPECT_TRUE(status_changed);
}

}  // namespace
}  // namespace factdesk::testing
