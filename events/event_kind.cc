#include "events/event_kind.h"

#include <google/protobuf/generated_enum_reflection.h>

namespace factdesk::events {

std::string_view KindName(v1::EventKind kind) {
  switch (kind) {
    case v1::EVENT_KIND_WORKSPACE_POLICY_UPDATED:
      return "workspace.policy_updated";
    case v1::EVENT_KIND_WORKSPACE_SCALE_UPDATED:
      return "workspace.scale_updated";
    case v1::EVENT_KIND_WORKSPACE_PUBLISHER_UPDATED:
      return "workspace.publisher_updated";
    case v1::EVENT_KIND_MEMBER_SET:
      return "member.set";
    case v1::EVENT_KIND_MEMBER_REMOVED:
      return "member.removed";
    case v1::EVENT_KIND_TRANSCRIPT_IMPORTED:
      return "transcript.imported";
    case v1::EVENT_KIND_CLAIM_CREATED:
      return "claim.created";
    case v1::EVENT_KIND_CLAIM_UPDATED:
      return "claim.updated";
    case v1::EVENT_KIND_CLAIM_ASSIGNED:
      return "claim.assigned";
    case v1::EVENT_KIND_CLAIM_TAKEN:
      return "claim.taken";
    case v1::EVENT_KIND_CLAIM_DISMISSED:
      return "claim.dismissed";
    case v1::EVENT_KIND_CLAIM_REOPENED:
      return "claim.reopened";
    case v1::EVENT_KIND_CLAIM_PUBLISHED:
      return "claim.published";
    case v1::EVENT_KIND_CLAIM_CORRECTED:
      return "claim.corrected";
    case v1::EVENT_KIND_SOURCE_ADDED:
      return "source.added";
    case v1::EVENT_KIND_SOURCE_REMOVED:
      return "source.removed";
    case v1::EVENT_KIND_NOTE_ADDED:
      return "note.added";
    case v1::EVENT_KIND_NOTE_EDITED:
      return "note.edited";
    case v1::EVENT_KIND_NOTE_REMOVED:
      return "note.removed";
    case v1::EVENT_KIND_REVIEW_SUBMITTED:
      return "review.submitted";
    case v1::EVENT_KIND_REVIEW_REVISED:
      return "review.revised";
    case v1::EVENT_KIND_DISPUTE_DECIDED:
      return "dispute.decided";
    case v1::EVENT_KIND_CLAIM_MATCHED:
      return "claim.matched";
    case v1::EVENT_KIND_CLAIM_LINKED:
      return "claim.linked";
    case v1::EVENT_KIND_CLAIM_TAGGED:
      return "claim.tagged";
    case v1::EVENT_KIND_CLAIM_UNTAGGED:
      return "claim.untagged";
    case v1::EVENT_KIND_SUGGESTIONS_ADDED:
      return "suggestion.added";
    case v1::EVENT_KIND_SUGGESTION_ACCEPTED:
      return "suggestion.accepted";
    case v1::EVENT_KIND_SUGGESTION_DISMISSED:
      return "suggestion.dismissed";
    case v1::EVENT_KIND_SUGGESTIONS_RESCORED:
      return "suggestion.rescored";
    case v1::EVENT_KIND_UNSPECIFIED:
    FD_EVENT_KIND_SENTINELS:
      break;
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
