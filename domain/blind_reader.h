#pragma once

#include <cstdint>
#include <optional>
#include <unordered_set>
#include <vector>

#include "domain/blind_rule.h"

namespace factdesk::domain {

// The blind rule along one reader's stream of a workspace's events (a Subscribe that
// replays history, then goes live). Everything is judged as of now, never as of each
// event: events up to `as_of_seq` (the history) are shown as the reader may see them
// today — with their membership and role as they are now, and each claim's round as it
// is now — and only events after it move the reader's standing forward (a role change,
// a removal, their own review, a reopening).
class BlindReader {
 public:
  // The reader's standing when the stream began, read in one transaction.
  struct Standing {
    // The workspace's newest seq at that moment.
    std::int64_t as_of_seq = 0;
    Role role = Role::kViewer;
    // Claims whose reviews (any round) the reader may not see now. Editors: none.
    std::vector<std::int64_t> blind_claims;
    // Claims the reader has reviewed in the claim's current round.
    std::vector<std::int64_t> reviewed_this_round;
  };

  // What the rule needs to know of one event.
  struct Event {
    std::int64_t seq = 0;
    // The claim it concerns (0: none).
    std::int64_t claim_id = 0;
    // The claim's state after the event, when the event carries the claim.
    std::optional<ClaimState> claim_state;
    // The event reopened the claim: a new round begins.
    bool starts_round = false;
    // The author of the review it carries (0: no review).
    std::int64_t reviewer_id = 0;
    // The reader's own membership, when the event changes it.
    std::optional<Role> reader_role;
    bool reader_removed = false;
  };

  enum class Verdict {
    kShow,   // as it is
    kBlind,  // others' reviews and every verdict of the claim hidden (own reviews shown)
    kEnd,    // the reader was removed from the workspace: end the stream
  };

  BlindReader(std::int64_t reader_id, Standing standing);

  // Judges events in seq order.
  Verdict Judge(const Event& event);

  Role role() const { return role_; }

 private:
  Verdict JudgeHistory(const Event& event) const;
  Verdict JudgeLive(const Event& event);

  std::int64_t reader_id_;
  std::int64_t as_of_seq_;
  Role role_;
  std::vector<std::int64_t> blind_claims_;  // sorted; released once the history is past
  std::unordered_set<std::int64_t> reviewed_this_round_;
};

}  // namespace factdesk::domain
