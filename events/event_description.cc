#include "events/event_description.h"

#include <fmt/format.h>

#include "events/event_kind.h"
#include "proto/enum_text.h"
#include "proto/labels.h"

namespace factdesk::events {
namespace {

std::string Dismissed(const v1::Claim& claim) {
  return fmt::format("dismissed the claim ({})", v1::EnumText(claim.dismiss_reason(), true));
}

std::string SourceAdded(const v1::Source& s) {
  return fmt::format("added a source: {} ({})", s.title().empty() ? s.url() : s.title(),
                     v1::EnumText(s.stance(), true));
}

std::string NoteAdded(const v1::Note& note) {
  return note.parent_id() != 0 ? "replied to a note" : "added a note";
}

// The verdict only when the reader may see it.
std::string Reviewed(const char* verb, const v1::Review& r) {
  if (r.hidden()) return verb;
  return fmt::format("{}: {} (confidence {})", verb, r.verdict().label(),
                     v1::EnumText(r.confidence(), true));
}

std::string MemberSet(const v1::Member& m) {
  const std::string role = v1::EnumText(m.role(), true);
  const bool vowel = !role.empty() && std::string_view("aeiou").find(role[0]) != std::string::npos;
  return fmt::format("made {} {} {}", v1::NameOf(m.user()), vowel ? "an" : "a", role);
}

std::string Imported(const v1::Transcript& t) {
  return t.title().empty() ? "imported a transcript" : "imported a transcript: " + t.title();
}

// "linked the claim to PolitiFact's check: \"...\"", or "removed the claim's link".
std::string LinkDescription(const v1::ClaimLink& link) {
  if (link.check_id() == 0 && link.claim_id() == 0) return "removed the claim's link";
  const std::string& who = link.author_name();
  if (link.check_id() == 0 || link.claim_id() != 0) {
    return fmt::format("marked it the same claim as claim {}", link.claim_id());
  }
  return fmt::format("marked it the same claim as {}check {}",
                     who.empty() ? std::string() : who + "'s ", link.check_id());
}

std::string SuggestionsAdded(const v1::SuggestionBatch& b) {
  if (b.status().state() == v1::SCORING_STATE_NOT_ENGLISH) {
    return fmt::format("gave transcript {} no suggestions: {}", b.transcript_id(),
                       b.status().note());
  }
  return fmt::format("suggested {} sentence{} of transcript {} ({} of {} segments scored)",
                     b.suggestions_size(), b.suggestions_size() == 1 ? "" : "s", b.transcript_id(),
                     b.status().scored_segments(), b.status().segment_count());
}

// "found earlier checks for 2 suggestions of transcript 4"; "found no earlier check for
// ..." when the suggestions lost their matches (the checks were removed).
std::string SuggestionsMatched(const v1::SuggestionBatch& b) {
  int with = 0;
  for (const v1::Suggestion& s : b.suggestions()) with += s.matches_size() > 0 ? 1 : 0;
  const int n = with > 0 ? with : b.suggestions_size();
  return fmt::format("found {} for {} suggestion{} of transcript {}",
                     with > 0 ? "earlier checks" : "no earlier check", n, n == 1 ? "" : "s",
                     b.transcript_id());
}

std::string Appended(const v1::Event& e) {
  const int n = e.segments_size();
  return fmt::format("added {} segment{} to {} (now {})", n, n == 1 ? "" : "s",
                     e.transcript().title(), e.transcript().segment_count());
}

// "corrected segment 12 (2 claims kept, 1 claim's quote changed)".
std::string Corrected(const v1::Event& e) {
  const int ordinal = e.segments().empty() ? 0 : e.segments(0).ordinal();
  int changed = 0;
  for (const v1::Claim& c : e.claims()) changed += c.has_quote_change() ? 1 : 0;
  if (changed == 0) return fmt::format("corrected the text of segment {}", ordinal + 1);
  return fmt::format("corrected the text of segment {}; {} claim{} lost {} quote", ordinal + 1,
                     changed, changed == 1 ? "" : "s", changed == 1 ? "its" : "their");
}

const v1::Suggestion& OneSuggestion(const v1::SuggestionBatch& b) {
  return b.suggestions().empty() ? v1::Suggestion::default_instance() : b.suggestions(0);
}

}  // namespace

namespace {

// The workspace's settings and members, transcripts, and a claim's own moves ("" for other kinds).
std::string WorkspaceOrClaimAction(const v1::Event& e) {
  switch (e.kind()) {
    case v1::EVENT_KIND_WORKSPACE_POLICY_UPDATED:
      return "changed the review policy";
    case v1::EVENT_KIND_WORKSPACE_SCALE_UPDATED:
      return "replaced the rating scale";
    case v1::EVENT_KIND_WORKSPACE_PUBLISHER_UPDATED:
      return "changed who publishes the checks";
    case v1::EVENT_KIND_MEMBER_SET:
      return MemberSet(e.member());
    case v1::EVENT_KIND_MEMBER_REMOVED:
      return fmt::format("removed {} from the workspace", v1::NameOf(e.member().user()));
    case v1::EVENT_KIND_TRANSCRIPT_IMPORTED:
      return Imported(e.transcript());
    case v1::EVENT_KIND_TRANSCRIPT_OPENED:
      return "opened a live transcript: " + e.transcript().title();
    case v1::EVENT_KIND_SEGMENTS_APPENDED:
      return Appended(e);
    case v1::EVENT_KIND_TRANSCRIPT_CLOSED:
      return "closed the live transcript: " + e.transcript().title();
    case v1::EVENT_KIND_SEGMENT_CORRECTED:
      return Corrected(e);
    case v1::EVENT_KIND_CLAIM_REANCHORED:
      return "marked the claim's quote again in the corrected text";
    case v1::EVENT_KIND_CLAIM_CREATED:
      return "marked the claim";
    case v1::EVENT_KIND_CLAIM_UPDATED:
      return "edited the claim";
    case v1::EVENT_KIND_CLAIM_ASSIGNED:
      return "changed who works on the claim";
    case v1::EVENT_KIND_CLAIM_TAKEN:
      return "took the claim";
    case v1::EVENT_KIND_CLAIM_DISMISSED:
      return Dismissed(e.claim());
    case v1::EVENT_KIND_CLAIM_REOPENED:
      return "reopened the claim";
    case v1::EVENT_KIND_CLAIM_PUBLISHED:
      return "published the check";
    case v1::EVENT_KIND_CLAIM_CORRECTED:
      return "corrected the published check";
    default:
      return "";
  }
}

// Sources, notes, reviews, disputes, matches, links, tags and suggestions ("" for other kinds).
std::string RecordAction(const v1::Event& e) {
  switch (e.kind()) {
    case v1::EVENT_KIND_SOURCE_ADDED:
      return SourceAdded(e.source());
    case v1::EVENT_KIND_SOURCE_REMOVED:
      return fmt::format("removed a source: {}", e.source().url());
    case v1::EVENT_KIND_NOTE_ADDED:
      return NoteAdded(e.note());
    case v1::EVENT_KIND_NOTE_EDITED:
      return "edited a note";
    case v1::EVENT_KIND_NOTE_REMOVED:
      return "removed a note";
    case v1::EVENT_KIND_REVIEW_SUBMITTED:
      return Reviewed("submitted a review", e.review());
    case v1::EVENT_KIND_REVIEW_REVISED:
      return Reviewed("revised their review", e.review());
    case v1::EVENT_KIND_DISPUTE_DECIDED:
      return fmt::format("decided the dispute: {}", e.dispute().final_verdict().label());
    case v1::EVENT_KIND_CLAIM_MATCHED:
      return e.matches().empty() ? std::string("found no earlier check of the claim")
                                 : fmt::format("found {} earlier check{} of the claim",
                                               e.matches_size(), e.matches_size() == 1 ? "" : "s");
    case v1::EVENT_KIND_CLAIM_LINKED:
      return LinkDescription(e.claim().link());
    case v1::EVENT_KIND_CLAIM_TAGGED:
      return fmt::format("tagged the claim {}", e.tag());
    case v1::EVENT_KIND_CLAIM_UNTAGGED:
      return fmt::format("removed the tag {} from the claim", e.tag());
    case v1::EVENT_KIND_SUGGESTIONS_ADDED:
      return SuggestionsAdded(e.suggestions());
    case v1::EVENT_KIND_SUGGESTION_ACCEPTED:
      return "accepted a suggestion as a claim";
    case v1::EVENT_KIND_SUGGESTION_DISMISSED:
      return "dismissed a suggestion: " + OneSuggestion(e.suggestions()).reason();
    case v1::EVENT_KIND_SUGGESTIONS_RESCORED:
      return fmt::format("asked for transcript {} to be scored again",
                         e.suggestions().transcript_id());
    case v1::EVENT_KIND_SUGGESTIONS_MATCHED:
      return SuggestionsMatched(e.suggestions());
    default:
      return "";
  }
}

}  // namespace

std::string DescribeAction(const v1::Event& e) {
  if (std::string words = WorkspaceOrClaimAction(e); !words.empty()) return words;
  if (std::string words = RecordAction(e); !words.empty()) return words;
  return "made a change";
}

std::string DescribeEvent(const v1::Event& e) {
  const std::string& actor = v1::NameOf(e.actor());
  // The server's workers, nobody's command.
  if (actor.empty() && e.kind() == v1::EVENT_KIND_SUGGESTIONS_ADDED) {
    return "The scorer " + DescribeAction(e);
  }
  if (actor.empty() && (e.kind() == v1::EVENT_KIND_CLAIM_MATCHED ||
                        e.kind() == v1::EVENT_KIND_SUGGESTIONS_MATCHED)) {
    return "Factdesk " + DescribeAction(e);
  }
  return fmt::format("{} {}", actor.empty() ? "An administrator" : actor, DescribeAction(e));
}

}  // namespace factdesk::events
