#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "domain/roles.h"
#include "factdesk/v1/transcript.pb.h"
#include "import/transcript.h"
#include "server/store/db.h"
#include "server/store/statement.h"

namespace factdesk::store {

std::span<const Statement> TranscriptStatements();

struct NewTranscript {
  std::int64_t workspace_id = 0;
  std::string title;
  std::string source_url;
  std::optional<std::int64_t> aired_at_us;
  std::int64_t byte_size = 0;
  std::int64_t imported_by = 0;
  // A normalised BCP 47 tag (domain/language_tag.h); it chooses the search configuration.
  std::string language = "und";
};

// Inserts the transcript, its speakers and (with COPY) its segments.
Result<v1::Transcript> InsertTranscript(Tx& tx, const NewTranscript& meta,
                                        const import::Transcript& parsed);
Result<v1::Transcript> GetTranscript(Tx& tx, std::int64_t transcript_id);
// Sets the language and the search configuration of the transcript and its segments.
void SetTranscriptLanguage(Tx& tx, std::int64_t transcript_id, const std::string& language);
// The transcript's workspace (NOT_FOUND naming the id), without loading the rest.
Result<std::int64_t> TranscriptWorkspace(Tx& tx, std::int64_t transcript_id);
// Newest first, ids below `before_id` (0 = from the newest).
Result<std::vector<v1::Transcript>> ListTranscripts(Tx& tx, std::int64_t workspace_id,
                                                    std::int64_t before_id, int limit);
// Segments with ordinal >= from_ordinal, in order.
Result<std::vector<v1::Segment>> ListSegments(Tx& tx, std::int64_t transcript_id, int from_ordinal,
                                              int limit);

// Segments by id (for exports, which read claims a page at a time).
Result<std::unordered_map<std::int64_t, v1::Segment>> SegmentsById(
    Tx& tx, const std::vector<std::int64_t>& ids);

// What a claim needs to know about its segment.
struct SegmentInfo {
  std::int64_t id = 0;
  std::int64_t workspace_id = 0;
  std::int64_t transcript_id = 0;
  int ordinal = 0;
  v1::SegmentKind kind = v1::SEGMENT_KIND_UNSPECIFIED;
  std::string speaker;
  std::string text;
};
Result<SegmentInfo> GetSegment(Tx& tx, std::int64_t segment_id);
// The segment and the user's role in its workspace (none for a non-member), for a change
// anchored in it (a new claim), with the workspace lock taken shared and the seq to be
// taken at COMMIT (Tx::TakeSeqAtCommit's work) by the same statement.
struct SegmentPlace {
  SegmentInfo segment;
  std::optional<domain::Role> role;
};
Result<SegmentPlace> SegmentPlaceSharingWorkspace(Tx& tx, std::int64_t segment_id,
                                                  std::int64_t user_id);

struct SearchPage {
  std::vector<v1::SearchHit> hits;
  int total = 0;
};
// Full-text search (websearch syntax), each transcript in its language's configuration,
// best first.
Result<SearchPage> SearchSegments(Tx& tx, std::int64_t workspace_id, std::int64_t transcript_id,
                                  const std::string& query, int offset, int limit);

}  // namespace factdesk::store
