#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/integration/workflow_fixture.h"

namespace factdesk::testing {

// The workflow desk (a member per role, an imported transcript) and live transcripts fed
// through the API as a caption feed would.
class LiveTranscriptTest : public WorkflowTest {
 protected:
  static v1::SegmentInput In(const std::string& speaker, const std::string& text,
                             std::optional<std::int64_t> start_ms = std::nullopt,
                             std::optional<std::int64_t> end_ms = std::nullopt);

  v1::Transcript Open(const std::string& title = "Debate, live");
  // Appends `segments` at `first_ordinal` as `by` (ben by default).
  grpc::Status Append(std::int64_t transcript_id, int first_ordinal,
                      const std::vector<v1::SegmentInput>& segments,
                      v1::AppendSegmentsResponse* out = nullptr, const TestUser* by = nullptr);
  grpc::Status Close(std::int64_t transcript_id, v1::Transcript* out = nullptr,
                     const TestUser* by = nullptr);
  grpc::Status Correct(std::int64_t segment_id, int expected_revision, const std::string& text,
                       v1::CorrectSegmentResponse* out = nullptr, const TestUser* by = nullptr);
  // Marks [start, end) of the segment as a claim (as ben).
  v1::Claim MarkIn(const v1::Segment& segment, int start, int end);
  std::vector<v1::Segment> SegmentsOf(std::int64_t transcript_id);
  std::int64_t LastSeq();
};

}  // namespace factdesk::testing
