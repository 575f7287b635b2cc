#include "events/event_kind.h"

#include <utility>

#include <google/protobuf/generated_enum_reflection.h>

namespace factdesk::events {

namespace {

// Each kind's stable name: stored in the events table, sent to clients and webhooks. The
// unit tests check that every kind has one and that no two share one.
constexpr std::pair<v1::EventKind, std::string_view> kNames[] = {
    {v1::EVENT_KIND_WORKSPACE_POLICY_UPDATED, "workspace.policy_updated"},
    {v1::EVENT_KIND_WORKSPACE_SCALE_UPDATED, "workspace.scale_updated"},
    {v1::EVENT_KIND_WORKSPACE_PUBLISHER_UPDATED, "workspace.publisher_updated"},
    {v1::EVENT_KIND_MEMBER_SET, "member.set"},
    {v1::EVENT_KIND_MEMBER_REMOVED, "member.removed"},
    {v1::EVENT_KIND_TRANSCRIPT_IMPORTED, "transcript.imported"},
    {v1::EVENT_KIND_CLAIM_CREATED, "claim.created"},
    {v1::EVENT_KIND_CLAIM_UPDATED, "claim.updated"},
    {v1::EVENT_KIND_CLAIM_ASSIGNED, "claim.assigned"},
    {v1::EVENT_KIND_CLAIM_TAKEN, "claim.taken"},
    {v1::EVENT_KIND_CLAIM_DISMISSED, "claim.dismissed"},
    {v1::EVENT_KIND_CLAIM_REOPENED, "claim.reopened"},
    {v1::EVENT_KIND_CLAIM_PUBLISHED, "claim.published"},
    {v1::EVENT_KIND_CLAIM_CORRECTED, "claim.corrected"},
    {v1::EVENT_KIND_SOURCE_ADDED, "source.added"},
    {v1::EVENT_KIND_SOURCE_REMOVED, "source.removed"},
    {v1::EVENT_KIND_NOTE_ADDED, "note.added"},
    {v1::EVENT_KIND_NOTE_EDITED, "note.edited"},
    {v1::EVENT_KIND_NOTE_REMOVED, "note.removed"},
    {v1::EVENT_KIND_REVIEW_SUBMITTED, "review.submitted"},
    {v1::EVENT_KIND_REVIEW_REVISED, "review.revised"},
    {v1::EVENT_KIND_DISPUTE_DECIDED, "dispute.decided"},
    {v1::EVENT_KIND_CLAIM_MATCHED, "claim.matched"},
    {v1::EVENT_KIND_CLAIM_LINKED, "claim.linked"},
    {v1::EVENT_KIND_CLAIM_TAGGED, "claim.tagged"},
    {v1::EVENT_KIND_CLAIM_UNTAGGED, "claim.untagged"},
    {v1::EVENT_KIND_SUGGESTIONS_ADDED, "suggestion.added"},
    {v1::EVENT_KIND_SUGGESTION_ACCEPTED, "suggestion.accepted"},
    {v1::EVENT_KIND_SUGGESTION_DISMISSED, "suggestion.dismissed"},
    {v1::EVENT_KIND_SUGGESTIONS_RESCORED, "suggestion.rescored"},
    {v1::EVENT_KIND_TRANSCRIPT_OPENED, "transcript.opened"},
    {v1::EVENT_KIND_SEGMENTS_APPENDED, "transcript.appended"},
    {v1::EVENT_KIND_TRANSCRIPT_CLOSED, "transcript.closed"},
    {v1::EVENT_KIND_SEGMENT_CORRECTED, "segment.corrected"},
    {v1::EVENT_KIND_CLAIM_REANCHORED, "claim.reanchored"},
    {v1::EVENT_KIND_SUGGESTIONS_MATCHED, "suggestion.matched"},
};

}  // namespace

std::string_view KindName(v1::EventKind kind) {
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name;
  }
  return "";
}

v1::EventKind KindFromName(std::string_view name) {
  // The inverse of KindName, so the names are written once.
  const auto* type = google::protobuf::GetEnumDescriptor<v1::EventKind>();
  for (int i = 0; i < type->value_count(); ++i) {
    const auto kind = static_cast<v1::EventKind>(type->value(i)->number());
    if (!name.empty() && KindName(kind) == name) return kind;
  }
  return v1::EVENT_KIND_UNSPECIFIED;
}

// kind_name is deprecated for readers; these two are the one place that writes and
// reads it.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"

void SetKindFromStoredName(v1::Event* event, std::string_view name) {
  event->set_kind(KindFromName(name));
  event->set_kind_name(std::string(name));
}

std::string_view KindNameOf(const v1::Event& event) {
  const std::string_view name = KindName(event.kind());
  return name.empty() ? std::string_view(event.kind_name()) : name;
}

#pragma GCC diagnostic pop

}  // namespace factdesk::events
