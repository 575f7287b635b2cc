#include "server/rpc/claim_mutation.h"

#include <fmt/format.h>

#include "proto/claim_checks.h"
#include "server/rpc/authorize.h"
#include "server/rpc/record_access.h"
#include "server/store/account_store.h"
#include "server/store/archive_store.h"
#include "server/store/claim_store.h"
#include "server/store/review_store.h"

namespace factdesk::rpc {
namespace {

// The claim's facts for the rules, read under its lock. The policy and the votes cost
// queries, so they are read only for the actions whose rules look at them; the workspace
// read for the policy goes on to the change.
domain::ClaimFacts ReadFacts(store::Tx& tx, const v1::Claim& claim, domain::Action action,
                             const std::optional<v1::Workspace>& workspace) {
  domain::ClaimFacts facts =
      v1::FactsOf(claim, workspace ? workspace->policy() : v1::ReviewPolicy());
  if (domain::FactsNeededFor(action).votes) facts.votes = store::Votes(tx, claim.id());
  return facts;
}

}  // namespace

Status StaleVersion(Call& call, std::string_view what, std::int64_t id, std::int64_t read,
                    const google::protobuf::Message& current, std::int64_t now) {
  call.AttachCurrent(current);
  return Status::Aborted(fmt::format(
      "{} {} changed since you read it (you read version {}; it is now version {}); the current "
      "{} is attached",
      what, id, read, now, what));
}

Status MutateClaim(Runtime& rt, Call& call, std::int64_t claim_id, std::int64_t expected_version,
                   domain::Action action,
                   const std::function<Result<v1::Event>(ClaimContext&)>& change, v1::Claim* out) {
  return rt.db.Write(domain::ActionName(action), call.writer(), [&](store::Tx& tx) -> Status {
    // The place, the claim and the policy in one round trip; the place is judged first.
    Result<store::ClaimForChange> read = store::ReadClaimForChange(
        tx, claim_id, call.user_id(), domain::FactsNeededFor(action).policy);
    FD_ASSIGN_OR_RETURN(const ClaimAccess access, AuthorizeClaimChange(read, action, claim_id));
    const domain::Role role = access.role;
    const std::int64_t ws = access.workspace_id;
    const v1::Claim claim = std::move(read->claim);
    const std::optional<v1::Workspace> workspace = std::move(read->workspace);
    if (expected_version >= 0 && claim.version() != expected_version) {
      return StaleVersion(call, "claim", claim_id, expected_version, claim, claim.version());
    }
    FD_RETURN_IF_ERROR(
        domain::CheckClaimAction(role, action, ReadFacts(tx, claim, action, workspace)));
    ClaimContext context{tx, role, claim, workspace};
    FD_ASSIGN_OR_RETURN(v1::Event event, change(context));
    if (context.now) {
      *out = std::move(*context.now);
    } else {
      FD_ASSIGN_OR_RETURN(*out, store::GetClaim(tx, claim_id));
    }
    // The workspace's own published checks are part of its archive, as they now stand.
    if (claim.status() == v1::CLAIM_STATUS_PUBLISHED ||
        out->status() == v1::CLAIM_STATUS_PUBLISHED) {
      store::MirrorOwnClaim(tx, ws, claim_id, call.user_id());
    }
    event.set_claim_id(claim_id);
    *event.mutable_claim() = *out;
    tx.Append(event);
    return Status::Ok();
  });
}

}  // namespace factdesk::rpc
