#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>
#include <vector>

#include "factdesk/v1/live.pb.h"
#include "factdesk/v1/suggestion.pb.h"

namespace factdesk::model {

// The scorer's suggestions the client knows, per transcript, and how far scoring has got.
// Fed by ListSuggestions (SetListing) and the suggestion.* events (Apply), in any order:
// a decision (accepted, dismissed) is final, so an older open copy never undoes it; a
// rescore drops the transcript's open suggestions, and the added events that follow
// bring the new ones.
class SuggestionBook {
 public:
  // A ListSuggestions answer for one transcript (open ones, or all when asked).
  void SetListing(std::int64_t transcript_id, const v1::ListSuggestionsResponse& listing);
  // An accept or dismiss answer.
  void Upsert(const v1::Suggestion& suggestion);
  // A suggestion.* event's batch (`kind` says which).
  void Apply(v1::EventKind kind, const v1::SuggestionBatch& batch);
  // A correction replaced the segment's text: its open suggestions pointed into the old
  // one, and the server dropped them (the decided ones stay).
  void DropOpenOfSegment(std::int64_t segment_id);
  void Clear();

  const v1::Suggestion* Find(std::int64_t suggestion_id) const;
  // Open suggestions of a transcript, best first (score, then reading order).
  std::vector<const v1::Suggestion*> Ranked(std::int64_t transcript_id) const;
  // Open suggestions of a segment by start byte (the reader's underline).
  std::vector<const v1::Suggestion*> OfSegment(std::int64_t segment_id) const;
  // The transcript's scoring as last heard (nullptr: nothing heard yet).
  const v1::ScoringStatus* Status(std::int64_t transcript_id) const;
  // The open suggestion after / before `suggestion_id` in Ranked order (the first / last
  // one when it is not open or unknown); nullptr when there is none.
  const v1::Suggestion* Step(std::int64_t transcript_id, std::int64_t suggestion_id,
                             bool forward) const;

 private:
  void Store(const v1::Suggestion& suggestion);
  void DropOpen(std::int64_t transcript_id);
  void Forget(std::int64_t suggestion_id);

  std::unordered_map<std::int64_t, v1::Suggestion> by_id_;
  // Ids per transcript and per segment.
  std::unordered_map<std::int64_t, std::set<std::int64_t>> by_transcript_;
  std::unordered_map<std::int64_t, std::set<std::int64_t>> by_segment_;
  std::unordered_map<std::int64_t, v1::ScoringStatus> status_;
};

}  // namespace factdesk::model
