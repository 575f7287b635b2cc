#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/integration/api_fixture.h"
#include "tests/support/test_server.h"

namespace factdesk::testing {

// A fresh server per test, with a member per role (admin ana, editor eve, checkers ben,
// cat and dan, viewer vic), a workspace, and a transcript of 30 speech segments by two
// speakers to mark claims in.
class WorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // Marks a claim in segment `n` (as `by`, ben by default), optionally with a source.
  v1::Claim Mark(int n, bool with_source = true, const TestUser* by = nullptr);
  // Until the server has matched the claim against the archive (claim_match_worker.h).
  void WaitUntilMatched(std::int64_t claim_id);
  v1::Source AddSource(std::int64_t claim_id, const TestUser& by,
                       v1::Stance stance = v1::STANCE_REFUTES);
  // Submits (or, with expected_version > 0, revises) a review.
  grpc::Status Review(const TestUser& by, std::int64_t claim_id, const std::string& verdict,
                      v1::SubmitReviewResponse* out = nullptr, std::int64_t expected_version = 0);
  v1::Claim Get(std::int64_t claim_id, const TestUser* as = nullptr);
  v1::Dispute DisputeOf(std::int64_t claim_id, const TestUser& as);
  grpc::Status Decide(const TestUser& by, std::int64_t dispute_id, const std::string& verdict,
                      v1::Dispute* out = nullptr);
  grpc::Status Publish(const TestUser& by, const v1::Claim& claim, v1::Claim* out = nullptr);
  grpc::Status Dismiss(const TestUser& by, const v1::Claim& claim, v1::Claim* out = nullptr);
  grpc::Status Reopen(const TestUser& by, const v1::Claim& claim, const std::string& reason,
                      v1::Claim* out = nullptr);
  void SetPolicy(int required_reviews, bool require_source, v1::DisputeRule rule);

  // Claims in each state, made through the API.
  v1::Claim OpenClaim(int n) { return Mark(n); }
  v1::Claim InReviewClaim(int n);
  v1::Claim DisputedClaim(int n);
  v1::Claim ResolvedClaim(int n, const std::string& verdict = "False");
  v1::Claim PublishedClaim(int n);
  v1::Claim DismissedClaim(int n);

  // Set before SetUp to start the server with other options.
  std::function<void(server::ServerOptions&)> server_options_;
  std::unique_ptr<TestServer> server_;
  TestUser ana_, eve_, ben_, cat_, dan_, vic_;
  std::int64_t ws_ = 0;
  std::vector<v1::Segment> segments_;
};

}  // namespace factdesk::testing
