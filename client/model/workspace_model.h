#pragma once

#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "client/model/apply_result.h"
#include "client/model/change.h"
#include "client/model/presence_table.h"
#include "client/model/record_rules.h"
#include "client/model/segment_cache.h"
#include "client/model/suggestion_book.h"
#include "common/seq_gate.h"
#include "common/status.h"
#include "factdesk/v1/archive.pb.h"
#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/live.pb.h"
#include "factdesk/v1/note.pb.h"
#include "factdesk/v1/review.pb.h"
#include "factdesk/v1/source.pb.h"
#include "factdesk/v1/suggestion.pb.h"
#include "factdesk/v1/transcript.pb.h"
#include "factdesk/v1/workspace.pb.h"

namespace factdesk::model {

// The client's replica of one workspace.
//
// Owned by one thread (the UI thread in the desktop, the main thread in the CLI), so it
// has no locks; network threads hand it events through that thread.
//
// Two write paths feed it:
//  - Apply(event): the live stream, strictly in seq order. Duplicates are ignored and
//    gaps refused, so re-delivery after a reconnect is harmless.
//  - Set*/Upsert*: RPC results (initial load, refetches). These may be older than
//    events already applied, so every record type has a rule that keeps it from
//    moving backwards (record_rules.h), and the same rules guard events.
//
// Loading, either way:
//  (a) fetch first: SetSelfUserId(WhoAmI); ws = GetWorkspace; SetWorkspace(ws);
//      SetLastSeq(ws.last_seq()); then ListMembers/ListTranscripts/ListClaims into
//      SetMembers/UpsertTranscript/UpsertClaims; subscribe with after_seq =
//      ws.last_seq(). Events may overtake the listings; the version rules sort it out.
//  (b) replay: SetSelfUserId; SetWorkspace(GetWorkspace) for the caller's role; subscribe
//      from 0 and Apply everything.
// Either way, sources, notes and reviews of a claim are fetched when a view needs them
// (SourcesLoaded() etc. say whether it must), and segments with ListSegments.
//
// Telling the user what changed: every applied event yields a Change (returned by
// Apply and queued). The desktop drains the queue once per frame with TakeChanges();
// UnseenChanges() counts remote changes (not by the local user, not replayed history)
// since the last MarkSeen(), for a badge. No callbacks: a queue cannot re-enter the
// model while it is being changed.
class WorkspaceModel {
 public:
  // Changes kept for TakeChanges(); older ones are dropped (and counted) past this.
  static constexpr std::size_t kMaxQueuedChanges = 4096;

  struct ThreadedNote {
    const v1::Note* note = nullptr;
    // 0 for top-level notes, 1 for replies to them, ...
    int depth = 0;
  };
  using ClaimFilter = std::function<bool(const v1::Claim&)>;

  explicit WorkspaceModel(std::int64_t self_user_id = 0);

  // The local user (WhoAmI), for Change::by_self, presence and the blind rule refetch.
  void SetSelfUserId(std::int64_t user_id) { self_user_id_ = user_id; }
  std::int64_t self_user_id() const { return self_user_id_; }

  // Forgets everything except the local user (e.g. after OUT_OF_RANGE: the server's data
  // was reset, so the replica is rebuilt from seq 0).
  void Reset();

  // ---- The live stream ------------------------------------------------------------

  // Applies the event if its seq is the next one (see ApplyResult).
  ApplyResult Apply(const v1::Event& event);
  // The seq of the last applied event (or the snapshot the model was loaded at).
  std::int64_t last_seq() const { return gate_.last(); }
  // Declares that the fetched state is as of `seq` (loading path (a)); the next event
  // applied must be seq + 1.
  void SetLastSeq(std::int64_t seq) { gate_.Reset(seq); }

  // Presence (not sequenced). `now` is the local wall clock.
  bool ApplyPresence(const v1::Presence& presence,
                     PresenceTable::Clock::time_point now = PresenceTable::Clock::now());
  // Drops presence entries 35 s past their last update; returns how many. Call about
  // once a second.
  std::size_t ExpirePresence(PresenceTable::Clock::time_point now = PresenceTable::Clock::now());

  // ---- Changes ----------------------------------------------------------------------

  // The queued Changes, oldest first; the queue is emptied.
  std::vector<Change> TakeChanges();
  bool HasQueuedChanges() const { return !changes_.empty(); }
  // Changes dropped because the queue was full and nobody drained it.
  std::size_t DroppedChanges() const { return dropped_changes_; }
  // Remote changes since the last MarkSeen().
  int UnseenChanges() const { return unseen_; }
  void MarkSeen() { unseen_ = 0; }

  // ---- Loading from RPC results -------------------------------------------------------

  // GetWorkspace. Its last_seq dates it: settings older than an applied workspace event,
  // or a role older than an applied member event for the local user, are not taken.
  // Events up to its last_seq count as history, not as unseen changes.
  void SetWorkspace(const v1::Workspace& workspace);
  // ListMembers: replaces the member list.
  void SetMembers(const std::vector<v1::Member>& members);
  void UpsertMember(const v1::Member& member);
  // A fetched transcript never shrinks or reopens a live one an event already grew or
  // closed (a listing may be older than the stream).
  void UpsertTranscript(const v1::Transcript& transcript);
  // ListSegments pages (see SegmentCache::Set).
  Status SetSegments(std::int64_t transcript_id, std::int32_t first_ordinal,
                     std::vector<v1::Segment> segments);
  // GetSegmentHistory of one segment; the corrections events bring are added to it.
  void SetSegmentHistory(std::int64_t segment_id, const std::vector<v1::SegmentRevision>& history);
  // ListSuggestions of one transcript; AcceptSuggestion and DismissSuggestion answers.
  void SetSuggestions(std::int64_t transcript_id, const v1::ListSuggestionsResponse& listing);
  void UpsertSuggestion(const v1::Suggestion& suggestion) { suggestions_.Upsert(suggestion); }
  // GetClaim, ListClaims, mutation responses. Returns whether the stored copy changed.
  bool UpsertClaim(const v1::Claim& claim);
  void UpsertClaims(const std::vector<v1::Claim>& claims);
  // ListSources/ListNotes/ListReviews of one claim. Records are never deleted, so these
  // merge (by the record rules) and mark the claim's list as loaded. SetReviews also
  // clears the claim's review refetch flag.
  void SetSources(std::int64_t claim_id, const std::vector<v1::Source>& sources);
  void SetNotes(std::int64_t claim_id, const std::vector<v1::Note>& notes);
  void SetReviews(std::int64_t claim_id, const std::vector<v1::Review>& reviews);
  // Single records from mutation responses (AddSource, EditNote, SubmitReview, ...).
  void UpsertSource(const v1::Source& source);
  void UpsertNote(const v1::Note& note);
  void UpsertReview(const v1::Review& review);
  // ListClaimMatches of one claim: the earlier checks the server found ("checked
  // before?"). A CLAIM_MATCHED event replaces them too.
  void SetMatches(std::int64_t claim_id, const v1::ListClaimMatchesResponse& matches);
  // GetDispute/ListDisputes/DecideDispute. The claim, reviews and sources GetDispute
  // embeds are upserted as records of their own (and not kept inside the dispute).
  void SetDispute(const v1::Dispute& dispute);

  // ---- Blind reviews ----------------------------------------------------------------

  // True once the local user's own review of the claim has arrived while other reviews
  // of it are hidden (or not all of them are known), or once the claim is settled
  // (RESOLVED, PUBLISHED, DISMISSED) with hidden reviews: call ListReviews and
  // SetReviews to see them.
  bool NeedsReviewRefetch(std::int64_t claim_id) const;
  std::vector<std::int64_t> ClaimsNeedingReviewRefetch() const;
  // For a caller that gave up on the refetch (e.g. it failed permanently).
  void ClearReviewRefetch(std::int64_t claim_id);

  // ---- Queries ----------------------------------------------------------------------

  bool has_workspace() const { return has_workspace_; }
  const v1::Workspace& workspace() const { return workspace_; }
  v1::Role my_role() const { return workspace_.my_role(); }

  // Members by handle.
  std::vector<const v1::Member*> Members() const;
  const v1::Member* FindMember(std::int64_t user_id) const;
  const v1::Member* FindMemberByHandle(const std::string& handle) const;

  // Transcripts, newest (highest id) first.
  std::vector<const v1::Transcript*> Transcripts() const;
  const v1::Transcript* FindTranscript(std::int64_t transcript_id) const;

  const v1::Segment* SegmentAt(std::int64_t transcript_id, std::int32_t ordinal) const {
    return segments_.At(transcript_id, ordinal);
  }
  const v1::Segment* FindSegment(std::int64_t segment_id) const {
    return segments_.Find(segment_id);
  }
  const SegmentCache& segments() const { return segments_; }
  // A segment's corrections, oldest first, as far as known; whether they were fetched
  // (SetSegmentHistory) rather than only seen on the stream.
  std::vector<const v1::SegmentRevision*> SegmentHistory(std::int64_t segment_id) const;
  bool SegmentHistoryLoaded(std::int64_t segment_id) const;
  // The scorer's suggestions per transcript.
  const SuggestionBook& suggestions() const { return suggestions_; }
  // The first segment ordinal >= from that still has to be fetched (nullopt: none, up to
  // the transcript's segment_count; unknown transcripts count as empty).
  std::optional<std::int32_t> FirstMissingSegment(std::int64_t transcript_id,
                                                  std::int32_t from = 0) const;

  const v1::Claim* FindClaim(std::int64_t claim_id) const;
  std::size_t claim_count() const { return claims_.size(); }
  // Claims of a transcript in reading order (segment ordinal, start byte, end byte, id).
  std::vector<const v1::Claim*> ClaimsOfTranscript(std::int64_t transcript_id,
                                                   const ClaimFilter& filter = {}) const;
  // Claims of a segment by start byte.
  std::vector<const v1::Claim*> ClaimsOfSegment(std::int64_t segment_id) const;
  // The claim after / before `claim_id` in its transcript's reading order that passes
  // `filter` (J/K keys); nullptr at either end or for an unknown claim.
  const v1::Claim* NextClaim(std::int64_t claim_id, const ClaimFilter& filter = {}) const;
  const v1::Claim* PreviousClaim(std::int64_t claim_id, const ClaimFilter& filter = {}) const;
  // The first claim at or after a reading position (for J with nothing selected).
  const v1::Claim* FirstClaimFrom(std::int64_t transcript_id, std::int32_t segment_ordinal,
                                  std::int32_t start_byte, const ClaimFilter& filter = {}) const;
  // Claims per status, in one transcript or (0) the whole workspace.
  std::map<v1::ClaimStatus, int> CountByStatus(std::int64_t transcript_id = 0) const;

  // Sources of a claim, oldest (lowest id) first; removed ones only when asked.
  std::vector<const v1::Source*> Sources(std::int64_t claim_id, bool include_removed = false) const;
  const v1::Source* FindSource(std::int64_t source_id) const;
  // Notes of a claim in thread order: top-level notes by id, each followed by its
  // replies (by id, recursively). `thread` UNSPECIFIED gives both threads (claim thread
  // first); notes whose parent is unknown are shown at the top level.
  std::vector<ThreadedNote> Notes(std::int64_t claim_id,
                                  v1::NoteThread thread = v1::NOTE_THREAD_UNSPECIFIED) const;
  const v1::Note* FindNote(std::int64_t note_id) const;
  // Reviews of a claim by id (some may be hidden).
  std::vector<const v1::Review*> Reviews(std::int64_t claim_id) const;
  const v1::Review* FindReview(std::int64_t review_id) const;
  // The local user's review of the claim, if any.
  const v1::Review* OwnReview(std::int64_t claim_id) const;
  // The claim's newest dispute (highest id), and all of them oldest first.
  const v1::Dispute* DisputeOf(std::int64_t claim_id) const;
  std::vector<const v1::Dispute*> Disputes(std::int64_t claim_id) const;
  // Whether the claim's full lists are known: fetched with Set*, or the claim was created
  // while the model was following the stream (every later record came as an event).
  bool SourcesLoaded(std::int64_t claim_id) const;
  bool NotesLoaded(std::int64_t claim_id) const;
  bool ReviewsLoaded(std::int64_t claim_id) const;
  // The claim's matches, best first, once fetched (SetMatches) or sent by the stream;
  // nullptr before. A response with matched = false says the server has not matched the
  // claim yet (its event will bring them).
  const v1::ListClaimMatchesResponse* MatchesOf(std::int64_t claim_id) const;

  // Presence of other users (sessions of the local user are left out), by handle.
  std::vector<const v1::Presence*> PresentOthers() const;
  std::vector<const v1::Presence*> PresentInTranscript(std::int64_t transcript_id) const;
  std::vector<const v1::Presence*> PresentInSegment(std::int64_t segment_id) const;
  std::vector<const v1::Presence*> PresentOnClaim(std::int64_t claim_id) const;
  const PresenceTable& presence() const { return presence_; }

 private:
  // Reading order of claims within a transcript.
  struct ClaimKey {
    std::int32_t ordinal = 0;
    std::int32_t start_byte = 0;
    std::int32_t end_byte = 0;
    std::int64_t id = 0;
    auto operator<=>(const ClaimKey&) const = default;
  };
  struct StoredClaim {
    v1::Claim claim;
    Origin origin = Origin::kFetch;
  };
  // Everything hanging off one claim.
  struct ClaimRecords {
    std::map<std::int64_t, v1::Source> sources;
    std::map<std::int64_t, v1::Note> notes;
    std::map<std::int64_t, v1::Review> reviews;
    std::map<std::int64_t, v1::Dispute> disputes;
    bool sources_loaded = false;
    bool notes_loaded = false;
    bool reviews_loaded = false;
    bool review_refetch = false;
    std::optional<v1::ListClaimMatchesResponse> matches;
  };

  static ClaimKey KeyOf(const v1::Claim& claim);
  bool StoreClaim(const v1::Claim& claim, Origin origin);
  void IndexClaim(const v1::Claim& claim);
  void UnindexClaim(const v1::Claim& claim);
  bool StoreSource(const v1::Source& source);
  bool StoreNote(const v1::Note& note);
  bool StoreReview(const v1::Review& review);
  bool StoreDispute(const v1::Dispute& dispute);
  void ApplyMember(const v1::Event& event);
  // The event's claim and the archive matches carried with it or found for it.
  void ApplyClaimAndMatches(const v1::Event& event);
  // Live transcripts: appended or corrected segments, the correction, the claims in it.
  void ApplySegments(const v1::Event& event);
  // After a review or claim arrived: whether hidden reviews should now be refetched.
  void CheckReviewRefetch(std::int64_t claim_id, bool own_review_arrived);
  Change Describe(const v1::Event& event) const;
  void Record(Change change);
  const ClaimRecords* RecordsOf(std::int64_t claim_id) const;
  const v1::Claim* Step(std::int64_t claim_id, bool forward, const ClaimFilter& filter) const;
  std::vector<const v1::Presence*> PresentWhere(
      const std::function<bool(const v1::Presence&)>& where) const;

  std::int64_t self_user_id_ = 0;
  // Applies events strictly in seq order; last(): the last applied.
  SeqGate gate_;
  // Events up to here are history the client loaded with the workspace.
  std::int64_t history_seq_ = 0;
  // Seqs of the last applied workspace event and member event for the local user,
  // so an older GetWorkspace does not undo them.
  std::int64_t settings_seq_ = 0;
  std::int64_t self_role_seq_ = 0;

  bool has_workspace_ = false;
  v1::Workspace workspace_;
  std::map<std::int64_t, v1::Member> members_;
  std::map<std::int64_t, v1::Transcript> transcripts_;
  SegmentCache segments_;
  struct SegmentRevisions {
    std::map<std::int32_t, v1::SegmentRevision> by_revision;
    bool loaded = false;
  };
  std::unordered_map<std::int64_t, SegmentRevisions> segment_history_;
  SuggestionBook suggestions_;

  std::unordered_map<std::int64_t, StoredClaim> claims_;
  std::unordered_map<std::int64_t, std::set<ClaimKey>> claims_by_transcript_;
  std::unordered_map<std::int64_t, std::set<ClaimKey>> claims_by_segment_;
  std::unordered_map<std::int64_t, ClaimRecords> records_;
  // Record id -> claim id, for Find*.
  std::unordered_map<std::int64_t, std::int64_t> source_claim_;
  std::unordered_map<std::int64_t, std::int64_t> note_claim_;
  std::unordered_map<std::int64_t, std::int64_t> review_claim_;

  PresenceTable presence_;

  std::deque<Change> changes_;
  std::size_t dropped_changes_ = 0;
  int unseen_ = 0;
};

}  // namespace factdesk::model
