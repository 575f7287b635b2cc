#include "server/rpc/record_access.h"

#include <optional>

#include <fmt/format.h>

#include "server/store/account_store.h"
#include "server/store/claim_store.h"
#include "server/store/transcript_store.h"

namespace factdesk::rpc {

Status NoSuchRecord(std::string_view kind, std::int64_t id) {
  return Status::NotFound(fmt::format("{} {} does not exist", kind, id));
}

namespace {

// `found` is the store's answer for the record, `role` the caller's in its workspace
// (none for a non-member).
Result<domain::Role> AuthorizeRole(const Status& found, const std::optional<domain::Role>& role,
                                   domain::Action action, std::string_view kind, std::int64_t id) {
  if (!found.ok()) {
    if (found.code() == Code::kNotFound) return NoSuchRecord(kind, id);
    return found;
  }
  if (!role) return NoSuchRecord(kind, id);
  FD_RETURN_IF_ERROR(domain::CheckRole(*role, action));
  return *role;
}

// AuthorizeClaim's rule on the store's answer for the claim.
Result<ClaimAccess> AuthorizeClaimAt(const Result<store::ClaimPlace>& place, domain::Action action,
                                     std::int64_t claim_id) {
  FD_ASSIGN_OR_RETURN(const domain::Role role,
                      AuthorizeRole(place.status(), place.ok() ? place->role : std::nullopt, action,
                                    "claim", claim_id));
  return ClaimAccess{place->workspace_id, role};
}

}  // namespace

Result<domain::Role> AuthorizeRecord(store::Tx& tx, const Result<std::int64_t>& workspace,
                                     const Call& call, domain::Action action, std::string_view kind,
                                     std::int64_t id) {
  if (!workspace.ok()) return AuthorizeRole(workspace.status(), std::nullopt, action, kind, id);
  return AuthorizeRole(Status::Ok(), store::RoleOf(tx, *workspace, call.user_id()), action, kind,
                       id);
}

Result<ClaimAccess> AuthorizeClaim(store::Tx& tx, const Call& call, domain::Action action,
                                   std::int64_t claim_id) {
  return AuthorizeClaimAt(store::ClaimWorkspaceAndRole(tx, claim_id, call.user_id()), action,
                          claim_id);
}

Result<SegmentAccess> AuthorizeSegmentChange(store::Tx& tx, const Call& call, domain::Action action,
                                             std::int64_t segment_id) {
  Result<store::SegmentPlace> place =
      store::SegmentPlaceSharingWorkspace(tx, segment_id, call.user_id());
  FD_ASSIGN_OR_RETURN(const domain::Role role,
                      AuthorizeRole(place.status(), place.ok() ? place->role : std::nullopt, action,
                                    "segment", segment_id));
  return SegmentAccess{std::move(place->segment), role};
}

Result<ClaimAccess> AuthorizeClaimChange(const Result<store::ClaimForChange>& read,
                                         domain::Action action, std::int64_t claim_id) {
  return AuthorizeClaimAt(read.ok() ? Result<store::ClaimPlace>(read->place) : read.status(),
                          action, claim_id);
}

Status RequireTranscriptIn(store::Tx& tx, std::int64_t transcript_id, std::int64_t workspace_id) {
  const Result<std::int64_t> found = store::TranscriptWorkspace(tx, transcript_id);
  if (found.ok() && *found == workspace_id) return Status::Ok();
  if (!found.ok() && found.status().code() != Code::kNotFound) return found.status();
  return Status::NotFound(fmt::format("transcript {} is not in this workspace", transcript_id));
}

}  // namespace factdesk::rpc
