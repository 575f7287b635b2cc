#pragma once

#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/note.pb.h"
#include "factdesk/v1/review.pb.h"
#include "factdesk/v1/source.pb.h"

namespace factdesk::model {

// The rules that keep a replicated record from moving backwards. Events arrive in seq
// order, but RPC results (initial load, refetches) can be older than events already
// applied, so every write path asks these before replacing a stored copy.

// Where a copy of a record came from.
enum class Origin { kEvent, kFetch };

// Claims: a higher version wins, a lower one loses. An equal version from an event
// replaces (events carry the counts — sources, notes, reviews — that change without a
// version bump, and events are in commit order); an equal version from a fetch only
// replaces another fetched copy, since it may have been read before the event.
bool ClaimReplaces(const v1::Claim& stored, Origin stored_origin, const v1::Claim& incoming,
                   Origin incoming_origin);

// Reviews: a higher version wins, a lower one loses; at an equal version a redacted
// (hidden) copy never replaces a visible one (the blind rule applies per copy, and a
// visible copy of the same version is strictly more information).
bool ReviewReplaces(const v1::Review& stored, const v1::Review& incoming);

// Notes: a higher or equal version wins (edits and removals bump it).
bool NoteReplaces(const v1::Note& stored, const v1::Note& incoming);

// Sources never change except by removal, which is final: a copy that is not removed
// never replaces a removed one.
bool SourceReplaces(const v1::Source& stored, const v1::Source& incoming);

// Disputes go OPEN -> CLOSED once: an open copy never replaces a closed one.
bool DisputeReplaces(const v1::Dispute& stored, const v1::Dispute& incoming);

// Revisions only grow, and events and short listings omit them: when `into` carries
// fewer revisions than `previous`, it keeps the previous ones. (Not for hidden reviews,
// whose revisions are redacted.)
void KeepRevisions(const v1::Note& previous, v1::Note* into);
void KeepRevisions(const v1::Review& previous, v1::Review* into);

}  // namespace factdesk::model
