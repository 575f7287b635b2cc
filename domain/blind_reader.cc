#include "domain/blind_reader.h"

#include <algorithm>

namespace factdesk::domain {

BlindReader::BlindReader(std::int64_t reader_id, Standing standing)
    : reader_id_(reader_id),
      as_of_seq_(standing.as_of_seq),
      role_(standing.role),
      blind_claims_(std::move(standing.blind_claims)),
      reviewed_this_round_(standing.reviewed_this_round.begin(),
                           standing.reviewed_this_round.end()) {
  std::sort(blind_claims_.begin(), blind_claims_.end());
}

BlindReader::Verdict BlindReader::Judge(const Event& event) {
  if (event.seq <= as_of_seq_) return JudgeHistory(event);
  if (!blind_claims_.empty()) std::vector<std::int64_t>().swap(blind_claims_);  // history done
  return JudgeLive(event);
}

// History is judged by the standing alone: a removal or role change in it is already
// part of the standing (a member removed and added again is a member), and a claim's
// earlier rounds are as blind as it is now.
BlindReader::Verdict BlindReader::JudgeHistory(const Event& event) const {
  if (event.claim_id == 0) return Verdict::kShow;
  return std::binary_search(blind_claims_.begin(), blind_claims_.end(), event.claim_id)
             ? Verdict::kBlind
             : Verdict::kShow;
}

BlindReader::Verdict BlindReader::JudgeLive(const Event& event) {
  if (event.reader_removed) return Verdict::kEnd;
  if (event.reader_role) role_ = *event.reader_role;
  if (event.claim_id == 0) return Verdict::kShow;
  if (event.starts_round) reviewed_this_round_.erase(event.claim_id);
  if (event.reviewer_id != 0 && event.reviewer_id == reader_id_) {
    reviewed_this_round_.insert(event.claim_id);
  }
  // An event without the claim says nothing about its state: treat it as undecided.
  const ClaimState state = event.claim_state.value_or(ClaimState::kInReview);
  return MaySeeOthersReviews(role_, state, reviewed_this_round_.contains(event.claim_id))
             ? Verdict::kShow
             : Verdict::kBlind;
}

}  // namespace factdesk::domain
