#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "factdesk/v1/transcript.pb.h"
#include "server/store/db.h"
#include "server/store/statement.h"
#include "server/store/transcript_store.h"

// Corrections of a segment's text (migration 0013): the segment's text and revision, and
// one segment_revisions row per correction with the text before and after it.
namespace factdesk::store {

std::span<const Statement> SegmentRevisionStatements();

// The segment with its revision, its row locked for the rest of the transaction.
struct LockedSegment {
  SegmentInfo info;
  int revision = 0;
};
// NOT_FOUND "segment 7 does not exist".
Result<LockedSegment> LockSegment(Tx& tx, std::int64_t segment_id);

struct SegmentCorrection {
  std::int64_t workspace_id = 0;
  std::int64_t segment_id = 0;
  int revision = 0;  // the revision the text becomes
  std::string old_text;
  std::string new_text;
  std::int64_t corrected_by = 0;
  std::string reason;
};
// Replaces the text (the search vector follows) and records the revision.
Result<v1::SegmentRevision> ReviseSegment(Tx& tx, const SegmentCorrection& correction);

// The segment's corrections, oldest first.
std::vector<v1::SegmentRevision> SegmentHistory(Tx& tx, std::int64_t segment_id);

}  // namespace factdesk::store
