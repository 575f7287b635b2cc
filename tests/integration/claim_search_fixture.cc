#include "tests/integration/claim_search_fixture.h"

namespace factdesk::testing {

v1::Claim ClaimSearchTest::MarkAbout(int n, const std::string& summary) {
  v1::CreateClaimRequest req;
  req.set_segment_id(segments_.at(static_cast<std::size_t>(n)).id());
  req.set_start_byte(0);
  req.set_end_byte(20);
  req.set_summary(summary);
  v1::Claim claim;
  const auto status = server_->claims()->CreateClaim(Ctx(ben_.token).get(), req, &claim);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return claim;
}

grpc::Status ClaimSearchTest::Tag(const TestUser& as, std::int64_t claim_id, const std::string& tag,
                                  v1::Claim* out) {
  v1::TagClaimRequest req;
  req.set_claim_id(claim_id);
  req.set_tag(tag);
  v1::Claim ignored;
  return server_->claims()->TagClaim(Ctx(as.token).get(), req, out ? out : &ignored);
}

grpc::Status ClaimSearchTest::Untag(const TestUser& as, std::int64_t claim_id,
                                    const std::string& tag, v1::Claim* out) {
  v1::UntagClaimRequest req;
  req.set_claim_id(claim_id);
  req.set_tag(tag);
  v1::Claim ignored;
  return server_->claims()->UntagClaim(Ctx(as.token).get(), req, out ? out : &ignored);
}

void ClaimSearchTest::AddNote(std::int64_t claim_id, const std::string& body) {
  v1::AddNoteRequest req;
  req.set_claim_id(claim_id);
  req.set_body(body);
  v1::Note note;
  const auto status = server_->notes()->AddNote(Ctx(ben_.token).get(), req, &note);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

void ClaimSearchTest::AddTitledSource(std::int64_t claim_id, const std::string& title) {
  v1::AddSourceRequest req;
  req.set_claim_id(claim_id);
  req.set_url("https://example.org/source/" + std::to_string(claim_id));
  req.set_title(title);
  req.set_stance(v1::STANCE_CONTEXT);
  v1::Source source;
  const auto status = server_->sources()->AddSource(Ctx(ben_.token).get(), req, &source);
  EXPECT_TRUE(status.ok()) << status.error_message();
}

grpc::Status ClaimSearchTest::ReviewWith(const TestUser& by, std::int64_t claim_id,
                                         const std::string& verdict, const std::string& rationale) {
  v1::SubmitReviewRequest req;
  req.set_claim_id(claim_id);
  req.set_verdict(verdict);
  req.set_rationale(rationale);
  req.set_confidence(v1::CONFIDENCE_MEDIUM);
  v1::SubmitReviewResponse out;
  return server_->reviews()->SubmitReview(Ctx(by.token).get(), req, &out);
}

v1::SearchClaimsRequest ClaimSearchTest::Query(const std::string& query) const {
  v1::SearchClaimsRequest req;
  req.set_workspace_id(ws_);
  req.set_query(query);
  return req;
}

grpc::Status ClaimSearchTest::Search(const TestUser& as, const v1::SearchClaimsRequest& req,
                                     v1::SearchClaimsResponse* out) {
  return server_->claims()->SearchClaims(Ctx(as.token).get(), req, out);
}

std::vector<std::int64_t> ClaimSearchTest::Found(const TestUser& as,
                                                 const v1::SearchClaimsRequest& req) {
  v1::SearchClaimsResponse resp;
  const auto status = Search(as, req, &resp);
  EXPECT_TRUE(status.ok()) << status.error_message();
  std::vector<std::int64_t> ids;
  for (const auto& hit : resp.hits()) ids.push_back(hit.claim().id());
  return ids;
}

}  // namespace factdesk::testing
