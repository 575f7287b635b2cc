#pragma once

#include <cstdint>

#include "client/model/workspace_model.h"

namespace factdesk::ui {

// J/K: the claim after (forward) or before the current one in reading order, among
// those passing `filter`. With no current claim (or one from another transcript), the
// first claim at or after the reading position (J) or the last one before it (K).
// nullptr at either end.
const v1::Claim* StepClaim(const model::WorkspaceModel& model, std::int64_t transcript_id,
                           std::int64_t current_claim_id, std::int32_t reading_ordinal,
                           bool forward, const model::WorkspaceModel::ClaimFilter& filter = {});

}  // namespace factdesk::ui
