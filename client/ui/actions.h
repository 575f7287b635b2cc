#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/note.pb.h"
#include "factdesk/v1/review.pb.h"
#include "factdesk/v1/source.pb.h"

namespace factdesk::ui {

// What the views ask for. Views never call the network: they append Actions, and the
// controller (client/app) turns each into RPCs after the frame.
namespace action {

// Sign in to a server (the connect screen).
struct Connect {
  std::string address;
  std::string token;
  bool tls = false;
  std::string ca_file;
};
struct Disconnect {};
// Open a workspace by slug (the picker).
struct OpenWorkspace {
  std::string slug;
};
// Show a transcript in the reader (fetches its segments).
struct OpenTranscript {
  std::int64_t transcript_id = 0;
};
// The inspector opened a claim: fetch what it shows (sources, notes, reviews, history).
struct OpenClaim {
  std::int64_t claim_id = 0;
};
struct MarkClaim {
  std::int64_t segment_id = 0;
  std::int32_t start_byte = 0;
  std::int32_t end_byte = 0;
};
// UpdateClaim: summary and/or claimant, naming the version the text was based on.
struct UpdateClaim {
  std::int64_t claim_id = 0;
  std::int64_t expected_version = 0;
  std::optional<std::string> summary;
  std::optional<std::string> claimant;
};
// The conflict banner was answered ("use theirs" or "keep mine and retry").
struct ClearConflict {
  std::int64_t claim_id = 0;
};
struct AssignClaim {
  std::int64_t claim_id = 0;
  std::int64_t expected_version = 0;
  std::vector<std::int64_t> assignee_ids;
};
struct TakeClaim {
  std::int64_t claim_id = 0;
};
struct TagClaim {
  std::int64_t claim_id = 0;
  std::string tag;
};
struct UntagClaim {
  std::int64_t claim_id = 0;
  std::string tag;
};
struct DismissClaim {
  std::int64_t claim_id = 0;
  std::int64_t expected_version = 0;
  v1::DismissReason reason = v1::DISMISS_REASON_NOT_CHECKABLE;
  std::string explanation;
  // For a duplicate: the claim or archived check it duplicates (one of them).
  std::int64_t duplicate_of_claim_id = 0;
  std::int64_t duplicate_of_check_id = 0;
};
// "Same claim as": an archived check (check_id) or another claim; UnlinkClaim removes it.
struct LinkClaim {
  std::int64_t claim_id = 0;
  std::int64_t expected_version = 0;
  std::int64_t check_id = 0;
  std::int64_t same_as_claim_id = 0;
};
struct UnlinkClaim {
  std::int64_t claim_id = 0;
  std::int64_t expected_version = 0;
};
struct ReopenClaim {
  std::int64_t claim_id = 0;
  std::int64_t expected_version = 0;
  std::string reason;
};
struct PublishClaim {
  std::int64_t claim_id = 0;
  std::int64_t expected_version = 0;
};
// A correction of a published check: a reason, and a new summary and/or verdict.
struct CorrectClaim {
  std::int64_t claim_id = 0;
  std::int64_t expected_version = 0;
  std::string reason;
  std::optional<std::string> summary;
  std::optional<std::string> verdict;
};
struct AddSource {
  std::int64_t claim_id = 0;
  std::string url;
  std::string title;
  std::string publisher;
  std::string excerpt;
  v1::Stance stance = v1::STANCE_SUPPORTS;
  bool primary = false;
};
struct RemoveSource {
  std::int64_t source_id = 0;
};
struct AddNote {
  std::int64_t claim_id = 0;
  std::int64_t parent_id = 0;
  v1::NoteThread thread = v1::NOTE_THREAD_CLAIM;
  std::string body;
};
struct SubmitReview {
  std::int64_t claim_id = 0;
  std::string verdict;
  std::string rationale;
  v1::Confidence confidence = v1::CONFIDENCE_MEDIUM;
  // 0 for a first review, else the own review's version.
  std::int64_t expected_version = 0;
};
struct OpenDispute {
  std::int64_t claim_id = 0;
};
struct DecideDispute {
  std::int64_t dispute_id = 0;
  std::int64_t claim_id = 0;
  std::string verdict;
  std::string reasoning;
};
// Suggestions: accept marks the sentence as a claim; dismiss hides it for everyone.
struct AcceptSuggestion {
  std::int64_t suggestion_id = 0;
};
struct DismissSuggestion {
  std::int64_t suggestion_id = 0;
  std::string reason;
};
// A claim whose quote a correction changed, marked again in the segment's new text.
struct ReanchorClaim {
  std::int64_t claim_id = 0;
  std::int64_t expected_version = 0;
  std::int32_t start_byte = 0;
  std::int32_t end_byte = 0;
};
// A corrected segment's history (the reader's hover).
struct FetchSegmentHistory {
  std::int64_t segment_id = 0;
};
struct RefreshDashboard {};
struct RefreshDisputes {};
// Parse a file locally and show the importer's preview.
struct PreviewImport {
  std::string path;
};
// Send the previewed file.
struct Import {
  std::string path;
  std::string title;
  // Who speaks what no label attributes (empty: as the file says).
  std::string speaker;
  // A BCP 47 tag (empty: the server guesses).
  std::string language;
};
struct CancelImport {};
// Full-text search in the open transcript.
struct Search {
  std::string query;
};
// Search the workspace's claims (the Claims tab). A page token asks for the next page
// of the same search; none starts a new one.
struct SearchClaims {
  v1::SearchClaimsRequest request;
};
// The unseen-changes badge was looked at.
struct MarkSeen {};
struct DismissNotice {
  std::uint64_t id = 0;
};

}  // namespace action

using Action =
    std::variant<action::Connect, action::Disconnect, action::OpenWorkspace, action::OpenTranscript,
                 action::OpenClaim, action::MarkClaim, action::UpdateClaim, action::ClearConflict,
                 action::AssignClaim, action::TakeClaim, action::TagClaim, action::UntagClaim,
                 action::DismissClaim, action::ReopenClaim, action::PublishClaim,
                 action::CorrectClaim, action::LinkClaim, action::UnlinkClaim, action::AddSource,
                 action::RemoveSource, action::AddNote, action::SubmitReview, action::OpenDispute,
                 action::DecideDispute, action::AcceptSuggestion, action::DismissSuggestion,
                 action::ReanchorClaim, action::FetchSegmentHistory, action::RefreshDashboard,
                 action::RefreshDisputes, action::PreviewImport, action::Import,
                 action::CancelImport, action::Search, action::SearchClaims, action::MarkSeen,
                 action::DismissNotice>;

// Where views put their actions during a frame.
using ActionList = std::vector<Action>;

}  // namespace factdesk::ui
