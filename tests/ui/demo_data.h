#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/grpcpp.h>

#include "common/result.h"
#include "factdesk/v1/transcript.pb.h"

namespace factdesk::testing {

// Demo and test data for the desktop, made through the public API (so it is exactly
// what a team's work would look like): a transcript, claims in several states, sources,
// notes, reviews that agree and reviews that disagree.

struct DemoPeople {
  // An editor or admin (assigns, dismisses) and two checkers (mark, source, review).
  std::string editor_token;
  std::string checker_token;
  std::string second_checker_token;
};

struct DemoResult {
  std::int64_t workspace_id = 0;
  std::int64_t transcript_id = 0;
  // A claim with sources, notes and reviews (for the inspector screenshot).
  std::int64_t showcase_claim_id = 0;
  int claims = 0;
};

// Imports `content` as `filename` into the workspace with this slug; returns the
// transcript.
Result<v1::Transcript> ImportTranscript(const std::shared_ptr<grpc::Channel>& channel,
                                        const std::string& token, const std::string& slug,
                                        const std::string& filename, const std::string& content,
                                        const std::string& title = "");
// All segments of a transcript.
Result<std::vector<v1::Segment>> AllSegments(const std::shared_ptr<grpc::Channel>& channel,
                                             const std::string& token, std::int64_t transcript_id);
// Imports the transcript and works on it as a small team would.
Result<DemoResult> SeedDemo(const std::shared_ptr<grpc::Channel>& channel, const DemoPeople& people,
                            const std::string& slug, const std::string& filename,
                            const std::string& content, const std::string& title = "");

}  // namespace factdesk::testing
