#pragma once

// Builders for the protobuf records the model tests feed it.

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "events/event_kind.h"
#include "factdesk/v1/live.pb.h"

namespace factdesk::model::testing {

inline constexpr std::int64_t kWorkspace = 7;
inline constexpr std::int64_t kSelf = 1;
inline constexpr std::int64_t kOther = 2;
inline constexpr std::int64_t kThird = 3;

inline v1::User MakeUser(std::int64_t id) {
  v1::User u;
  u.set_id(id);
  u.set_handle("user" + std::to_string(id));
  u.set_display_name("User " + std::to_string(id));
  return u;
}

inline v1::Claim MakeClaim(std::int64_t id, std::int64_t version, std::int32_t ordinal = 0,
                           std::int32_t start = 0, std::int64_t transcript = 10) {
  v1::Claim c;
  c.set_id(id);
  c.set_workspace_id(kWorkspace);
  c.set_transcript_id(transcript);
  c.set_segment_id(transcript * 1000 + ordinal);
  c.set_segment_ordinal(ordinal);
  c.set_start_byte(start);
  c.set_end_byte(start + 5);
  c.set_version(version);
  c.set_status(v1::CLAIM_STATUS_OPEN);
  c.set_summary("claim " + std::to_string(id) + " v" + std::to_string(version));
  return c;
}

inline v1::Review MakeReview(std::int64_t id, std::int64_t claim, std::int64_t reviewer,
                             std::int64_t version, bool hidden) {
  v1::Review r;
  r.set_id(id);
  r.set_workspace_id(kWorkspace);
  r.set_claim_id(claim);
  *r.mutable_reviewer() = MakeUser(reviewer);
  r.set_version(version);
  r.set_hidden(hidden);
  if (!hidden) {
    r.mutable_verdict()->set_label("False");
    r.set_rationale("because v" + std::to_string(version));
  }
  return r;
}

inline v1::Source MakeSource(std::int64_t id, std::int64_t claim, bool removed = false) {
  v1::Source s;
  s.set_id(id);
  s.set_workspace_id(kWorkspace);
  s.set_claim_id(claim);
  s.set_url("https://example.org/" + std::to_string(id));
  s.set_stance(v1::STANCE_REFUTES);
  s.set_removed(removed);
  return s;
}

inline v1::Note MakeNote(std::int64_t id, std::int64_t claim, std::int64_t version,
                         std::int64_t parent = 0, v1::NoteThread thread = v1::NOTE_THREAD_CLAIM) {
  v1::Note n;
  n.set_id(id);
  n.set_workspace_id(kWorkspace);
  n.set_claim_id(claim);
  n.set_parent_id(parent);
  n.set_thread(thread);
  n.set_version(version);
  n.set_body("note " + std::to_string(id) + " v" + std::to_string(version));
  return n;
}

// `kind` by its stable name ("claim.created"), through the one name <-> EventKind mapping.
inline v1::Event MakeEvent(std::int64_t seq, std::string_view kind, std::int64_t actor = kOther) {
  v1::Event e;
  e.set_workspace_id(kWorkspace);
  e.set_seq(seq);
  e.set_kind(events::KindFromName(kind));
  if (e.kind() == v1::EVENT_KIND_UNSPECIFIED) {
    throw std::invalid_argument("no event kind is called " + std::string(kind));
  }
  *e.mutable_actor() = MakeUser(actor);
  return e;
}

inline v1::Event ClaimEvent(std::int64_t seq, std::string_view kind, const v1::Claim& claim,
                            std::int64_t actor = kOther) {
  v1::Event e = MakeEvent(seq, kind, actor);
  e.set_claim_id(claim.id());
  *e.mutable_claim() = claim;
  return e;
}

inline v1::Workspace MakeWorkspace(std::int64_t last_seq, v1::Role role = v1::ROLE_CHECKER) {
  v1::Workspace w;
  w.set_id(kWorkspace);
  w.set_slug("debate-night");
  w.set_name("Debate night");
  w.set_my_role(role);
  w.set_last_seq(last_seq);
  w.mutable_policy()->set_required_reviews(2);
  return w;
}

}  // namespace factdesk::model::testing
