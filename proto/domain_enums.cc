#include "proto/domain_enums.h"

namespace factdesk::v1 {

std::optional<domain::ClaimState> ToDomain(ClaimStatus status) {
  switch (status) {
    case CLAIM_STATUS_OPEN:
      return domain::ClaimState::kOpen;
    case CLAIM_STATUS_IN_REVIEW:
      return domain::ClaimState::kInReview;
    case CLAIM_STATUS_DISPUTED:
      return domain::ClaimState::kDisputed;
    case CLAIM_STATUS_RESOLVED:
      return domain::ClaimState::kResolved;
    case CLAIM_STATUS_PUBLISHED:
      return domain::ClaimState::kPublished;
    case CLAIM_STATUS_DISMISSED:
      return domain::ClaimState::kDismissed;
    default:
      return std::nullopt;
  }
}

ClaimStatus ToProto(domain::ClaimState state) {
  switch (state) {
    case domain::ClaimState::kOpen:
      return CLAIM_STATUS_OPEN;
    case domain::ClaimState::kInReview:
      return CLAIM_STATUS_IN_REVIEW;
    case domain::ClaimState::kDisputed:
      return CLAIM_STATUS_DISPUTED;
    case domain::ClaimState::kResolved:
      return CLAIM_STATUS_RESOLVED;
    case domain::ClaimState::kPublished:
      return CLAIM_STATUS_PUBLISHED;
    case domain::ClaimState::kDismissed:
      return CLAIM_STATUS_DISMISSED;
  }
  return CLAIM_STATUS_UNSPECIFIED;
}

std::optional<domain::Role> ToDomain(Role role) {
  switch (role) {
    case ROLE_VIEWER:
      return domain::Role::kViewer;
    case ROLE_CHECKER:
      return domain::Role::kChecker;
    case ROLE_EDITOR:
      return domain::Role::kEditor;
    case ROLE_ADMIN:
      return domain::Role::kAdmin;
    default:
      return std::nullopt;
  }
}

Role ToProto(domain::Role role) {
  switch (role) {
    case domain::Role::kViewer:
      return ROLE_VIEWER;
    case domain::Role::kChecker:
      return ROLE_CHECKER;
    case domain::Role::kEditor:
      return ROLE_EDITOR;
    case domain::Role::kAdmin:
      return ROLE_ADMIN;
  }
  return ROLE_UNSPECIFIED;
}

std::optional<domain::DismissReason> ToDomain(DismissReason reason) {
  switch (reason) {
    case DISMISS_REASON_OPINION:
      return domain::DismissReason::kOpinion;
    case DISMISS_REASON_PREDICTION:
      return domain::DismissReason::kPrediction;
    case DISMISS_REASON_NOT_CHECKABLE:
      return domain::DismissReason::kNotCheckable;
    case DISMISS_REASON_NOT_A_CLAIM:
      return domain::DismissReason::kNotAClaim;
    case DISMISS_REASON_DUPLICATE:
      return domain::DismissReason::kDuplicate;
    default:
      return std::nullopt;
  }
}

DismissReason ToProto(domain::DismissReason reason) {
  switch (reason) {
    case domain::DismissReason::kOpinion:
      return DISMISS_REASON_OPINION;
    case domain::DismissReason::kPrediction:
      return DISMISS_REASON_PREDICTION;
    case domain::DismissReason::kNotCheckable:
      return DISMISS_REASON_NOT_CHECKABLE;
    case domain::DismissReason::kNotAClaim:
      return DISMISS_REASON_NOT_A_CLAIM;
    case domain::DismissReason::kDuplicate:
      return DISMISS_REASON_DUPLICATE;
  }
  return DISMISS_REASON_UNSPECIFIED;
}

std::optional<domain::DisputeRule> ToDomain(DisputeRule rule) {
  switch (rule) {
    case DISPUTE_RULE_EDITOR_DECIDES:
      return domain::DisputeRule::kEditorDecides;
    case DISPUTE_RULE_MAJORITY:
      return domain::DisputeRule::kMajority;
    default:
      return std::nullopt;
  }
}

DisputeRule ToProto(domain::DisputeRule rule) {
  switch (rule) {
    case domain::DisputeRule::kEditorDecides:
      return DISPUTE_RULE_EDITOR_DECIDES;
    case domain::DisputeRule::kMajority:
      return DISPUTE_RULE_MAJORITY;
  }
  return DISPUTE_RULE_UNSPECIFIED;
}

domain::Policy ToDomain(const ReviewPolicy& policy) {
  domain::Policy p;
  p.required_reviews = policy.required_reviews();
  p.require_source = policy.require_source();
  p.dispute_rule = ToDomain(policy.dispute_rule()).value_or(domain::DisputeRule::kEditorDecides);
  return p;
}

}  // namespace factdesk::v1
