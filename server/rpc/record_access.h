#pragma once

#include <cstdint>
#include <string_view>

#include "common/result.h"
#include "domain/roles.h"
#include "domain/workflow.h"
#include "server/rpc/call.h"
#include "server/store/claim_store.h"
#include "server/store/db.h"
#include "server/store/transcript_store.h"

namespace factdesk::rpc {

// Records named by a global id (a claim, transcript, segment, note, source, dispute,
// webhook) live in one workspace. A caller who is not a member of it is told exactly what
// a missing record answers, NOT_FOUND "claim 7 does not exist", so that the ids of other
// workspaces' records, and which workspace holds them, do not leak (issue 17.10).
// Members still hear PERMISSION_DENIED when their role is too weak: they may know the
// record is there.
Status NoSuchRecord(std::string_view kind, std::int64_t id);

// The caller's role in the workspace holding record `kind` `id`, if it may take `action`.
// `workspace` is the store's answer for the record's workspace: a NOT_FOUND there and a
// caller outside that workspace both become NoSuchRecord.
Result<domain::Role> AuthorizeRecord(store::Tx& tx, const Result<std::int64_t>& workspace,
                                     const Call& call, domain::Action action, std::string_view kind,
                                     std::int64_t id);

// The same for a claim, in one query (store::ClaimWorkspaceAndRole): the claim's
// workspace and the caller's role there, if it may take `action`.
struct ClaimAccess {
  std::int64_t workspace_id = 0;
  domain::Role role{};
};
Result<ClaimAccess> AuthorizeClaim(store::Tx& tx, const Call& call, domain::Action action,
                                   std::int64_t claim_id);
// AuthorizeClaim's rule for a change to the claim, on what store::ReadClaimForChange read
// with the claim's locks (and tx.TakeSeqAtCommit's work on its workspace).
Result<ClaimAccess> AuthorizeClaimChange(const Result<store::ClaimForChange>& read,
                                         domain::Action action, std::int64_t claim_id);

// The same for a change anchored in a segment (a new claim): the segment and the caller's
// role in its workspace, if it may take `action`, with tx.TakeSeqAtCommit on the
// workspace done by the same query (store::SegmentPlaceSharingWorkspace).
struct SegmentAccess {
  store::SegmentInfo segment;
  domain::Role role{};
};
Result<SegmentAccess> AuthorizeSegmentChange(store::Tx& tx, const Call& call, domain::Action action,
                                             std::int64_t segment_id);

// The workspace of a record the store looked up, or the store's refusal.
template <typename Record>
Result<std::int64_t> WorkspaceOf(const Result<Record>& record) {
  if (!record.ok()) return record.status();
  return record->workspace_id();
}

// A transcript named inside a request about `workspace_id` (a search, a dashboard, an
// export) must be in it: NOT_FOUND "transcript 7 is not in this workspace" alike for one
// that is missing and for one in another workspace.
Status RequireTranscriptIn(store::Tx& tx, std::int64_t transcript_id, std::int64_t workspace_id);

}  // namespace factdesk::rpc
