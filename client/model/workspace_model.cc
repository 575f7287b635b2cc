#include "client/model/workspace_model.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "domain/blind_rule.h"
#include "events/event_description.h"
#include "events/event_kind.h"
#include "proto/domain_enums.h"

namespace factdesk::model {
namespace {

Change::Subject SubjectOf(v1::EventKind kind) {
  switch (kind) {
    case v1::EVENT_KIND_WORKSPACE_POLICY_UPDATED:
    case v1::EVENT_KIND_WORKSPACE_SCALE_UPDATED:
    case v1::EVENT_KIND_WORKSPACE_PUBLISHER_UPDATED:
      return Change::Subject::kWorkspace;
    case v1::EVENT_KIND_MEMBER_SET:
    case v1::EVENT_KIND_MEMBER_REMOVED:
      return Change::Subject::kMember;
    case v1::EVENT_KIND_TRANSCRIPT_IMPORTED:
    case v1::EVENT_KIND_TRANSCRIPT_OPENED:
    case v1::EVENT_KIND_SEGMENTS_APPENDED:
    case v1::EVENT_KIND_TRANSCRIPT_CLOSED:
    case v1::EVENT_KIND_SEGMENT_CORRECTED:
      return Change::Subject::kTranscript;
    case v1::EVENT_KIND_CLAIM_CREATED:
    case v1::EVENT_KIND_CLAIM_UPDATED:
    case v1::EVENT_KIND_CLAIM_ASSIGNED:
    case v1::EVENT_KIND_CLAIM_TAKEN:
    case v1::EVENT_KIND_CLAIM_DISMISSED:
    case v1::EVENT_KIND_CLAIM_REOPENED:
    case v1::EVENT_KIND_CLAIM_PUBLISHED:
    case v1::EVENT_KIND_CLAIM_CORRECTED:
    case v1::EVENT_KIND_CLAIM_MATCHED:
    case v1::EVENT_KIND_CLAIM_LINKED:
    case v1::EVENT_KIND_CLAIM_TAGGED:
    case v1::EVENT_KIND_CLAIM_UNTAGGED:
    case v1::EVENT_KIND_SUGGESTION_ACCEPTED:  // carries the claim it became
    case v1::EVENT_KIND_CLAIM_REANCHORED:
      return Change::Subject::kClaim;
    case v1::EVENT_KIND_SOURCE_ADDED:
    case v1::EVENT_KIND_SOURCE_REMOVED:
      return Change::Subject::kSource;
    case v1::EVENT_KIND_NOTE_ADDED:
    case v1::EVENT_KIND_NOTE_EDITED:
    case v1::EVENT_KIND_NOTE_REMOVED:
      return Change::Subject::kNote;
    case v1::EVENT_KIND_REVIEW_SUBMITTED:
    case v1::EVENT_KIND_REVIEW_REVISED:
      return Change::Subject::kReview;
    case v1::EVENT_KIND_DISPUTE_DECIDED:
      return Change::Subject::kDispute;
    case v1::EVENT_KIND_SUGGESTIONS_ADDED:
    case v1::EVENT_KIND_SUGGESTION_DISMISSED:
    case v1::EVENT_KIND_SUGGESTIONS_RESCORED:
    case v1::EVENT_KIND_SUGGESTIONS_MATCHED:
    case v1::EVENT_KIND_UNSPECIFIED:
    FD_EVENT_KIND_SENTINELS:
      break;
  }
  return Change::Subject::kOther;
}

Change::What WhatOf(v1::EventKind kind) {
  switch (kind) {
    case v1::EVENT_KIND_TRANSCRIPT_IMPORTED:
    case v1::EVENT_KIND_CLAIM_CREATED:
    case v1::EVENT_KIND_SOURCE_ADDED:
    case v1::EVENT_KIND_NOTE_ADDED:
    case v1::EVENT_KIND_REVIEW_SUBMITTED:
    case v1::EVENT_KIND_SUGGESTIONS_ADDED:
    case v1::EVENT_KIND_SUGGESTION_ACCEPTED:
    case v1::EVENT_KIND_TRANSCRIPT_OPENED:
      return Change::What::kCreated;
    case v1::EVENT_KIND_MEMBER_REMOVED:
    case v1::EVENT_KIND_SOURCE_REMOVED:
    case v1::EVENT_KIND_NOTE_REMOVED:
      return Change::What::kRemoved;
    case v1::EVENT_KIND_WORKSPACE_POLICY_UPDATED:
    case v1::EVENT_KIND_WORKSPACE_SCALE_UPDATED:
    case v1::EVENT_KIND_WORKSPACE_PUBLISHER_UPDATED:
    case v1::EVENT_KIND_MEMBER_SET:
    case v1::EVENT_KIND_CLAIM_UPDATED:
    case v1::EVENT_KIND_CLAIM_ASSIGNED:
    case v1::EVENT_KIND_CLAIM_TAKEN:
    case v1::EVENT_KIND_CLAIM_DISMISSED:
    case v1::EVENT_KIND_CLAIM_REOPENED:
    case v1::EVENT_KIND_CLAIM_PUBLISHED:
    case v1::EVENT_KIND_CLAIM_CORRECTED:
    case v1::EVENT_KIND_CLAIM_TAGGED:
    case v1::EVENT_KIND_CLAIM_UNTAGGED:
    case v1::EVENT_KIND_NOTE_EDITED:
    case v1::EVENT_KIND_REVIEW_REVISED:
    case v1::EVENT_KIND_DISPUTE_DECIDED:
    case v1::EVENT_KIND_CLAIM_MATCHED:
    case v1::EVENT_KIND_CLAIM_LINKED:
    case v1::EVENT_KIND_SUGGESTION_DISMISSED:
    case v1::EVENT_KIND_SUGGESTIONS_RESCORED:
    case v1::EVENT_KIND_SEGMENTS_APPENDED:
    case v1::EVENT_KIND_TRANSCRIPT_CLOSED:
    case v1::EVENT_KIND_SEGMENT_CORRECTED:
    case v1::EVENT_KIND_CLAIM_REANCHORED:
    case v1::EVENT_KIND_SUGGESTIONS_MATCHED:
    case v1::EVENT_KIND_UNSPECIFIED:
    FD_EVENT_KIND_SENTINELS:
      break;
  }
  return Change::What::kUpdated;
}

// Settled claims are outside the blind rule: everyone may see every review.
bool Settled(v1::ClaimStatus status) {
  return domain::ReviewsAreOpen(v1::ToDomain(status).value_or(domain::ClaimState::kOpen));
}

v1::NoteThread ThreadOf(const v1::Note& note) {
  return note.thread() == v1::NOTE_THREAD_UNSPECIFIED ? v1::NOTE_THREAD_CLAIM : note.thread();
}

// The claim an event concerns: named on the event, or the claim of the record it carries.
std::int64_t ClaimIdOf(const v1::Event& event) {
  if (event.claim_id() != 0) return event.claim_id();
  if (event.has_claim()) return event.claim().id();
  if (event.has_source()) return event.source().claim_id();
  if (event.has_note()) return event.note().claim_id();
  if (event.has_review()) return event.review().claim_id();
  if (event.has_dispute()) return event.dispute().claim_id();
  return 0;
}

// The id of the record an event changed, by what kind of record it is.
std::int64_t RecordIdOf(const v1::Event& event, Change::Subject subject, std::int64_t claim_id) {
  switch (subject) {
    case Change::Subject::kWorkspace:
      return event.workspace_id();
    case Change::Subject::kMember:
      return event.member().user().id();
    case Change::Subject::kTranscript:
      return event.transcript().id();
    case Change::Subject::kClaim:
      return claim_id;
    case Change::Subject::kSource:
      return event.source().id();
    case Change::Subject::kNote:
      return event.note().id();
    case Change::Subject::kReview:
      return event.review().id();
    case Change::Subject::kDispute:
      return event.dispute().id();
    case Change::Subject::kOther:
      break;
  }
  return 0;
}

// Stores a note or a review unless the stored copy is newer; an edit keeps the earlier
// revisions the model already had.
template <typename Record>
bool StoreRevised(std::map<std::int64_t, Record>& stored, const Record& record,
                  bool (*replaces)(const Record&, const Record&)) {
  auto it = stored.find(record.id());
  if (it == stored.end()) {
    stored.emplace(record.id(), record);
    return true;
  }
  if (!replaces(it->second, record)) return false;
  Record copy = record;
  KeepRevisions(it->second, &copy);
  it->second = std::move(copy);
  return true;
}

}  // namespace

const char* SubjectName(Change::Subject subject) {
  switch (subject) {
    case Change::Subject::kWorkspace:
      return "workspace";
    case Change::Subject::kMember:
      return "member";
    case Change::Subject::kTranscript:
      return "transcript";
    case Change::Subject::kClaim:
      return "claim";
    case Change::Subject::kSource:
      return "source";
    case Change::Subject::kNote:
      return "note";
    case Change::Subject::kReview:
      return "review";
    case Change::Subject::kDispute:
      return "dispute";
    case Change::Subject::kOther:
      break;
  }
  return "other";
}

const char* WhatName(Change::What what) {
  switch (what) {
    case Change::What::kCreated:
      return "created";
    case Change::What::kRemoved:
      return "removed";
    case Change::What::kUpdated:
      break;
  }
  return "updated";
}

const char* OutcomeName(ApplyResult::Outcome outcome) {
  switch (outcome) {
    case ApplyResult::Outcome::kApplied:
      return "applied";
    case ApplyResult::Outcome::kDuplicate:
      return "duplicate";
    case ApplyResult::Outcome::kGap:
      return "gap";
    case ApplyResult::Outcome::kForeign:
      break;
  }
  return "foreign";
}

WorkspaceModel::WorkspaceModel(std::int64_t self_user_id) : self_user_id_(self_user_id) {}

void WorkspaceModel::Reset() {
  *this = WorkspaceModel(self_user_id_);
}

// ---- The live stream --------------------------------------------------------------

// The claim an event carries, and the archive matches that arrive with it or for it.
void WorkspaceModel::ApplyClaimAndMatches(const v1::Event& event) {
  if (event.has_claim()) {
    StoreClaim(event.claim(), Origin::kEvent);
    if (event.kind() == v1::EVENT_KIND_CLAIM_CREATED ||
        event.kind() == v1::EVENT_KIND_SUGGESTION_ACCEPTED) {
      // Followed from its creation on: every source, note and review it will ever have
      // comes as a later event, so its lists are complete without a fetch.
      auto& records = records_[event.claim().id()];
      records.sources_loaded = records.notes_loaded = records.reviews_loaded = true;
    }
  }
  if (event.kind() == v1::EVENT_KIND_SUGGESTION_ACCEPTED && event.has_claim() &&
      event.suggestions().suggestions_size() == 1 && MatchesOf(event.claim().id()) == nullptr &&
      event.suggestions().suggestions(0).matches_size() > 0) {
    // The server carried the suggestion's matches to the claim: shown before the claim's
    // own matching (CLAIM_MATCHED) replaces them.
    v1::ListClaimMatchesResponse carried;
    carried.set_matched(true);
    *carried.mutable_matches() = event.suggestions().suggestions(0).matches();
    SetMatches(event.claim().id(), carried);
  }
  if (event.kind() == v1::EVENT_KIND_CLAIM_MATCHED) {
    v1::ListClaimMatchesResponse matches;
    matches.set_matched(true);
    *matches.mutable_matches() = event.matches();
    SetMatches(event.claim_id(), matches);
  }
}

ApplyResult WorkspaceModel::Apply(const v1::Event& event) {
  ApplyResult result;
  result.expected_seq = gate_.next();
  if (has_workspace_ && workspace_.id() != 0 && event.workspace_id() != 0 &&
      event.workspace_id() != workspace_.id()) {
    result.outcome = ApplyResult::Outcome::kForeign;
    return result;
  }
  switch (gate_.Admit(event.seq())) {
    case SeqGate::Verdict::kOlder:
      result.outcome = ApplyResult::Outcome::kDuplicate;
      return result;
    case SeqGate::Verdict::kGap:
      result.outcome = ApplyResult::Outcome::kGap;
      return result;
    case SeqGate::Verdict::kNext:
      break;
  }
  // Each record the event carries is the full new state; the record rules guard against
  // a fetched copy that is already newer.
  if (event.has_workspace()) {
    const v1::Role role = workspace_.my_role();  // events carry no role: it is per viewer
    workspace_ = event.workspace();
    workspace_.set_my_role(role);
    has_workspace_ = true;
    settings_seq_ = event.seq();
  }
  if (has_workspace_) workspace_.set_last_seq(event.seq());
  if (event.has_member()) ApplyMember(event);
  if (event.has_transcript()) transcripts_[event.transcript().id()] = event.transcript();
  ApplySegments(event);
  if (event.has_suggestions()) suggestions_.Apply(event.kind(), event.suggestions());
  ApplyClaimAndMatches(event);
  if (event.has_source()) StoreSource(event.source());
  if (event.has_note()) StoreNote(event.note());
  if (event.has_review()) StoreReview(event.review());
  if (event.has_dispute()) StoreDispute(event.dispute());

  if (event.has_review()) {
    const bool own = self_user_id_ != 0 && event.review().reviewer().id() == self_user_id_;
    CheckReviewRefetch(event.review().claim_id(), own);
  } else if (event.has_claim()) {
    CheckReviewRefetch(event.claim().id(), false);
  }

  Change change = Describe(event);
  Record(change);
  result.outcome = ApplyResult::Outcome::kApplied;
  result.expected_seq = gate_.next();
  result.change = std::move(change);
  return result;
}

void WorkspaceModel::ApplySegments(const v1::Event& event) {
  if (!event.segments().empty()) {
    const v1::Segment& first = event.segments(0);
    const std::int64_t transcript_id =
        first.transcript_id() != 0 ? first.transcript_id() : event.transcript().id();
    // Events are in commit order, so a page that does not fit is the server's mistake;
    // the segments are fetched again when the reader needs them.
    (void)segments_.Set(transcript_id, first.ordinal(),
                        {event.segments().begin(), event.segments().end()});
  }
  if (event.has_correction()) {
    const v1::SegmentRevision& c = event.correction();
    segment_history_[c.segment_id()].by_revision[c.revision()] = c;
    suggestions_.DropOpenOfSegment(c.segment_id());
  }
  for (const v1::Claim& claim : event.claims()) StoreClaim(claim, Origin::kEvent);
}

void WorkspaceModel::ApplyMember(const v1::Event& event) {
  const v1::Member& member = event.member();
  const std::int64_t user_id = member.user().id();
  const bool removed = event.kind() == v1::EVENT_KIND_MEMBER_REMOVED;
  if (removed) {
    members_.erase(user_id);
  } else {
    members_[user_id] = member;
  }
  if (self_user_id_ != 0 && user_id == self_user_id_) {
    workspace_.set_my_role(removed ? v1::ROLE_UNSPECIFIED : member.role());
    self_role_seq_ = last_seq();
  }
}

bool WorkspaceModel::ApplyPresence(const v1::Presence& presence,
                                   PresenceTable::Clock::time_point now) {
  return presence_.Apply(presence, now);
}

std::size_t WorkspaceModel::ExpirePresence(PresenceTable::Clock::time_point now) {
  return presence_.Expire(now);
}

Change WorkspaceModel::Describe(const v1::Event& event) const {
  Change c;
  c.kind = event.kind();
  c.description = events::DescribeEvent(event);
  c.seq = event.seq();
  c.subject = SubjectOf(event.kind());
  c.what = WhatOf(event.kind());
  c.actor_id = event.actor().id();
  c.actor_handle = event.actor().handle();
  c.by_self = self_user_id_ != 0 && c.actor_id == self_user_id_;
  c.replayed = event.seq() <= history_seq_;

  c.claim_id = ClaimIdOf(event);
  if (const v1::Claim* claim = FindClaim(c.claim_id)) {
    c.transcript_id = claim->transcript_id();
    c.segment_id = claim->segment_id();
  }

  c.record_id = RecordIdOf(event, c.subject, c.claim_id);
  if (c.subject == Change::Subject::kTranscript) {
    c.transcript_id = event.transcript().id();
    // A correction carries its segment, not the transcript.
    if (!event.segments().empty() && c.transcript_id == 0) {
      c.transcript_id = event.segments(0).transcript_id();
      c.record_id = c.transcript_id;
    }
    if (event.kind() == v1::EVENT_KIND_SEGMENT_CORRECTED && !event.segments().empty()) {
      c.segment_id = event.segments(0).id();
    }
  }
  return c;
}

void WorkspaceModel::Record(Change change) {
  // The scorer's progress and a live feed's new segments are nobody's change to catch
  // up on (the reader shows the segments as they come).
  const bool scorer = change.kind == v1::EVENT_KIND_SUGGESTIONS_ADDED ||
                      change.kind == v1::EVENT_KIND_SUGGESTIONS_MATCHED ||
                      change.kind == v1::EVENT_KIND_SEGMENTS_APPENDED;
  if (!change.by_self && !change.replayed && !scorer) ++unseen_;
  changes_.push_back(std::move(change));
  while (changes_.size() > kMaxQueuedChanges) {
    changes_.pop_front();
    ++dropped_changes_;
  }
}

std::vector<Change> WorkspaceModel::TakeChanges() {
  std::vector<Change> out(std::make_move_iterator(changes_.begin()),
                          std::make_move_iterator(changes_.end()));
  changes_.clear();
  return out;
}

// ---- Loading from RPC results -------------------------------------------------------

void WorkspaceModel::SetWorkspace(const v1::Workspace& workspace) {
  const v1::Role stored_role = workspace_.my_role();
  const bool newer_settings = !has_workspace_ || workspace.last_seq() >= settings_seq_;
  if (newer_settings) workspace_ = workspace;
  // The role is the caller's own; a member event for the local user after this fetch's
  // snapshot is newer than it.
  workspace_.set_my_role(workspace.last_seq() >= self_role_seq_ ? workspace.my_role()
                                                                : stored_role);
  workspace_.set_last_seq(std::max(workspace.last_seq(), last_seq()));
  history_seq_ = std::max(history_seq_, workspace.last_seq());
  has_workspace_ = true;
}

void WorkspaceModel::SetMembers(const std::vector<v1::Member>& members) {
  members_.clear();
  for (const auto& m : members) members_[m.user().id()] = m;
}

void WorkspaceModel::UpsertMember(const v1::Member& member) {
  members_[member.user().id()] = member;
}

void WorkspaceModel::UpsertTranscript(const v1::Transcript& transcript) {
  auto it = transcripts_.find(transcript.id());
  if (it == transcripts_.end()) {
    transcripts_.emplace(transcript.id(), transcript);
    return;
  }
  const v1::Transcript& stored = it->second;
  // Segments are only ever appended and LIVE only becomes CLOSED: a copy behind either
  // was read before events already applied.
  const bool behind = transcript.segment_count() < stored.segment_count() ||
                      (stored.state() == v1::TRANSCRIPT_STATE_CLOSED &&
                       transcript.state() != v1::TRANSCRIPT_STATE_CLOSED);
  if (!behind) it->second = transcript;
}

void WorkspaceModel::SetSegmentHistory(std::int64_t segment_id,
                                       const std::vector<v1::SegmentRevision>& history) {
  auto& known = segment_history_[segment_id];
  for (const auto& r : history) known.by_revision[r.revision()] = r;
  known.loaded = true;
}

void WorkspaceModel::SetSuggestions(std::int64_t transcript_id,
                                    const v1::ListSuggestionsResponse& listing) {
  suggestions_.SetListing(transcript_id, listing);
}

std::vector<const v1::SegmentRevision*> WorkspaceModel::SegmentHistory(
    std::int64_t segment_id) const {
  std::vector<const v1::SegmentRevision*> out;
  auto it = segment_history_.find(segment_id);
  if (it == segment_history_.end()) return out;
  for (const auto& [revision, r] : it->second.by_revision) out.push_back(&r);
  return out;
}

bool WorkspaceModel::SegmentHistoryLoaded(std::int64_t segment_id) const {
  auto it = segment_history_.find(segment_id);
  return it != segment_history_.end() && it->second.loaded;
}

Status WorkspaceModel::SetSegments(std::int64_t transcript_id, std::int32_t first_ordinal,
                                   std::vector<v1::Segment> segments) {
  return segments_.Set(transcript_id, first_ordinal, std::move(segments));
}

bool WorkspaceModel::UpsertClaim(const v1::Claim& claim) {
  const bool changed = StoreClaim(claim, Origin::kFetch);
  if (changed) CheckReviewRefetch(claim.id(), false);
  return changed;
}

void WorkspaceModel::UpsertClaims(const std::vector<v1::Claim>& claims) {
  for (const auto& c : claims) UpsertClaim(c);
}

void WorkspaceModel::SetSources(std::int64_t claim_id, const std::vector<v1::Source>& sources) {
  for (const auto& s : sources) {
    if (s.claim_id() == claim_id || s.claim_id() == 0) {
      v1::Source copy = s;
      copy.set_claim_id(claim_id);
      StoreSource(copy);
    }
  }
  records_[claim_id].sources_loaded = true;
}

void WorkspaceModel::SetNotes(std::int64_t claim_id, const std::vector<v1::Note>& notes) {
  for (const auto& n : notes) {
    if (n.claim_id() == claim_id || n.claim_id() == 0) {
      v1::Note copy = n;
      copy.set_claim_id(claim_id);
      StoreNote(copy);
    }
  }
  records_[claim_id].notes_loaded = true;
}

void WorkspaceModel::SetReviews(std::int64_t claim_id, const std::vector<v1::Review>& reviews) {
  for (const auto& r : reviews) {
    if (r.claim_id() == claim_id || r.claim_id() == 0) {
      v1::Review copy = r;
      copy.set_claim_id(claim_id);
      StoreReview(copy);
    }
  }
  auto& records = records_[claim_id];
  records.reviews_loaded = true;
  records.review_refetch = false;
}

void WorkspaceModel::UpsertSource(const v1::Source& source) {
  StoreSource(source);
}

void WorkspaceModel::UpsertNote(const v1::Note& note) {
  StoreNote(note);
}

void WorkspaceModel::UpsertReview(const v1::Review& review) {
  StoreReview(review);
  const bool own = self_user_id_ != 0 && review.reviewer().id() == self_user_id_;
  CheckReviewRefetch(review.claim_id(), own);
}

void WorkspaceModel::SetDispute(const v1::Dispute& dispute) {
  if (dispute.has_claim()) UpsertClaim(dispute.claim());
  for (const auto& r : dispute.reviews()) StoreReview(r);
  for (const auto& s : dispute.sources()) StoreSource(s);
  StoreDispute(dispute);
}

// ---- Storage with the record rules --------------------------------------------------

WorkspaceModel::ClaimKey WorkspaceModel::KeyOf(const v1::Claim& claim) {
  return {claim.segment_ordinal(), claim.start_byte(), claim.end_byte(), claim.id()};
}

void WorkspaceModel::IndexClaim(const v1::Claim& claim) {
  claims_by_transcript_[claim.transcript_id()].insert(KeyOf(claim));
  claims_by_segment_[claim.segment_id()].insert(KeyOf(claim));
}

void WorkspaceModel::UnindexClaim(const v1::Claim& claim) {
  if (auto it = claims_by_transcript_.find(claim.transcript_id());
      it != claims_by_transcript_.end()) {
    it->second.erase(KeyOf(claim));
    if (it->second.empty()) claims_by_transcript_.erase(it);
  }
  if (auto it = claims_by_segment_.find(claim.segment_id()); it != claims_by_segment_.end()) {
    it->second.erase(KeyOf(claim));
    if (it->second.empty()) claims_by_segment_.erase(it);
  }
}

bool WorkspaceModel::StoreClaim(const v1::Claim& claim, Origin origin) {
  auto it = claims_.find(claim.id());
  if (it == claims_.end()) {
    claims_.emplace(claim.id(), StoredClaim{claim, origin});
    IndexClaim(claim);
    return true;
  }
  StoredClaim& stored = it->second;
  if (!ClaimReplaces(stored.claim, stored.origin, claim, origin)) return false;
  // A re-anchored claim moves in the reading order.
  if (KeyOf(stored.claim) != KeyOf(claim) ||
      stored.claim.transcript_id() != claim.transcript_id() ||
      stored.claim.segment_id() != claim.segment_id()) {
    UnindexClaim(stored.claim);
    IndexClaim(claim);
  }
  stored = StoredClaim{claim, origin};
  return true;
}

bool WorkspaceModel::StoreSource(const v1::Source& source) {
  auto& sources = records_[source.claim_id()].sources;
  auto it = sources.find(source.id());
  if (it != sources.end() && !SourceReplaces(it->second, source)) return false;
  sources.insert_or_assign(source.id(), source);
  source_claim_[source.id()] = source.claim_id();
  return true;
}

bool WorkspaceModel::StoreNote(const v1::Note& note) {
  if (!StoreRevised(records_[note.claim_id()].notes, note, &NoteReplaces)) return false;
  note_claim_[note.id()] = note.claim_id();
  return true;
}

bool WorkspaceModel::StoreReview(const v1::Review& review) {
  if (!StoreRevised(records_[review.claim_id()].reviews, review, &ReviewReplaces)) return false;
  review_claim_[review.id()] = review.claim_id();
  return true;
}

bool WorkspaceModel::StoreDispute(const v1::Dispute& dispute) {
  auto& disputes = records_[dispute.claim_id()].disputes;
  auto it = disputes.find(dispute.id());
  if (it != disputes.end() && !DisputeReplaces(it->second, dispute)) return false;
  v1::Dispute copy = dispute;
  // Kept once, as records of their own (GetDispute embeds them).
  copy.clear_claim();
  copy.clear_reviews();
  copy.clear_sources();
  disputes.insert_or_assign(dispute.id(), std::move(copy));
  return true;
}

void WorkspaceModel::CheckReviewRefetch(std::int64_t claim_id, bool own_review_arrived) {
  auto rit = records_.find(claim_id);
  bool others_hidden = false;
  int known = 0;
  if (rit != records_.end()) {
    for (const auto& [id, review] : rit->second.reviews) {
      ++known;
      if (review.hidden() && review.reviewer().id() != self_user_id_) others_hidden = true;
    }
  }
  const v1::Claim* claim = FindClaim(claim_id);
  bool refetch = false;
  if (own_review_arrived) {
    // Our own review lifts the blind rule for us; reviews we hold hidden, or do not hold
    // at all, must be fetched again to be seen.
    refetch = others_hidden || (claim != nullptr && known < claim->review_count());
  }
  if (claim != nullptr && Settled(claim->status()) && others_hidden) refetch = true;
  if (refetch) records_[claim_id].review_refetch = true;
}

// ---- Queries ------------------------------------------------------------------------

bool WorkspaceModel::NeedsReviewRefetch(std::int64_t claim_id) const {
  const auto* r = RecordsOf(claim_id);
  return r != nullptr && r->review_refetch;
}

std::vector<std::int64_t> WorkspaceModel::ClaimsNeedingReviewRefetch() const {
  std::vector<std::int64_t> out;
  for (const auto& [id, records] : records_) {
    if (records.review_refetch) out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

void WorkspaceModel::ClearReviewRefetch(std::int64_t claim_id) {
  if (auto it = records_.find(claim_id); it != records_.end()) it->second.review_refetch = false;
}

std::vector<const v1::Member*> WorkspaceModel::Members() const {
  std::vector<const v1::Member*> out;
  out.reserve(members_.size());
  for (const auto& [id, m] : members_) out.push_back(&m);
  std::sort(out.begin(), out.end(), [](const v1::Member* a, const v1::Member* b) {
    return a->user().handle() < b->user().handle();
  });
  return out;
}

const v1::Member* WorkspaceModel::FindMember(std::int64_t user_id) const {
  auto it = members_.find(user_id);
  return it == members_.end() ? nullptr : &it->second;
}

const v1::Member* WorkspaceModel::FindMemberByHandle(const std::string& handle) const {
  for (const auto& [id, m] : members_) {
    if (m.user().handle() == handle) return &m;
  }
  return nullptr;
}

std::vector<const v1::Transcript*> WorkspaceModel::Transcripts() const {
  std::vector<const v1::Transcript*> out;
  out.reserve(transcripts_.size());
  for (auto it = transcripts_.rbegin(); it != transcripts_.rend(); ++it) out.push_back(&it->second);
  return out;
}

const v1::Transcript* WorkspaceModel::FindTranscript(std::int64_t transcript_id) const {
  auto it = transcripts_.find(transcript_id);
  return it == transcripts_.end() ? nullptr : &it->second;
}

std::optional<std::int32_t> WorkspaceModel::FirstMissingSegment(std::int64_t transcript_id,
                                                                std::int32_t from) const {
  const v1::Transcript* t = FindTranscript(transcript_id);
  return segments_.FirstMissing(transcript_id, from, t == nullptr ? 0 : t->segment_count());
}

const v1::Claim* WorkspaceModel::FindClaim(std::int64_t claim_id) const {
  auto it = claims_.find(claim_id);
  return it == claims_.end() ? nullptr : &it->second.claim;
}

std::vector<const v1::Claim*> WorkspaceModel::ClaimsOfTranscript(std::int64_t transcript_id,
                                                                 const ClaimFilter& filter) const {
  std::vector<const v1::Claim*> out;
  auto it = claims_by_transcript_.find(transcript_id);
  if (it == claims_by_transcript_.end()) return out;
  for (const auto& key : it->second) {
    const v1::Claim* claim = FindClaim(key.id);
    if (claim != nullptr && (!filter || filter(*claim))) out.push_back(claim);
  }
  return out;
}

std::vector<const v1::Claim*> WorkspaceModel::ClaimsOfSegment(std::int64_t segment_id) const {
  std::vector<const v1::Claim*> out;
  auto it = claims_by_segment_.find(segment_id);
  if (it == claims_by_segment_.end()) return out;
  for (const auto& key : it->second) {
    if (const v1::Claim* claim = FindClaim(key.id)) out.push_back(claim);
  }
  return out;
}

const v1::Claim* WorkspaceModel::Step(std::int64_t claim_id, bool forward,
                                      const ClaimFilter& filter) const {
  const v1::Claim* from = FindClaim(claim_id);
  if (from == nullptr) return nullptr;
  auto t = claims_by_transcript_.find(from->transcript_id());
  if (t == claims_by_transcript_.end()) return nullptr;
  const auto& keys = t->second;
  auto it = keys.find(KeyOf(*from));
  if (it == keys.end()) return nullptr;
  while (true) {
    if (forward) {
      if (++it == keys.end()) return nullptr;
    } else {
      if (it == keys.begin()) return nullptr;
      --it;
    }
    const v1::Claim* claim = FindClaim(it->id);
    if (claim != nullptr && (!filter || filter(*claim))) return claim;
  }
}

const v1::Claim* WorkspaceModel::NextClaim(std::int64_t claim_id, const ClaimFilter& filter) const {
  return Step(claim_id, true, filter);
}

const v1::Claim* WorkspaceModel::PreviousClaim(std::int64_t claim_id,
                                               const ClaimFilter& filter) const {
  return Step(claim_id, false, filter);
}

const v1::Claim* WorkspaceModel::FirstClaimFrom(std::int64_t transcript_id,
                                                std::int32_t segment_ordinal,
                                                std::int32_t start_byte,
                                                const ClaimFilter& filter) const {
  auto t = claims_by_transcript_.find(transcript_id);
  if (t == claims_by_transcript_.end()) return nullptr;
  const ClaimKey from{segment_ordinal, start_byte, std::numeric_limits<std::int32_t>::min(),
                      std::numeric_limits<std::int64_t>::min()};
  for (auto it = t->second.lower_bound(from); it != t->second.end(); ++it) {
    const v1::Claim* claim = FindClaim(it->id);
    if (claim != nullptr && (!filter || filter(*claim))) return claim;
  }
  return nullptr;
}

std::map<v1::ClaimStatus, int> WorkspaceModel::CountByStatus(std::int64_t transcript_id) const {
  std::map<v1::ClaimStatus, int> counts;
  for (const auto& [id, stored] : claims_) {
    if (transcript_id == 0 || stored.claim.transcript_id() == transcript_id) {
      ++counts[stored.claim.status()];
    }
  }
  return counts;
}

const WorkspaceModel::ClaimRecords* WorkspaceModel::RecordsOf(std::int64_t claim_id) const {
  auto it = records_.find(claim_id);
  return it == records_.end() ? nullptr : &it->second;
}

std::vector<const v1::Source*> WorkspaceModel::Sources(std::int64_t claim_id,
                                                       bool include_removed) const {
  std::vector<const v1::Source*> out;
  if (const auto* r = RecordsOf(claim_id)) {
    for (const auto& [id, s] : r->sources) {
      if (include_removed || !s.removed()) out.push_back(&s);
    }
  }
  return out;
}

const v1::Source* WorkspaceModel::FindSource(std::int64_t source_id) const {
  auto it = source_claim_.find(source_id);
  if (it == source_claim_.end()) return nullptr;
  const auto* r = RecordsOf(it->second);
  if (r == nullptr) return nullptr;
  auto s = r->sources.find(source_id);
  return s == r->sources.end() ? nullptr : &s->second;
}

std::vector<WorkspaceModel::ThreadedNote> WorkspaceModel::Notes(std::int64_t claim_id,
                                                                v1::NoteThread thread) const {
  std::vector<ThreadedNote> out;
  const auto* r = RecordsOf(claim_id);
  if (r == nullptr) return out;
  std::vector<v1::NoteThread> threads;
  if (thread == v1::NOTE_THREAD_UNSPECIFIED) {
    threads = {v1::NOTE_THREAD_CLAIM, v1::NOTE_THREAD_DISPUTE};
  } else {
    threads = {thread};
  }
  for (const v1::NoteThread t : threads) {
    // Replies by parent, each list by id (the map iterates by id).
    std::map<std::int64_t, std::vector<const v1::Note*>> replies;
    std::vector<const v1::Note*> roots;
    for (const auto& [id, note] : r->notes) {
      if (ThreadOf(note) != t) continue;
      auto parent = r->notes.find(note.parent_id());
      const bool has_parent =
          note.parent_id() != 0 && parent != r->notes.end() && ThreadOf(parent->second) == t;
      if (has_parent) {
        replies[note.parent_id()].push_back(&note);
      } else {
        roots.push_back(&note);
      }
    }
    // Depth-first without recursion (reply chains can be long).
    std::vector<ThreadedNote> stack;
    for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack.push_back({*it, 0});
    while (!stack.empty()) {
      const ThreadedNote top = stack.back();
      stack.pop_back();
      out.push_back(top);
      auto children = replies.find(top.note->id());
      if (children == replies.end()) continue;
      for (auto it = children->second.rbegin(); it != children->second.rend(); ++it) {
        stack.push_back({*it, top.depth + 1});
      }
    }
  }
  return out;
}

const v1::Note* WorkspaceModel::FindNote(std::int64_t note_id) const {
  auto it = note_claim_.find(note_id);
  if (it == note_claim_.end()) return nullptr;
  const auto* r = RecordsOf(it->second);
  if (r == nullptr) return nullptr;
  auto n = r->notes.find(note_id);
  return n == r->notes.end() ? nullptr : &n->second;
}

std::vector<const v1::Review*> WorkspaceModel::Reviews(std::int64_t claim_id) const {
  std::vector<const v1::Review*> out;
  if (const auto* r = RecordsOf(claim_id)) {
    for (const auto& [id, review] : r->reviews) out.push_back(&review);
  }
  return out;
}

const v1::Review* WorkspaceModel::FindReview(std::int64_t review_id) const {
  auto it = review_claim_.find(review_id);
  if (it == review_claim_.end()) return nullptr;
  const auto* r = RecordsOf(it->second);
  if (r == nullptr) return nullptr;
  auto v = r->reviews.find(review_id);
  return v == r->reviews.end() ? nullptr : &v->second;
}

const v1::Review* WorkspaceModel::OwnReview(std::int64_t claim_id) const {
  if (self_user_id_ == 0) return nullptr;
  if (const auto* r = RecordsOf(claim_id)) {
    for (const auto& [id, review] : r->reviews) {
      if (review.reviewer().id() == self_user_id_) return &review;
    }
  }
  return nullptr;
}

const v1::Dispute* WorkspaceModel::DisputeOf(std::int64_t claim_id) const {
  const auto* r = RecordsOf(claim_id);
  if (r == nullptr || r->disputes.empty()) return nullptr;
  return &r->disputes.rbegin()->second;
}

std::vector<const v1::Dispute*> WorkspaceModel::Disputes(std::int64_t claim_id) const {
  std::vector<const v1::Dispute*> out;
  if (const auto* r = RecordsOf(claim_id)) {
    for (const auto& [id, d] : r->disputes) out.push_back(&d);
  }
  return out;
}

void WorkspaceModel::SetMatches(std::int64_t claim_id,
                                const v1::ListClaimMatchesResponse& matches) {
  auto& stored = records_[claim_id].matches;
  // A fetch that raced the matching event does not undo it.
  if (stored && stored->matched() && !matches.matched()) return;
  stored = matches;
}

const v1::ListClaimMatchesResponse* WorkspaceModel::MatchesOf(std::int64_t claim_id) const {
  const auto* r = RecordsOf(claim_id);
  return r != nullptr && r->matches ? &*r->matches : nullptr;
}

bool WorkspaceModel::SourcesLoaded(std::int64_t claim_id) const {
  const auto* r = RecordsOf(claim_id);
  return r != nullptr && r->sources_loaded;
}

bool WorkspaceModel::NotesLoaded(std::int64_t claim_id) const {
  const auto* r = RecordsOf(claim_id);
  return r != nullptr && r->notes_loaded;
}

bool WorkspaceModel::ReviewsLoaded(std::int64_t claim_id) const {
  const auto* r = RecordsOf(claim_id);
  return r != nullptr && r->reviews_loaded;
}

std::vector<const v1::Presence*> WorkspaceModel::PresentWhere(
    const std::function<bool(const v1::Presence&)>& where) const {
  return presence_.Select([&](const v1::Presence& p) {
    return (self_user_id_ == 0 || p.user().id() != self_user_id_) && where(p);
  });
}

std::vector<const v1::Presence*> WorkspaceModel::PresentOthers() const {
  return PresentWhere([](const v1::Presence&) { return true; });
}

std::vector<const v1::Presence*> WorkspaceModel::PresentInTranscript(
    std::int64_t transcript_id) const {
  return PresentWhere(
      [transcript_id](const v1::Presence& p) { return p.transcript_id() == transcript_id; });
}

std::vector<const v1::Presence*> WorkspaceModel::PresentInSegment(std::int64_t segment_id) const {
  return PresentWhere([segment_id](const v1::Presence& p) { return p.segment_id() == segment_id; });
}

std::vector<const v1::Presence*> WorkspaceModel::PresentOnClaim(std::int64_t claim_id) const {
  return PresentWhere([claim_id](const v1::Presence& p) { return p.claim_id() == claim_id; });
}

}  // namespace factdesk::model
