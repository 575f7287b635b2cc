#include "server/rpc/authorize.h"

#include "server/store/account_store.h"

namespace factdesk::rpc {

Result<domain::Role> Authorize(store::Tx& tx, std::int64_t workspace_id, const Call& call,
                               domain::Action action) {
  FD_ASSIGN_OR_RETURN(const domain::Role role,
                      store::RequireMember(tx, workspace_id, call.user_id()));
  FD_RETURN_IF_ERROR(domain::CheckRole(role, action));
  return role;
}

Status CheckClaimAction(domain::Role role, const v1::Claim& claim, domain::Action action) {
  FD_RETURN_IF_ERROR(domain::CheckRole(role, action));
  return domain::CheckState(ToDomainState(claim.status()), action);
}

domain::ClaimState ToDomainState(v1::ClaimStatus status) {
  switch (status) {
    case v1::CLAIM_STATUS_IN_REVIEW:
      return domain::ClaimState::kInReview;
    case v1::CLAIM_STATUS_DISPUTED:
      return domain::ClaimState::kDisputed;
    case v1::CLAIM_STATUS_RESOLVED:
      return domain::ClaimState::kResolved;
    case v1::CLAIM_STATUS_PUBLISHED:
      return domain::ClaimState::kPublished;
    case v1::CLAIM_STATUS_DISMISSED:
      return domain::ClaimState::kDismissed;
    default:
      return domain::ClaimState::kOpen;
  }
}

v1::ClaimStatus ToProtoStatus(domain::ClaimState state) {
  switch (state) {
    case domain::ClaimState::kOpen:
      return v1::CLAIM_STATUS_OPEN;
    case domain::ClaimState::kInReview:
      return v1::CLAIM_STATUS_IN_REVIEW;
    case domain::ClaimState::kDisputed:
      return v1::CLAIM_STATUS_DISPUTED;
    case domain::ClaimState::kResolved:
      return v1::CLAIM_STATUS_RESOLVED;
    case domain::ClaimState::kPublished:
      return v1::CLAIM_STATUS_PUBLISHED;
    case domain::ClaimState::kDismissed:
      return v1::CLAIM_STATUS_DISMISSED;
  }
  return v1::CLAIM_STATUS_UNSPECIFIED;
}

v1::Event NewEvent(v1::EventKind kind, std::int64_t claim_id) {
  v1::Event event;
  event.set_kind(kind);
  event.set_claim_id(claim_id);
  return event;
}

}  // namespace factdesk::rpc
