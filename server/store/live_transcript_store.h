#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "factdesk/v1/transcript.pb.h"
#include "import/transcript.h"
#include "server/store/db.h"
#include "server/store/statement.h"
#include "server/store/transcript_store.h"

// Live transcripts (migration 0013): opened empty, appended to while they air, closed.
namespace factdesk::store {

std::span<const Statement> LiveTranscriptStatements();

// An empty LIVE transcript; `format` is the feed's ("text", "vtt", ...).
Result<v1::Transcript> OpenLiveTranscript(Tx& tx, const NewTranscript& meta,
                                          const std::string& format);

// The transcript's state and size, its row locked for the rest of the transaction.
struct LiveTranscript {
  std::int64_t workspace_id = 0;
  v1::TranscriptState state = v1::TRANSCRIPT_STATE_UNSPECIFIED;
  int segment_count = 0;
  std::string language;
};
// NOT_FOUND "transcript 7 does not exist".
Result<LiveTranscript> LockTranscript(Tx& tx, std::int64_t transcript_id);

// Appends `segments` (finished and checked) at ordinals segment_count.. in three
// statements whatever their number: the new speakers, the segments (one multi-row
// INSERT), the transcript's count and size. The stored segments, in order.
Result<std::vector<v1::Segment>> AppendSegments(Tx& tx, std::int64_t workspace_id,
                                                std::int64_t transcript_id, int first_ordinal,
                                                const std::vector<import::Segment>& segments);

// LIVE -> CLOSED, now.
void CloseTranscript(Tx& tx, std::int64_t transcript_id);

}  // namespace factdesk::store
