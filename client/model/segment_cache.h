#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/status.h"
#include "factdesk/v1/transcript.pb.h"

namespace factdesk::model {

// The segments the client holds, per transcript by ordinal: ListSegments pages, and the
// segments live events carry (appended, corrected). A segment's text changes only by a
// correction, which bumps its revision, so a copy never replaces one of a higher
// revision (a page fetched before a correction may arrive after its event).
class SegmentCache {
 public:
  // Stores a page of consecutive segments starting at `first_ordinal`. INVALID_ARGUMENT
  // (and nothing stored) when a segment names another transcript or an ordinal out of
  // sequence.
  Status Set(std::int64_t transcript_id, std::int32_t first_ordinal,
             std::vector<v1::Segment> segments);

  const v1::Segment* At(std::int64_t transcript_id, std::int32_t ordinal) const;
  const v1::Segment* Find(std::int64_t segment_id) const;
  // The loaded segments of a transcript by ordinal (nullptr when none).
  const std::map<std::int32_t, v1::Segment>* Of(std::int64_t transcript_id) const;
  // The first ordinal >= `from` that is not loaded; nullopt when all of [from, count)
  // are. `count` is the transcript's segment_count.
  std::optional<std::int32_t> FirstMissing(std::int64_t transcript_id, std::int32_t from,
                                           std::int32_t count) const;
  void Drop(std::int64_t transcript_id);
  void Clear();

 private:
  std::unordered_map<std::int64_t, std::map<std::int32_t, v1::Segment>> by_transcript_;
  // segment id -> (transcript id, ordinal)
  std::unordered_map<std::int64_t, std::pair<std::int64_t, std::int32_t>> by_id_;
};

}  // namespace factdesk::model
