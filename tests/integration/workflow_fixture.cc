#include "tests/integration/workflow_fixture.h"

#include <chrono>
#include <thread>

#include "factdesk/v1/archive.grpc.pb.h"

namespace factdesk::testing {

void WorkflowTest::SetUp() {
  server_ = std::make_unique<TestServer>(server_options_);
  ana_ = server_->AddUser("ana");
  eve_ = server_->AddUser("eve");
  ben_ = server_->AddUser("ben");
  cat_ = server_->AddUser("cat");
  dan_ = server_->AddUser("dan");
  vic_ = server_->AddUser("vic");
  ws_ = server_->CreateWorkspace("desk", ana_);
  server_->AddMember("desk", eve_, "editor");
  server_->AddMember("desk", ben_, "checker");
  server_->AddMember("desk", cat_, "checker");
  server_->AddMember("desk", dan_, "checker");
  server_->AddMember("desk", vic_, "viewer");
  std::string text;
  for (int i = 0; i < 30; ++i) {
    text += i % 2 == 0 ? "Lena Ortiz: " : "Tom Reyes: ";
    text += "Unemployment fell by " + std::to_string(i + 1) + " percent in year " +
            std::to_string(2000 + i) + ".\n\n";
  }
  v1::ImportTranscriptRequest req;
  req.set_workspace_id(ws_);
  req.set_filename("hearing.txt");
  req.set_content(text);
  v1::ImportTranscriptResponse imported;
  ASSERT_TRUE(server_->transcripts()->ImportTranscript(Ctx(ben_.token).get(), req, &imported).ok());
  v1::ListSegmentsRequest list;
  list.set_transcript_id(imported.transcript().id());
  v1::ListSegmentsResponse segments;
  ASSERT_TRUE(server_->transcripts()->ListSegments(Ctx(ben_.token).get(), list, &segments).ok());
  segments_.assign(segments.segments().begin(), segments.segments().end());
  ASSERT_EQ(segments_.size(), 30U);
}

v1::Claim WorkflowTest::Mark(int n, bool with_source, const TestUser* by) {
  v1::CreateClaimRequest req;
  req.set_segment_id(segments_.at(static_cast<std::size_t>(n)).id());
  req.set_start_byte(0);
  req.set_end_byte(20);
  v1::Claim claim;
  const auto status =
      server_->claims()->CreateClaim(Ctx((by ? *by : ben_).token).get(), req, &claim);
  EXPECT_TRUE(status.ok()) << status.error_message();
  WaitUntilMatched(claim.id());
  if (with_source) AddSource(claim.id(), ben_);
  return Get(claim.id());
}

// The server matches every new claim against the archive off the request path, and
// announces what it found with an event of its own: waited for here, so that the events
// and rows a test counts afterwards are its own. (A bound for a stuck worker only.)
void WorkflowTest::WaitUntilMatched(std::int64_t claim_id) {
  auto archive = v1::ArchiveService::NewStub(server_->channel());
  v1::ListClaimMatchesRequest req;
  req.set_claim_id(claim_id);
  for (int i = 0; i < 1200; ++i) {
    v1::ListClaimMatchesResponse resp;
    const grpc::Status s = archive->ListClaimMatches(Ctx(ben_.token).get(), req, &resp);
    if (!s.ok() || resp.matched()) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ADD_FAILURE() << "claim " << claim_id << " was never matched";
}

v1::Source WorkflowTest::AddSource(std::int64_t claim_id, const TestUser& by, v1::Stance stance) {
  v1::AddSourceRequest req;
  req.set_claim_id(claim_id);
  req.set_url("https://stats.example.org/unemployment/" + std::to_string(claim_id));
  req.set_title("Labour force survey");
  req.set_stance(stance);
  v1::Source source;
  const auto status = server_->sources()->AddSource(Ctx(by.token).get(), req, &source);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return source;
}

grpc::Status WorkflowTest::Review(const TestUser& by, std::int64_t claim_id,
                                  const std::string& verdict, v1::SubmitReviewResponse* out,
                                  std::int64_t expected_version) {
  v1::SubmitReviewRequest req;
  req.set_claim_id(claim_id);
  req.set_verdict(verdict);
  req.set_rationale("The survey says otherwise (" + by.user.handle() + ").");
  req.set_confidence(v1::CONFIDENCE_HIGH);
  req.set_expected_version(expected_version);
  v1::SubmitReviewResponse ignored;
  return server_->reviews()->SubmitReview(Ctx(by.token).get(), req, out ? out : &ignored);
}

v1::Claim WorkflowTest::Get(std::int64_t claim_id, const TestUser* as) {
  v1::GetClaimRequest req;
  req.set_claim_id(claim_id);
  v1::Claim claim;
  EXPECT_TRUE(server_->claims()->GetClaim(Ctx((as ? *as : eve_).token).get(), req, &claim).ok());
  return claim;
}

v1::Dispute WorkflowTest::DisputeOf(std::int64_t claim_id, const TestUser& as) {
  v1::GetDisputeRequest req;
  req.set_claim_id(claim_id);
  v1::Dispute dispute;
  const auto status = server_->reviews()->GetDispute(Ctx(as.token).get(), req, &dispute);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return dispute;
}

grpc::Status WorkflowTest::Decide(const TestUser& by, std::int64_t dispute_id,
                                  const std::string& verdict, v1::Dispute* out) {
  v1::DecideDisputeRequest req;
  req.set_dispute_id(dispute_id);
  req.set_verdict(verdict);
  req.set_reasoning("The official series is authoritative here.");
  v1::Dispute ignored;
  return server_->reviews()->DecideDispute(Ctx(by.token).get(), req, out ? out : &ignored);
}

grpc::Status WorkflowTest::Publish(const TestUser& by, const v1::Claim& claim, v1::Claim* out) {
  v1::PublishClaimRequest req;
  req.set_claim_id(claim.id());
  req.set_expected_version(claim.version());
  v1::Claim ignored;
  return server_->claims()->PublishClaim(Ctx(by.token).get(), req, out ? out : &ignored);
}

grpc::Status WorkflowTest::Dismiss(const TestUser& by, const v1::Claim& claim, v1::Claim* out) {
  v1::DismissClaimRequest req;
  req.set_claim_id(claim.id());
  req.set_expected_version(claim.version());
  req.set_reason(v1::DISMISS_REASON_OPINION);
  req.set_explanation("A statement of opinion.");
  v1::Claim ignored;
  return server_->claims()->DismissClaim(Ctx(by.token).get(), req, out ? out : &ignored);
}

grpc::Status WorkflowTest::Reopen(const TestUser& by, const v1::Claim& claim,
                                  const std::string& reason, v1::Claim* out) {
  v1::ReopenClaimRequest req;
  req.set_claim_id(claim.id());
  req.set_expected_version(claim.version());
  req.set_reason(reason);
  v1::Claim ignored;
  return server_->claims()->ReopenClaim(Ctx(by.token).get(), req, out ? out : &ignored);
}

void WorkflowTest::SetPolicy(int required_reviews, bool require_source, v1::DisputeRule rule) {
  v1::UpdatePolicyRequest req;
  req.set_workspace_id(ws_);
  req.mutable_policy()->set_required_reviews(required_reviews);
  req.mutable_policy()->set_require_source(require_source);
  req.mutable_policy()->set_dispute_rule(rule);
  v1::Workspace ws;
  const auto status = server_->workspaces()->UpdatePolicy(Ctx(ana_.token).get(), req, &ws);
  ASSERT_TRUE(status.ok()) << status.error_message();
}

v1::Claim WorkflowTest::InReviewClaim(int n) {
  const v1::Claim c = Mark(n);
  EXPECT_TRUE(Review(ben_, c.id(), "False").ok());  // one of two reviews: IN_REVIEW
  return Get(c.id());
}

v1::Claim WorkflowTest::DisputedClaim(int n) {
  const v1::Claim c = Mark(n);
  EXPECT_TRUE(Review(ben_, c.id(), "False").ok());
  EXPECT_TRUE(Review(cat_, c.id(), "True").ok());
  return Get(c.id());
}

v1::Claim WorkflowTest::ResolvedClaim(int n, const std::string& verdict) {
  const v1::Claim c = Mark(n);
  EXPECT_TRUE(Review(ben_, c.id(), verdict).ok());
  EXPECT_TRUE(Review(cat_, c.id(), verdict).ok());
  return Get(c.id());
}

v1::Claim WorkflowTest::PublishedClaim(int n) {
  v1::Claim out;
  EXPECT_TRUE(Publish(eve_, ResolvedClaim(n), &out).ok());
  return out;
}

v1::Claim WorkflowTest::DismissedClaim(int n) {
  v1::Claim out;
  EXPECT_TRUE(Dismiss(eve_, Mark(n), &out).ok());
  return out;
}

}  // namespace factdesk::testing
