#include "proto/claim_checks.h"

#include "proto/domain_enums.h"

namespace factdesk::v1 {

domain::ClaimState StateOf(const Claim& claim) {
  return ToDomain(claim.status()).value_or(domain::ClaimState::kOpen);
}

domain::ClaimFacts FactsOf(const Claim& claim, const ReviewPolicy& policy) {
  domain::ClaimFacts facts;
  facts.id = claim.id();
  facts.state = StateOf(claim);
  for (const User& u : claim.assignees()) facts.assignees.push_back(u.handle());
  facts.active_sources = claim.source_count();
  facts.policy = ToDomain(policy);
  return facts;
}

std::vector<domain::Vote> VotesOf(const std::vector<const Review*>& reviews) {
  std::vector<domain::Vote> votes;
  for (const Review* r : reviews) {
    if (!r->hidden()) votes.push_back({r->reviewer().id(), r->verdict().label()});
  }
  return votes;
}

Status CheckClaimAction(const Workspace& workspace, const Claim& claim, domain::Action action,
                        std::optional<std::vector<domain::Vote>> votes) {
  const std::optional<domain::Role> role = ToDomain(workspace.my_role());
  if (!role) return domain::NotAMember(claim.workspace_id());
  domain::ClaimFacts facts = FactsOf(claim, workspace.policy());
  facts.votes = std::move(votes);
  return domain::CheckClaimAction(*role, action, facts);
}

Status CheckRole(const Workspace& workspace, domain::Action action) {
  const std::optional<domain::Role> role = ToDomain(workspace.my_role());
  if (!role) return domain::NotAMember(workspace.id());
  return domain::CheckRole(*role, action);
}

}  // namespace factdesk::v1
