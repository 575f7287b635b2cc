#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tests/integration/workflow_fixture.h"

namespace factdesk::testing {

// The workflow fixture (a fresh server, a member per role, a transcript of 30 segments)
// with the calls the tag and search tests make.
class ClaimSearchTest : public WorkflowTest {
 protected:
  // Marks a claim in segment `n` (quote "Unemployment fell by") with its own summary.
  v1::Claim MarkAbout(int n, const std::string& summary);
  grpc::Status Tag(const TestUser& as, std::int64_t claim_id, const std::string& tag,
                   v1::Claim* out = nullptr);
  grpc::Status Untag(const TestUser& as, std::int64_t claim_id, const std::string& tag,
                     v1::Claim* out = nullptr);
  void AddNote(std::int64_t claim_id, const std::string& body);
  void AddTitledSource(std::int64_t claim_id, const std::string& title);
  grpc::Status ReviewWith(const TestUser& by, std::int64_t claim_id, const std::string& verdict,
                          const std::string& rationale);
  // A search of the workspace for `query`, to add filters to.
  v1::SearchClaimsRequest Query(const std::string& query) const;
  grpc::Status Search(const TestUser& as, const v1::SearchClaimsRequest& req,
                      v1::SearchClaimsResponse* out);
  // The claim ids a search finds, best first (the search must succeed).
  std::vector<std::int64_t> Found(const TestUser& as, const v1::SearchClaimsRequest& req);
};

}  // namespace factdesk::testing
