#include "client/ui/claim_navigation.h"

namespace factdesk::ui {

const v1::Claim* StepClaim(const model::WorkspaceModel& model, std::int64_t transcript_id,
                           std::int64_t current_claim_id, std::int32_t reading_ordinal,
                           bool forward, const model::WorkspaceModel::ClaimFilter& filter) {
  const v1::Claim* current = model.FindClaim(current_claim_id);
  if (current != nullptr && current->transcript_id() == transcript_id) {
    return forward ? model.NextClaim(current_claim_id, filter)
                   : model.PreviousClaim(current_claim_id, filter);
  }
  const v1::Claim* at = model.FirstClaimFrom(transcript_id, reading_ordinal, 0, filter);
  if (forward) return at;
  if (at != nullptr) return model.PreviousClaim(at->id(), filter);
  // Nothing at or after the position: the last claim of the transcript.
  const auto all = model.ClaimsOfTranscript(transcript_id, filter);
  return all.empty() ? nullptr : all.back();
}

}  // namespace factdesk::ui
