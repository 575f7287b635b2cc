#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/anchor.h"
#include "domain/roles.h"
#include "factdesk/v1/claim.pb.h"
#include "factdesk/v1/workspace.pb.h"
#include "server/store/db.h"
#include "server/store/statement.h"

namespace factdesk::store {

std::span<const Statement> ClaimStatements();

struct NewClaim {
  std::int64_t workspace_id = 0;
  std::int64_t transcript_id = 0;
  std::int64_t segment_id = 0;
  int start_byte = 0;
  int end_byte = 0;
  domain::Anchor anchor;
  std::string summary;
  std::string claimant;
  std::int64_t created_by = 0;
};

// Inserts the claim and queues it for the match worker ("checked before?").
Result<v1::Claim> InsertClaim(Tx& tx, const NewClaim& claim);
// The claim with its assignees and counts; NOT_FOUND names the id.
Result<v1::Claim> GetClaim(Tx& tx, std::int64_t claim_id);
// The claim's workspace and the user's role there (none for a non-member), in one
// query: what any request about the claim is authorized with (rpc::AuthorizeClaim).
struct ClaimPlace {
  std::int64_t workspace_id = 0;
  std::optional<domain::Role> role;
};
Result<ClaimPlace> ClaimWorkspaceAndRole(Tx& tx, std::int64_t claim_id, std::int64_t user_id);
// What a change to the claim reads first, in one round trip (Tx::ExecInOneTrip): the
// claim's place by a statement that also takes its workspace lock shared, with the seq
// to be taken at COMMIT (Tx::TakeSeqAtCommit's work), and then locks the claim's row
// (FOR UPDATE); the claim as it stands under those locks; and, `with_workspace`, its
// workspace as `user_id` sees it (the policy a rule reads). The claim is read before
// the place is judged, and is the caller's to drop when the place refuses the change.
struct ClaimForChange {
  ClaimPlace place;
  v1::Claim claim;
  std::optional<v1::Workspace> workspace;
};
Result<ClaimForChange> ReadClaimForChange(Tx& tx, std::int64_t claim_id, std::int64_t user_id,
                                          bool with_workspace);

struct ClaimFilter {
  std::int64_t workspace_id = 0;
  std::int64_t transcript_id = 0;     // 0 = any
  std::vector<std::string> statuses;  // empty = any ("OPEN", ...)
  std::int64_t assignee_id = 0;       // 0 = any
  bool unassigned = false;
};
// In transcript order after the position (transcript_id, ordinal, start_byte, id) of
// the `after` claim id (0 = from the start).
Result<std::vector<v1::Claim>> ListClaims(Tx& tx, const ClaimFilter& filter,
                                          std::int64_t after_claim_id, int limit);

// These claims (any order; ids that do not exist are left out).
Result<std::vector<v1::Claim>> ClaimsByIds(Tx& tx, const std::vector<std::int64_t>& claim_ids);

// The ids of a workspace's claims (of one transcript, unless 0; PUBLISHED ones only when
// `published_only`) in ListClaims' order, in one sort: what an export walks, where paging
// with ListClaims sorted them all again for every page.
std::vector<std::int64_t> ClaimIdsInOrder(Tx& tx, std::int64_t workspace_id,
                                          std::int64_t transcript_id, bool published_only);

// Tags (the caller checked the rule, domain/claim_tags.h). Neither bumps the version.
void AddTag(Tx& tx, std::int64_t workspace_id, std::int64_t claim_id, const std::string& tag,
            std::int64_t tagged_by);
void RemoveTag(Tx& tx, std::int64_t claim_id, const std::string& tag);

// Claims as records, for exports: what ClaimsByIds reads but the desk's counts, assignees
// and tags (left zero and empty), which take a subquery per claim and no export prints.
Result<std::vector<v1::Claim>> ClaimRecordsByIds(Tx& tx,
                                                 const std::vector<std::int64_t>& claim_ids);
// Claims anchored in segments first_ordinal..last_ordinal of a transcript, in reading
// order, as records (exports render a transcript a page of segments at a time).
Result<std::vector<v1::Claim>> ClaimRecordsOfOrdinals(Tx& tx, std::int64_t transcript_id,
                                                      int first_ordinal, int last_ordinal);

// Writes the editable fields and bumps the version (the caller checked the version).
void UpdateClaimText(Tx& tx, std::int64_t claim_id, const std::string& summary,
                     const std::string& claimant);

// Workflow state. `verdict` set only with RESOLVED/PUBLISHED outcomes.
struct ClaimStateChange {
  std::string status{};  // "OPEN", "IN_REVIEW", ...
  std::string status_reason{};
  std::optional<std::string> dismiss_reason{};
  std::optional<v1::Verdict> verdict{};  // nullopt keeps it; an empty label clears it
  bool set_resolved_now = false;
  bool set_published_now = false;
  bool clear_resolution = false;
};
void ChangeClaimState(Tx& tx, std::int64_t claim_id, const ClaimStateChange& change);
// The same, for a change whose last write it is: the claim as it then stands, read by
// the same statement.
Result<v1::Claim> ChangeClaimStateAndRead(Tx& tx, std::int64_t claim_id,
                                          const ClaimStateChange& change);
void SetAssignees(Tx& tx, std::int64_t workspace_id, std::int64_t claim_id,
                  const std::vector<std::int64_t>& user_ids, std::int64_t assigned_by);
// `earlier_verdict`: the verdict a correction replaced ("" when it kept the verdict).
void RecordCorrection(Tx& tx, std::int64_t workspace_id, std::int64_t claim_id,
                      const std::string& reason, std::int64_t corrected_by,
                      const std::string& earlier_verdict = "");
// Claims anchored in the segment, in reading order.
std::vector<v1::Claim> ClaimsOfSegment(Tx& tx, std::int64_t segment_id);
// A claim's new range and anchor in its segment's text (a correction found its quote, or
// a checker marked it again): the quote change is cleared, the version bumped.
void MoveClaimAnchor(Tx& tx, std::int64_t claim_id, std::int64_t start, std::int64_t end,
                     const domain::Anchor& anchor);
// A correction took the claim's quote out of the text: it keeps its quote, prefix and
// suffix, its range clamped into the new text, and is flagged (claim.quote_change) with
// the text before (`old_text`; the first one if it was flagged already) and after.
void FlagQuoteChange(Tx& tx, std::int64_t claim_id, std::int64_t start, std::int64_t end,
                     const std::string& old_text, const std::string& new_text, int revision);
// Bumps version and updated_at (for changes recorded elsewhere, e.g. assignees).
void TouchClaim(Tx& tx, std::int64_t claim_id);

}  // namespace factdesk::store
