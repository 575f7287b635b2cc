#include "client/model/record_rules.h"

namespace factdesk::model {

bool ClaimReplaces(const v1::Claim& stored, Origin stored_origin, const v1::Claim& incoming,
                   Origin incoming_origin) {
  if (incoming.version() != stored.version()) return incoming.version() > stored.version();
  return incoming_origin == Origin::kEvent || stored_origin == Origin::kFetch;
}

bool ReviewReplaces(const v1::Review& stored, const v1::Review& incoming) {
  if (incoming.version() != stored.version()) return incoming.version() > stored.version();
  return !(incoming.hidden() && !stored.hidden());
}

bool NoteReplaces(const v1::Note& stored, const v1::Note& incoming) {
  return incoming.version() >= stored.version();
}

bool SourceReplaces(const v1::Source& stored, const v1::Source& incoming) {
  return !(stored.removed() && !incoming.removed());
}

bool DisputeReplaces(const v1::Dispute& stored, const v1::Dispute& incoming) {
  return !(stored.status() == v1::DISPUTE_STATUS_CLOSED &&
           incoming.status() != v1::DISPUTE_STATUS_CLOSED);
}

void KeepRevisions(const v1::Note& previous, v1::Note* into) {
  if (into->revisions_size() < previous.revisions_size()) {
    *into->mutable_revisions() = previous.revisions();
  }
}

void KeepRevisions(const v1::Review& previous, v1::Review* into) {
  if (into->hidden() || previous.hidden()) return;
  if (into->revisions_size() < previous.revisions_size()) {
    *into->mutable_revisions() = previous.revisions();
  }
}

}  // namespace factdesk::model
