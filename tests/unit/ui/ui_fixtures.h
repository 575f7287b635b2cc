#pragma once

// Records for the view logic tests.

#include <cstdint>
#include <string>

#include "factdesk/v1/claim.pb.h"

namespace factdesk::ui::testing {

inline v1::Claim MakeClaim(std::int64_t id, std::int32_t ordinal, std::int32_t start,
                           v1::ClaimStatus status = v1::CLAIM_STATUS_OPEN,
                           std::int64_t transcript = 10) {
  v1::Claim c;
  c.set_id(id);
  c.set_workspace_id(7);
  c.set_transcript_id(transcript);
  c.set_segment_id(transcript * 1000 + ordinal);
  c.set_segment_ordinal(ordinal);
  c.set_start_byte(start);
  c.set_end_byte(start + 5);
  c.set_version(1);
  c.set_status(status);
  c.set_quote("quote " + std::to_string(id));
  c.set_summary("summary " + std::to_string(id));
  c.set_speaker(id % 2 == 0 ? "CLINTON" : "TRUMP");
  return c;
}

}  // namespace factdesk::ui::testing
