// Dashboards: every figure against a scenario built by hand, and consistent while
// others write.
#include <atomic>
#include <thread>

#include "tests/integration/workflow_fixture.h"

namespace factdesk::testing {
namespace {

class DashboardTest : public WorkflowTest {
 protected:
  v1::Dashboard Dashboard(const TestUser& as, std::int64_t transcript = 0) {
    v1::GetDashboardRequest req;
    req.set_workspace_id(ws_);
    req.set_transcript_id(transcript);
    v1::Dashboard d;
    const auto status = server_->dashboards()->GetDashboard(Ctx(as.token).get(), req, &d);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return d;
  }
  static std::map<v1::ClaimStatus, int> ByStatus(const v1::Dashboard& d) {
    std::map<v1::ClaimStatus, int> out;
    for (const auto& s : d.by_status()) out[s.status()] = s.count();
    return out;
  }
};

TEST_F(DashboardTest, EveryFigureOfAHandBuiltScenario) {
  const v1::Claim c0 = Mark(0, /*with_source=*/false);  // Lena, OPEN, no source
  const v1::Claim c1 = Mark(1);                         // Tom, OPEN
  v1::Claim c2 = Mark(2);                               // Lena, IN_REVIEW, assigned ben+cat
  v1::AssignClaimRequest assign;
  assign.set_claim_id(c2.id());
  assign.set_expected_version(c2.version());
  assign.add_assignee_ids(ben_.user.id());
  assign.add_assignee_ids(cat_.user.id());
  ASSERT_TRUE(server_->claims()->AssignClaim(Ctx(eve_.token).get(), assign, &c2).ok());
  ASSERT_TRUE(Review(ben_, c2.id(), "False").ok());
  const v1::Claim c3 = DisputedClaim(3);           // Tom, DISPUTED
  const v1::Claim c4 = ResolvedClaim(4, "False");  // Lena, RESOLVED False
  v1::Claim c5 = ResolvedClaim(5, "True");         // Tom, PUBLISHED True
  ASSERT_TRUE(Publish(eve_, c5, &c5).ok());
  const v1::Claim c6 = Mark(6, /*with_source=*/false);  // Lena, DISMISSED
  ASSERT_TRUE(Dismiss(eve_, c6).ok());
  // Known resolution times: 60 s and 180 s after marking.
  server_->QueryValue(
      "UPDATE claims SET resolved_at = created_at + interval '60 seconds' "
      "WHERE id = " +
      std::to_string(c4.id()));
  server_->QueryValue(
      "UPDATE claims SET resolved_at = created_at + interval '180 seconds' "
      "WHERE id = " +
      std::to_string(c5.id()));

  const v1::Dashboard d = Dashboard(eve_);
  EXPECT_EQ(d.total_claims(), 7);
  const auto by_status = ByStatus(d);
  EXPECT_EQ(by_status.at(v1::CLAIM_STATUS_OPEN), 2);
  EXPECT_EQ(by_status.at(v1::CLAIM_STATUS_IN_REVIEW), 1);
  EXPECT_EQ(by_status.at(v1::CLAIM_STATUS_DISPUTED), 1);
  EXPECT_EQ(by_status.at(v1::CLAIM_STATUS_RESOLVED), 1);
  EXPECT_EQ(by_status.at(v1::CLAIM_STATUS_PUBLISHED), 1);
  EXPECT_EQ(by_status.at(v1::CLAIM_STATUS_DISMISSED), 1);
  ASSERT_EQ(d.by_verdict_size(), 2);
  EXPECT_EQ(d.by_verdict(0).label(), "False");
  EXPECT_EQ(d.by_verdict(0).count(), 1);
  EXPECT_EQ(d.by_verdict(1).label(), "True");

  std::map<std::string, std::tuple<int, int, int>> load;
  for (const auto& c : d.checkers()) {
    load[c.user().handle()] = {c.assigned(), c.reviewed(), c.waiting()};
  }
  EXPECT_EQ(load.size(), 5U);  // ana, ben, cat, dan, eve: not the viewer
  EXPECT_EQ(load["ben"], std::make_tuple(1, 4, 0));
  EXPECT_EQ(load["cat"], std::make_tuple(1, 3, 1));
  EXPECT_EQ(load["dan"], std::make_tuple(0, 0, 0));
  EXPECT_FALSE(load.contains("vic"));

  ASSERT_EQ(d.open_disputes_size(), 1);
  EXPECT_EQ(d.open_disputes(0).claim_id(), c3.id());
  EXPECT_GE(d.open_disputes(0).age_seconds(), 0);
  EXPECT_EQ(d.claims_without_source(), 1);
  ASSERT_EQ(d.claims_without_source_ids_size(), 1);
  EXPECT_EQ(d.claims_without_source_ids(0), c0.id());
  EXPECT_EQ(d.resolved_claims(), 2);
  EXPECT_DOUBLE_EQ(d.median_seconds_to_resolution(), 120.0);

  std::map<std::string, int> claims_by_speaker;
  std::map<std::string, std::map<std::string, int>> verdicts_by_speaker;
  for (const auto& s : d.speakers()) {
    claims_by_speaker[s.speaker()] = s.claims();
    for (const auto& v : s.verdicts()) verdicts_by_speaker[s.speaker()][v.label()] = v.count();
  }
  EXPECT_EQ(claims_by_speaker["Lena Ortiz"], 4);
  EXPECT_EQ(claims_by_speaker["Tom Reyes"], 3);
  EXPECT_EQ(verdicts_by_speaker["Lena Ortiz"], (std::map<std::string, int>{{"False", 1}}));
  EXPECT_EQ(verdicts_by_speaker["Tom Reyes"], (std::map<std::string, int>{{"True", 1}}));
  EXPECT_EQ(
      d.as_of_seq(),
      std::stoll(server_->QueryValue("SELECT last_seq FROM workspace_seqs WHERE workspace_id = " +
                                     std::to_string(ws_))));

  // A second transcript's claims count for the workspace, not for the first transcript.
  v1::ImportTranscriptRequest other;
  other.set_workspace_id(ws_);
  other.set_filename("other.txt");
  other.set_content("Ana Lind: Exports doubled last year.");
  v1::ImportTranscriptResponse imported;
  ASSERT_TRUE(
      server_->transcripts()->ImportTranscript(Ctx(ben_.token).get(), other, &imported).ok());
  v1::ListSegmentsRequest list;
  list.set_transcript_id(imported.transcript().id());
  v1::ListSegmentsResponse segs;
  ASSERT_TRUE(server_->transcripts()->ListSegments(Ctx(ben_.token).get(), list, &segs).ok());
  v1::CreateClaimRequest create;
  create.set_segment_id(segs.segments(0).id());
  create.set_start_byte(0);
  create.set_end_byte(7);
  v1::Claim elsewhere;
  ASSERT_TRUE(server_->claims()->CreateClaim(Ctx(ben_.token).get(), create, &elsewhere).ok());
  EXPECT_EQ(Dashboard(eve_).total_claims(), 8);
  EXPECT_EQ(Dashboard(eve_, segments_[0].transcript_id()).total_claims(), 7);
  EXPECT_EQ(Dashboard(eve_, imported.transcript().id()).total_claims(), 1);
}

TEST_F(DashboardTest, FiguresStayConsistentWhileOthersWrite) {
  SetPolicy(2, false, v1::DISPUTE_RULE_EDITOR_DECIDES);
  std::atomic<bool> stop{false};
  std::atomic<int> marked{0};
  std::vector<std::thread> writers;
  for (const TestUser* who : {&ben_, &cat_, &dan_}) {
    writers.emplace_back([&, who] {
      auto claims = server_->claims();
      auto reviews = server_->reviews();
      for (int i = 0; i < 60; ++i) {
        v1::CreateClaimRequest req;
        req.set_segment_id(segments_[static_cast<std::size_t>(i) % segments_.size()].id());
        req.set_start_byte(0);
        req.set_end_byte(12);
        v1::Claim c;
        if (!claims->CreateClaim(Ctx(who->token).get(), req, &c).ok()) continue;
        ++marked;
        // The two others review it: agreeing or not, depending on i.
        for (const TestUser* reviewer : {&ben_, &cat_, &dan_}) {
          if (reviewer == who) continue;
          v1::SubmitReviewRequest r;
          r.set_claim_id(c.id());
          r.set_verdict(i % 3 == 0 && reviewer == &dan_ ? "True" : "False");
          r.set_rationale("checked");
          r.set_confidence(v1::CONFIDENCE_MEDIUM);
          v1::SubmitReviewResponse out;
          (void)reviews->SubmitReview(Ctx(reviewer->token).get(), r, &out);
        }
      }
    });
  }
  std::int64_t last_seq = 0;
  int snapshots = 0;
  while (marked < 180 || snapshots < 5) {
    const v1::Dashboard d = Dashboard(eve_);
    int sum = 0;
    for (const auto& s : d.by_status()) sum += s.count();
    EXPECT_EQ(sum, d.total_claims());
    int decided = 0;
    for (const auto& v : d.by_verdict()) decided += v.count();
    const auto st = ByStatus(d);
    EXPECT_EQ(decided, st.at(v1::CLAIM_STATUS_RESOLVED) + st.at(v1::CLAIM_STATUS_PUBLISHED));
    EXPECT_EQ(static_cast<int>(d.open_disputes_size()), st.at(v1::CLAIM_STATUS_DISPUTED));
    EXPECT_GE(d.as_of_seq(), last_seq);
    last_seq = d.as_of_seq();
    ++snapshots;
    if (marked >= 180 && snapshots >= 5) break;
  }
  for (auto& t : writers) t.join();
  const v1::Dashboard final = Dashboard(eve_);
  EXPECT_EQ(final.total_claims(), 180);
  // Against the database, counted independently.
  const auto st = ByStatus(final);
  EXPECT_EQ(
      st.at(v1::CLAIM_STATUS_RESOLVED),
      std::stoi(server_->QueryValue("SELECT count(*) FROM claims WHERE status = 'RESOLVED'")));
  EXPECT_EQ(
      st.at(v1::CLAIM_STATUS_DISPUTED),
      std::stoi(server_->QueryValue("SELECT count(*) FROM claims WHERE status = 'DISPUTED'")));
  // Every third claim of ben's and of cat's gets a different verdict from dan: 2 x 20.
  EXPECT_EQ(st.at(v1::CLAIM_STATUS_DISPUTED), 40);
  EXPECT_GT(snapshots, 4);
}

}  // namespace
}  // namespace factdesk::testing
